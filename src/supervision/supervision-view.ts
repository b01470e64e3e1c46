import type { Db } from '../storage/database.js';
import type { SupervisionListRow } from '../storage/supervision-lists.js';
import type { SupervisionRow, SupervisionWithOrder } from '../storage/supervisions.js';
import { getWorkOrderById, workOrderEvents } from '../storage/work-orders.js';
import { actorName } from '../text/audit-lines.js';
import { workOrderView } from '../workorders/work-order-view.js';
import { LIST_KINDS } from './list-kinds.js';

/** A 督办 record as people read it: who and when, the note, and the order's progress since. */
export function supervisionView(db: Db, s: SupervisionWithOrder, rulesDir: string, now: string) {
  const order = getWorkOrderById(db, s.work_order_id)!;
  const view = workOrderView(order, rulesDir, now);
  return {
    id: s.id,
    number: s.number,
    reason: s.reason,
    reason_label: s.reason ? LIST_KINDS[s.reason].name : null,
    note: s.note,
    by: actorName(db, `user:${s.created_by}`),
    at: s.created_at,
    open: s.closed_at === null,
    closed_at: s.closed_at,
    order: { status: view.status, status_label: view.status_label, department: view.department, category_label: view.category_label, current_step_due: view.deadlines.current_step_due, overdue: view.deadlines.overdue },
    // What happened to the order from the moment it was put under supervision.
    progress: workOrderEvents(db, s.work_order_id).filter((e) => e.at >= s.created_at).map((e) => ({
      at: e.at, kind: e.kind, from_status: e.from_status, to_status: e.to_status, note: e.note, who: actorName(db, e.actor),
    })),
  };
}

/** An order on a list: the order's fields, the figure that put it there, and its supervision if any. */
export function listRowView(r: SupervisionListRow, supervision: SupervisionRow | undefined, rulesDir: string, now: string) {
  const v = workOrderView(r, rulesDir, now);
  return {
    number: v.number, status: v.status, status_label: v.status_label, category_label: v.category_label, sub_item_label: v.sub_item_label,
    department: v.department, urgency: v.urgency, location: { district: v.location.district, street: v.location.street, place: v.location.place },
    created_at: v.created_at, current_step_due: v.deadlines.current_step_due, overdue: v.deadlines.overdue, resolved_at: v.deadlines.resolved_at,
    returns: r.returns,
    recurrence: r.recurrences === null ? null : { count: r.recurrences, last_at: r.last_recurrence_at, lead_ids: JSON.parse(r.recurring_leads ?? '[]') as number[] },
    feedback: r.feedback_at === null ? null : { note: r.feedback_note, at: r.feedback_at },
    supervision: supervision ? { id: supervision.id, open: supervision.closed_at === null, at: supervision.created_at } : null,
  };
}

export type ListRowView = ReturnType<typeof listRowView>;
