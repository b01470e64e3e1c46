import type { Db } from './database.js';
import { stmt } from './statements.js';

export const SUPERVISION_REASONS = ['overdue', 'returned', 'recurring', 'long_unresolved', 'unsatisfied'] as const;
export type SupervisionReason = (typeof SUPERVISION_REASONS)[number];

export interface SupervisionRow {
  id: number;
  work_order_id: number;
  reason: SupervisionReason | null;
  note: string;
  created_by: number;
  created_at: string;
  closed_at: string | null;
}

/** A supervision with its order's number (lists and the order page read both). */
export interface SupervisionWithOrder extends SupervisionRow {
  number: string;
}

/** Inserts the record; undefined when the order already has one (work_order_id is unique). */
export function insertSupervision(db: Db, s: Omit<SupervisionRow, 'id' | 'closed_at'>): number | undefined {
  const id = stmt(db, `INSERT INTO supervisions (work_order_id, reason, note, created_by, created_at)
    VALUES (@work_order_id, @reason, @note, @created_by, @created_at) ON CONFLICT (work_order_id) DO NOTHING RETURNING id`).pluck().get(s);
  return id === undefined ? undefined : Number(id);
}

export function supervisionOfOrder(db: Db, workOrderId: number): SupervisionWithOrder | undefined {
  return stmt(db, 'SELECT s.*, w.number FROM supervisions s JOIN work_orders w ON w.id = s.work_order_id WHERE s.work_order_id = ?')
    .get(workOrderId) as SupervisionWithOrder | undefined;
}

/** Supervisions, newest first: open ones, closed ones, or all. */
export function listSupervisions(db: Db, state: 'open' | 'closed' | 'all', limit: number): SupervisionWithOrder[] {
  const where = state === 'open' ? 'WHERE s.closed_at IS NULL' : state === 'closed' ? 'WHERE s.closed_at IS NOT NULL' : '';
  return stmt(db, `SELECT s.*, w.number FROM supervisions s JOIN work_orders w ON w.id = s.work_order_id ${where} ORDER BY s.created_at DESC, s.id DESC LIMIT ?`)
    .all(limit) as SupervisionWithOrder[];
}

/** How many orders are under supervision now (督办 not yet closed). */
export function countOpenSupervisions(db: Db): number {
  return stmt(db, 'SELECT count(*) FROM supervisions WHERE closed_at IS NULL').pluck().get() as number;
}

/** The supervision of each order id that has one (list pages mark supervised rows). */
export function supervisionsFor(db: Db, ids: readonly number[]): Map<number, SupervisionRow> {
  if (ids.length === 0) return new Map();
  const rows = stmt(db, 'SELECT * FROM supervisions WHERE work_order_id IN (SELECT value FROM json_each(?))').all(JSON.stringify(ids)) as SupervisionRow[];
  return new Map(rows.map((r) => [r.work_order_id, r]));
}
