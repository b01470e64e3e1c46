import type { RowReject } from '../tickets/map-row.js';
import type { Db } from './database.js';
import { stmt } from './statements.js';

export type ImportStatus = 'running' | 'done' | 'failed' | 'interrupted';

export interface TicketImportRow {
  id: number;
  source: string;
  origin: 'file' | 'push';
  file_name: string | null;
  file_sha256: string | null;
  format: string | null;
  status: ImportStatus;
  rows_read: number;
  rows_inserted: number;
  rows_updated: number;
  rows_unchanged: number;
  rows_rejected: number;
  error: string | null;
  actor: string;
  pid: number | null;
  started_at: string;
  finished_at: string | null;
}

export interface ImportCounts {
  read: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
}

export interface RejectRow extends RowReject {
  row_no: number;
}

export function createImport(db: Db, i: { source: string; origin: 'file' | 'push'; file_name?: string | null; file_sha256?: string | null; format?: string | null; actor: string; pid?: number | null }, now: string): number {
  const r = stmt(db, `INSERT INTO ticket_imports (source, origin, file_name, file_sha256, format, status, actor, pid, started_at) VALUES (?, ?, ?, ?, ?, 'running', ?, ?, ?)`).run(
    i.source, i.origin, i.file_name ?? null, i.file_sha256 ?? null, i.format ?? null, i.actor, i.pid ?? null, now,
  );
  return Number(r.lastInsertRowid);
}

/** Adds a batch's counts and rejected rows (call inside the batch's transaction). */
export function recordBatch(db: Db, importId: number, add: ImportCounts, rejects: readonly RejectRow[]): void {
  stmt(db, `UPDATE ticket_imports SET rows_read = rows_read + ?, rows_inserted = rows_inserted + ?, rows_updated = rows_updated + ?, rows_unchanged = rows_unchanged + ?, rows_rejected = rows_rejected + ? WHERE id = ?`).run(
    add.read, add.inserted, add.updated, add.unchanged, add.rejected, importId,
  );
  const insert = stmt(db, 'INSERT INTO ticket_import_rejects (import_id, row_no, field, expected, received, message) VALUES (?, ?, ?, ?, ?, ?)');
  for (const r of rejects) insert.run(importId, r.row_no, r.field, r.expected, r.received, r.message);
}

export function finishImport(db: Db, importId: number, status: Exclude<ImportStatus, 'running'>, error: string | null, now: string): void {
  stmt(db, 'UPDATE ticket_imports SET status = ?, error = ?, finished_at = ? WHERE id = ?').run(status, error, now, importId);
}

export function getImport(db: Db, id: number): TicketImportRow | undefined {
  return stmt(db, 'SELECT * FROM ticket_imports WHERE id = ?').get(id) as TicketImportRow | undefined;
}

/** Newest first. */
export function listImports(db: Db, limit = 50): TicketImportRow[] {
  return stmt(db, 'SELECT * FROM ticket_imports ORDER BY id DESC LIMIT ?').all(limit) as TicketImportRow[];
}

/** The rejected-rows report of an import, in row order. */
export function importRejects(db: Db, importId: number): RejectRow[] {
  return stmt(db, 'SELECT row_no, field, expected, received, message FROM ticket_import_rejects WHERE import_id = ? ORDER BY row_no, id').all(importId) as RejectRow[];
}

/** Marks imports of processes that are gone (a CLI import killed mid-way) interrupted; returns their ids. */
export function markInterruptedImports(db: Db, alive: (pid: number) => boolean, now: string): number[] {
  const running = stmt(db, `SELECT id, pid FROM ticket_imports WHERE status = 'running'`).all() as { id: number; pid: number | null }[];
  const dead = running.filter((r) => r.pid === null || !alive(r.pid));
  const mark = stmt(db, `UPDATE ticket_imports SET status = 'interrupted', finished_at = ? WHERE id = ? AND status = 'running'`);
  for (const r of dead) mark.run(now, r.id);
  return dead.map((r) => r.id);
}
