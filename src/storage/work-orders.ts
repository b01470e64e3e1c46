import type { Db } from './database.js';
import { stmt } from './statements.js';
import type { WorkOrderStatus } from '../domain/work-order-status.js';

export interface WorkOrderRow {
  id: number;
  number: string;
  lead_id: number;
  status: WorkOrderStatus;
  category: string;
  sub_item: string | null;
  department: string;
  urgency: 'urgent' | 'normal';
  district: string | null;
  street: string | null;
  place: string | null;
  description: string;
  discovered_at: string;
  dispatch_deadline: string;
  dispatched_at: string | null;
  resolved_at: string | null;
  due_at: string | null;
  created_by: number | null;
  created_at: string;
  updated_at: string;
  change_seq: number;
  version: number;
}

export interface WorkOrderEventRow {
  id: number;
  work_order_id: number;
  kind: 'status' | 'reroute' | 'edit' | 'feedback';
  from_status: string | null;
  to_status: string | null;
  department: string | null;
  note: string | null;
  actor: string;
  at: string;
}

export type NewWorkOrder = Omit<WorkOrderRow, 'id' | 'version' | 'resolved_at'>;

export function insertWorkOrder(db: Db, order: NewWorkOrder): number {
  return stmt(db, 
      `INSERT INTO work_orders (number, lead_id, status, category, sub_item, department, urgency, district, street, place,
         description, discovered_at, dispatch_deadline, dispatched_at, due_at, created_by, created_at, updated_at, change_seq)
       VALUES (@number, @lead_id, @status, @category, @sub_item, @department, @urgency, @district, @street, @place,
         @description, @discovered_at, @dispatch_deadline, @dispatched_at, @due_at, @created_by, @created_at, @updated_at, @change_seq)
       RETURNING id`,
    )
    .pluck()
    .get(order) as number;
}

const UPDATABLE = [
  'status', 'category', 'sub_item', 'department', 'urgency', 'district', 'street', 'place', 'description',
  'dispatch_deadline', 'dispatched_at', 'resolved_at', 'due_at', 'updated_at', 'change_seq',
] as const;
export type WorkOrderUpdate = Partial<Pick<WorkOrderRow, (typeof UPDATABLE)[number]>>;

/** Applies the changes and bumps the version; returns false when the row's version moved (optimistic concurrency). */
export function updateWorkOrder(db: Db, id: number, changes: WorkOrderUpdate, expectedVersion: number): boolean {
  const keys = UPDATABLE.filter((k) => k in changes);
  const sets = keys.map((k) => `${k} = @${k}`).join(', ');
  const info = stmt(db, `UPDATE work_orders SET ${sets}${sets ? ', ' : ''}version = version + 1 WHERE id = @id AND version = @expectedVersion`)
    .run({ ...changes, id, expectedVersion });
  return info.changes === 1;
}

export function setChangeSeq(db: Db, id: number, seq: number): void {
  stmt(db, 'UPDATE work_orders SET change_seq = ? WHERE id = ?').run(seq, id);
}

export function getWorkOrderByNumber(db: Db, number: string): WorkOrderRow | undefined {
  return stmt(db, 'SELECT * FROM work_orders WHERE number = ?').get(number) as WorkOrderRow | undefined;
}

export function getWorkOrderById(db: Db, id: number): WorkOrderRow | undefined {
  return stmt(db, 'SELECT * FROM work_orders WHERE id = ?').get(id) as WorkOrderRow | undefined;
}

export function getWorkOrderByLead(db: Db, leadId: number): WorkOrderRow | undefined {
  return stmt(db, 'SELECT * FROM work_orders WHERE lead_id = ?').get(leadId) as WorkOrderRow | undefined;
}

export function insertWorkOrderEvent(db: Db, e: Omit<WorkOrderEventRow, 'id'>): void {
  stmt(db, 
    `INSERT INTO work_order_events (work_order_id, kind, from_status, to_status, department, note, actor, at)
     VALUES (@work_order_id, @kind, @from_status, @to_status, @department, @note, @actor, @at)`,
  ).run(e);
}

export function workOrderEvents(db: Db, workOrderId: number): WorkOrderEventRow[] {
  return stmt(db, 'SELECT * FROM work_order_events WHERE work_order_id = ? ORDER BY id').all(workOrderId) as WorkOrderEventRow[];
}

/** History for many orders at once (pull pages): one query instead of one per order. */
export function workOrderEventsFor(db: Db, ids: readonly number[]): Map<number, WorkOrderEventRow[]> {
  const out = new Map<number, WorkOrderEventRow[]>(ids.map((id) => [id, []]));
  if (ids.length === 0) return out;
  const rows = stmt(db, `SELECT * FROM work_order_events WHERE work_order_id IN (SELECT value FROM json_each(?)) ORDER BY work_order_id, id`)
    .all(JSON.stringify(ids)) as WorkOrderEventRow[];
  for (const r of rows) out.get(r.work_order_id)!.push(r);
  return out;
}

export interface WorkOrderFilter {
  status?: readonly string[];
  department?: string;
  category?: string;
  district?: string;
  overdue?: boolean;
  /** created_at range, ISO strings, from inclusive, to exclusive */
  from?: string;
  to?: string;
  now: string;
}

function where(f: WorkOrderFilter): { sql: string; params: Record<string, unknown> } {
  const parts: string[] = [];
  const params: Record<string, unknown> = {};
  if (f.status?.length) {
    parts.push('status IN (SELECT value FROM json_each(@status))');
    params.status = JSON.stringify(f.status);
  }
  for (const k of ['department', 'category', 'district'] as const) {
    if (f[k] !== undefined) {
      parts.push(`${k} = @${k}`);
      params[k] = f[k];
    }
  }
  if (f.overdue === true) parts.push('due_at IS NOT NULL AND due_at < @now');
  if (f.overdue === false) parts.push('(due_at IS NULL OR due_at >= @now)');
  if (f.overdue !== undefined) params.now = f.now;
  if (f.from) {
    parts.push('created_at >= @from');
    params.from = f.from;
  }
  if (f.to) {
    parts.push('created_at < @to');
    params.to = f.to;
  }
  return { sql: parts.length ? `WHERE ${parts.join(' AND ')}` : '', params };
}

/** Newest first; keyset pagination on id (stays fast deep into the list). */
export function listWorkOrders(db: Db, f: WorkOrderFilter, limit: number, beforeId?: number): { rows: WorkOrderRow[]; total: number } {
  const w = where(f);
  const total = stmt(db, `SELECT count(*) FROM work_orders ${w.sql}`).pluck().get(w.params) as number;
  const page = beforeId === undefined ? '' : `${w.sql ? ' AND' : 'WHERE'} id < @beforeId`;
  const rows = stmt(db, `SELECT * FROM work_orders ${w.sql}${page} ORDER BY id DESC LIMIT @limit`)
    .all({ ...w.params, limit, ...(beforeId === undefined ? {} : { beforeId }) }) as WorkOrderRow[];
  return { rows, total };
}

/** Every order in a created_at range, oldest first (exports); iterated so memory stays flat. */
export function iterateWorkOrders(db: Db, from: string, to: string): IterableIterator<WorkOrderRow> {
  return stmt(db, 'SELECT * FROM work_orders WHERE created_at >= ? AND created_at < ? ORDER BY id').iterate(from, to) as IterableIterator<WorkOrderRow>;
}

/** The downstream cursor: orders whose latest change is after `cursor`, in change order. */
export function workOrdersChangedAfter(db: Db, cursor: number, limit: number): WorkOrderRow[] {
  return stmt(db, 'SELECT * FROM work_orders WHERE change_seq > ? ORDER BY change_seq LIMIT ?').all(cursor, limit) as WorkOrderRow[];
}

export function latestChangeSeq(db: Db): number {
  return (stmt(db, "SELECT coalesce(max(seq), 0) FROM change_log").pluck().get() as number);
}

/** Open311 query: by number list, category/sub-item codes, created range, statuses; newest first. */
export function queryWorkOrders(
  db: Db,
  q: { numbers?: string[]; codes?: string[]; from?: string; to?: string; statuses?: string[]; limit: number },
): WorkOrderRow[] {
  const parts: string[] = [];
  const params: Record<string, unknown> = { limit: q.limit };
  if (q.numbers) {
    parts.push('number IN (SELECT value FROM json_each(@numbers))');
    params.numbers = JSON.stringify(q.numbers);
  }
  if (q.codes) {
    parts.push('(category IN (SELECT value FROM json_each(@codes)) OR sub_item IN (SELECT value FROM json_each(@codes)))');
    params.codes = JSON.stringify(q.codes);
  }
  if (q.statuses) {
    parts.push('status IN (SELECT value FROM json_each(@statuses))');
    params.statuses = JSON.stringify(q.statuses);
  }
  if (q.from) {
    parts.push('created_at >= @from');
    params.from = q.from;
  }
  if (q.to) {
    parts.push('created_at <= @to');
    params.to = q.to;
  }
  return stmt(db, `SELECT * FROM work_orders ${parts.length ? `WHERE ${parts.join(' AND ')}` : ''} ORDER BY id DESC LIMIT @limit`)
    .all(params) as WorkOrderRow[];
}

export function sourcePostsForLeads(db: Db, leadIds: readonly number[]): Map<number, SourcePostRow[]> {
  const out = new Map<number, SourcePostRow[]>(leadIds.map((id) => [id, []]));
  if (leadIds.length === 0) return out;
  const rows = stmt(db, 
      `SELECT lp.lead_id, p.id, p.platform, p.url, p.author, p.title, p.text, p.published_at, p.first_seen_at, p.ip_location
       FROM lead_posts lp JOIN posts p ON p.id = lp.post_id
       WHERE lp.lead_id IN (SELECT value FROM json_each(?))
       ORDER BY lp.lead_id, coalesce(p.published_at, p.first_seen_at), p.id`,
    )
    .all(JSON.stringify(leadIds)) as (SourcePostRow & { lead_id: number })[];
  for (const { lead_id, ...p } of rows) out.get(lead_id)!.push(p);
  return out;
}

export interface SourcePostRow {
  id: number;
  platform: string;
  url: string | null;
  author: string | null;
  title: string | null;
  text: string;
  published_at: string | null;
  first_seen_at: string;
  ip_location: string | null;
}
