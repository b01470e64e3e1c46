import type { Actor } from '../audit/actor.js';
import { recordAudit } from '../audit/audit-log.js';
import { enqueueWebhookEvent, type WebhookEventType } from '../downstream/webhook-events.js';
import { appendChange } from '../storage/change-log.js';
import type { Db } from '../storage/database.js';
import { getWorkOrderById, setChangeSeq, type WorkOrderRow } from '../storage/work-orders.js';

export interface ChangeRecord {
  actor: Actor;
  at: string;
  action: string;
  before?: Partial<WorkOrderRow>;
  events: WebhookEventType[];
}

/**
 * Every work-order write ends here, inside its transaction: a change_log entry whose seq becomes the
 * order's change_seq (the downstream cursor), an audit entry, and webhook outbox rows.
 */
export function recordWorkOrderChange(db: Db, orderId: number, change: ChangeRecord): WorkOrderRow {
  const seq = appendChange(db, 'work_order', orderId, change.at);
  setChangeSeq(db, orderId, seq);
  const after = getWorkOrderById(db, orderId)!;
  const changed = change.before ? diff(change.before, after) : undefined;
  recordAudit(db, {
    actor: change.actor,
    entity: 'work_order',
    entityId: orderId,
    action: change.action,
    before: changed?.before,
    after: changed?.after ?? auditable(after),
  });
  const summary = webhookSummary(after);
  for (const type of change.events) enqueueWebhookEvent(db, type, summary, change.at);
  return after;
}

const NOISE = new Set(['change_seq', 'version', 'updated_at']);

function auditable(row: WorkOrderRow): Partial<WorkOrderRow> {
  return Object.fromEntries(Object.entries(row).filter(([k]) => !NOISE.has(k)));
}

function diff(before: Partial<WorkOrderRow>, after: WorkOrderRow) {
  const b: Record<string, unknown> = {};
  const a: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(before)) {
    if (NOISE.has(k)) continue;
    const now = (after as unknown as Record<string, unknown>)[k];
    if (now !== v) {
      b[k] = v;
      a[k] = now;
    }
  }
  return { before: b, after: a };
}

/** What a webhook carries: enough to act on; the full order is at /api/v1/work-orders/{number}. */
export function webhookSummary(o: WorkOrderRow) {
  return {
    number: o.number,
    status: o.status,
    department: o.department,
    category: o.category,
    sub_item: o.sub_item,
    urgency: o.urgency,
    district: o.district,
    street: o.street,
    place: o.place,
    dispatch_deadline: o.dispatch_deadline,
    due_at: o.due_at,
    change_seq: o.change_seq,
    updated_at: o.updated_at,
    href: `/api/v1/work-orders/${o.number}`,
  };
}
