import type { Db } from '../storage/database.js';
import { inTransaction, nowIso } from '../storage/database.js';
import { createImport, finishImport, recordBatch, type RejectRow } from '../storage/ticket-imports.js';
import { upsertTickets, type UpsertOutcome } from '../storage/tickets.js';
import { markAbandonedImports } from './interrupted-imports.js';
import { rowMapper, type MappedTicket, type RawRow } from './map-row.js';
import type { TicketSource } from './source-mapping.js';

export type PushRowResult =
  | { row: number; ticket_no: string; status: UpsertOutcome }
  | { row: number; status: 'rejected'; field: string | null; expected: string; received: string; message: string };

export interface PushResult {
  import_id: number;
  accepted: number;
  rejected: number;
  results: PushRowResult[];
}

/**
 * A batch a hotline system pushes: rows keyed by the source's column names (as in its export),
 * mapped and validated like a file's rows, stored in one transaction with an import record
 * (origin push) and its rejected rows. Rows are numbered from 1 in the order sent.
 */
export function importPushBatch(db: Db, source: TicketSource, rows: readonly RawRow[], actor: string): PushResult {
  const map = rowMapper(source);
  const tickets: MappedTicket[] = [];
  const rowOf: number[] = [];
  const rejects: RejectRow[] = [];
  rows.forEach((raw, i) => {
    const m = map(raw);
    if ('reject' in m) rejects.push({ row_no: i + 1, ...m.reject, message: `第 ${i + 1} 条：${m.reject.message}` });
    else {
      tickets.push(m.ticket);
      rowOf.push(i + 1);
    }
  });
  markAbandonedImports(db);
  return inTransaction(db, () => {
    const importId = createImport(db, { source: source.key, origin: 'push', format: 'json', actor, pid: process.pid }, nowIso());
    const stored = upsertTickets(db, source.key, importId, tickets, nowIso(), (c) => recordBatch(db, importId, { read: rows.length, ...c, rejected: rejects.length }, rejects));
    finishImport(db, importId, 'done', null, nowIso());
    const results: PushRowResult[] = [
      ...tickets.map((t, i) => ({ row: rowOf[i]!, ticket_no: t.ticket_no, status: stored.outcomes[i]! })),
      ...rejects.map((r) => ({ row: r.row_no, status: 'rejected' as const, field: r.field, expected: r.expected, received: r.received, message: r.message })),
    ].sort((a, b) => a.row - b.row);
    return { import_id: importId, accepted: tickets.length, rejected: rejects.length, results };
  });
}
