import type { Db } from './database.js';
import { stmt } from './statements.js';

/** The newest entry of the lead_touches journal (0 when empty). */
export function lastTouch(db: Db): number {
  return stmt(db, 'SELECT coalesce(max(seq), 0) FROM lead_touches').pluck().get() as number;
}

/** The leads touched after `seq` (each once), and the newest entry. */
export function touchedSince(db: Db, seq: number): { ids: number[]; last: number } {
  const ids = stmt(db, 'SELECT DISTINCT lead_id FROM lead_touches WHERE seq > ?').pluck().all(seq) as number[];
  return { ids, last: ids.length ? lastTouch(db) : seq };
}
