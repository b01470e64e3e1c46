import type { Actor } from '../audit/actor.js';
import { actorRef } from '../audit/actor.js';
import type { AppContext } from '../context.js';
import { canMove, WORK_ORDER_STATUS_LABELS, WORK_ORDER_TRANSITIONS, type WorkOrderStatus } from '../domain/work-order-status.js';
import { ConflictError } from '../errors.js';
import { insertWorkOrderEvent, updateWorkOrder, type WorkOrderRow, type WorkOrderUpdate } from '../storage/work-orders.js';
import { dueAt } from './deadlines.js';

/** A move the order's status does not allow: in words for people, the codes in `details` for calling systems. */
export function disallowed(order: WorkOrderRow, to: WorkOrderStatus): ConflictError {
  const moves = WORK_ORDER_TRANSITIONS[order.status];
  const allowed = moves.length ? moves.map((s) => `“${WORK_ORDER_STATUS_LABELS[s]}”`).join('、') : '无（已是终态）';
  return new ConflictError(
    `工单 ${order.number} 当前为“${WORK_ORDER_STATUS_LABELS[order.status]}”，不能改为“${WORK_ORDER_STATUS_LABELS[to]}”；当前可改为：${allowed}`,
    { status: order.status, requested: to, allowed: moves },
  );
}

/**
 * Moves an order one step, inside the caller's transaction: status, clocks and a history row.
 * The caller records the change (change_log/audit/webhooks) once for the whole operation.
 */
export function applyTransition(
  ctx: AppContext,
  order: WorkOrderRow,
  to: WorkOrderStatus,
  opts: { actor: Actor; at: string; note?: string | null; department?: string; extra?: WorkOrderUpdate },
): WorkOrderRow {
  if (!canMove(order.status, to)) throw disallowed(order, to);
  const dispatchedAt = to === 'dispatched' ? opts.at : order.dispatched_at;
  const changes: WorkOrderUpdate = {
    status: to,
    updated_at: opts.at,
    dispatched_at: dispatchedAt,
    due_at: dueAt(ctx.config, to, { ...order, dispatched_at: dispatchedAt }, opts.at),
    ...(to === 'resolved' ? { resolved_at: opts.at } : {}),
    ...(opts.department ? { department: opts.department } : {}),
    ...opts.extra,
  };
  if (!updateWorkOrder(ctx.db, order.id, changes, order.version))
    throw new ConflictError(`工单 ${order.number} 已被他人修改，请刷新后重试`);
  insertWorkOrderEvent(ctx.db, {
    work_order_id: order.id,
    kind: 'status',
    from_status: order.status,
    to_status: to,
    department: opts.department ?? order.department,
    note: opts.note ?? null,
    actor: actorRef(opts.actor),
    at: opts.at,
  });
  return { ...order, ...changes, version: order.version + 1 } as WorkOrderRow;
}
