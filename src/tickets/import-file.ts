import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import path from 'node:path';
import { ValidationError } from '../errors.js';
import type { Db } from '../storage/database.js';
import { nowIso } from '../storage/database.js';
import { createImport, finishImport, recordBatch, type ImportCounts, type RejectRow } from '../storage/ticket-imports.js';
import { upsertTickets } from '../storage/tickets.js';
import { markAbandonedImports } from './interrupted-imports.js';
import { rowMapper, type MappedTicket } from './map-row.js';
import { readerFor } from './row-readers.js';
import type { TicketScreening } from './screen-tickets.js';
import type { TicketSource } from './source-mapping.js';

export interface ImportProgress extends ImportCounts {
  importId: number;
  /** Tickets the engine read so far in this import (0 without an engine pass). */
  screened: number;
  elapsedMs: number;
}

export interface FileImportOptions {
  db: Db;
  source: TicketSource;
  file: string;
  /** The name people gave the file (an upload's), for the extension and the history; default: the path's. */
  fileName?: string;
  actor: string;
  /** Rows per transaction. */
  batchSize?: number;
  /** The engine pass, fed after each stored batch and drained at the end. */
  screening?: TicketScreening;
  onProgress?: (p: ImportProgress) => void;
  /** Called with the import's id as soon as it exists (an upload answers with it before the rows are read). */
  onStart?: (importId: number) => void;
}

/**
 * Imports one export file of a source: rows stream from the file's reader, each is mapped and
 * validated, a bad one goes to the rejected-rows report and the rest import, batch by batch in
 * one transaction each (rows, counts and rejects together), upserted by (source, ticket number).
 * Imports of processes that are gone are marked interrupted first. A problem with the whole file
 * (no such column, not a workbook) fails the import with that message and is rethrown.
 */
export async function importTicketFile(o: FileImportOptions): Promise<ImportProgress> {
  const { db, source } = o;
  const fileName = o.fileName ?? path.basename(o.file);
  const reader = readerFor(fileName);
  markAbandonedImports(db);
  const sha256 = await fileSha256(o.file);
  const importId = createImport(db, { source: source.key, origin: 'file', file_name: fileName, file_sha256: sha256, format: reader.format, actor: o.actor, pid: process.pid }, nowIso());
  o.onStart?.(importId);
  const started = Date.now();
  const total: ImportProgress = { importId, read: 0, inserted: 0, updated: 0, unchanged: 0, rejected: 0, screened: 0, elapsedMs: 0 };
  const map = rowMapper(source);
  const size = o.batchSize ?? 1000;
  let tickets: MappedTicket[] = [];
  let rejects: RejectRow[] = [];
  let read = 0;

  const flush = async () => {
    const batch = { tickets, rejects, read };
    tickets = [];
    rejects = [];
    read = 0;
    const c = upsertTickets(db, source.key, importId, batch.tickets, nowIso(), (n) => recordBatch(db, importId, { read: batch.read, ...n, rejected: batch.rejects.length }, batch.rejects));
    total.inserted += c.inserted;
    total.updated += c.updated;
    total.unchanged += c.unchanged;
    if (o.screening) {
      await o.screening.pump();
      total.screened = o.screening.done;
    }
    total.elapsedMs = Date.now() - started;
    o.onProgress?.({ ...total });
  };

  try {
    for await (const row of reader.read(o.file, source)) {
      read++;
      total.read++;
      const mapped = 'problem' in row ? { reject: row.problem } : map(row.values);
      if ('reject' in mapped) {
        rejects.push({ row_no: row.rowNo, ...mapped.reject, message: `第 ${row.rowNo} 行：${mapped.reject.message}` });
        total.rejected++;
      } else tickets.push(mapped.ticket);
      if (read >= size) await flush();
    }
    if (read > 0 || total.read === 0) await flush();
    if (o.screening) total.screened = await o.screening.drain();
  } catch (err) {
    // the rows read before a fatal problem (bytes that are not UTF-8 half-way) are kept, as the message says
    if (err instanceof ValidationError && read > 0) await flush().catch(() => {});
    finishImport(db, importId, 'failed', (err as Error).message, nowIso());
    throw err;
  }
  finishImport(db, importId, 'done', null, nowIso());
  total.elapsedMs = Date.now() - started;
  o.onProgress?.({ ...total });
  return total;
}

function fileSha256(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(file)
      .on('data', (d) => hash.update(d))
      .on('end', () => resolve(hash.digest('hex')))
      .on('error', reject);
  });
}
