import type { Db } from './database.js';
import { stmt } from './statements.js';

/** The newest entry of the lead_touches journal (0 when empty). */
export function lastTouch(db: Db): number {
  return stmt(db, 'SELECT coalesce(max(seq), 0) FROM lead_touches').pluck().get() as number;
}

/**
 * The leads touched after `seq` (each once) and the newest entry; `ids` null when entries after
 * `seq` were pruned (the journal keeps its newest 10,000), so the caller must read everything again.
 */
export function touchedSince(db: Db, seq: number): { ids: number[] | null; last: number } {
  const oldest = stmt(db, 'SELECT min(seq) FROM lead_touches').pluck().get() as number | null;
  if (oldest !== null && oldest > seq + 1) return { ids: null, last: lastTouch(db) };
  const ids = stmt(db, 'SELECT DISTINCT lead_id FROM lead_touches WHERE seq > ?').pluck().all(seq) as number[];
  return { ids, last: ids.length ? lastTouch(db) : seq };
}
