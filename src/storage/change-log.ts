import type { Db } from './database.js';
import { stmt } from './statements.js';

/**
 * Appends a change and returns its sequence number. Call inside the write transaction: SQLite
 * has one writer at a time, so seq order is commit order and a reader's snapshot always holds a
 * gap-free prefix of the sequence (what the downstream cursor relies on).
 */
export function appendChange(db: Db, entity: 'work_order' | 'lead', entityId: number, at: string): number {
  return stmt(db, 'INSERT INTO change_log (entity, entity_id, at) VALUES (?, ?, ?) RETURNING seq').pluck().get(entity, entityId, at) as number;
}
