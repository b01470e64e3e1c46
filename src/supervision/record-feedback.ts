import { actorRef, type Actor } from '../audit/actor.js';
import type { AppContext } from '../context.js';
import { WORK_ORDER_STATUS_LABELS } from '../domain/work-order-status.js';
import { ConflictError } from '../errors.js';
import { inTransaction } from '../storage/database.js';
import { insertFeedback, type CitizenFeedback } from '../storage/work-order-feedback.js';
import { insertWorkOrderEvent, type WorkOrderRow } from '../storage/work-orders.js';
import { findOrder } from '../workorders/transition.js';
import { recordWorkOrderChange } from '../workorders/record-change.js';
import { acceptsFeedback } from './feedback-rule.js';

export const FEEDBACK_LABELS: Record<CitizenFeedback, string> = { satisfied: '市民满意', unsatisfied: '市民不满意' };

/**
 * A citizen's satisfaction reported back by a downstream system: stored, shown in the order's
 * history, audited and put in the change log (the next pull carries it), in one transaction.
 */
export function recordFeedback(ctx: AppContext, input: { number: string; feedback: CitizenFeedback; note: string | null; actor: Actor; now?: Date }): WorkOrderRow {
  const at = (input.now ?? new Date()).toISOString();
  return inTransaction(ctx.db, () => {
    const order = findOrder(ctx, input.number);
    if (!acceptsFeedback(order.status))
      throw new ConflictError(`工单 ${order.number} 当前为“${WORK_ORDER_STATUS_LABELS[order.status]}”；市民评价应在“已办结”或“已关闭”之后回报`, { status: order.status, allowed_from: ['resolved', 'closed'] });
    const actor = actorRef(input.actor);
    insertFeedback(ctx.db, { work_order_id: order.id, feedback: input.feedback, note: input.note, actor, at });
    insertWorkOrderEvent(ctx.db, {
      work_order_id: order.id, kind: 'feedback', from_status: null, to_status: null, department: order.department,
      note: input.note ? `${FEEDBACK_LABELS[input.feedback]}：${input.note}` : FEEDBACK_LABELS[input.feedback], actor, at,
    });
    return recordWorkOrderChange(ctx.db, order.id, { actor: input.actor, at, action: `feedback:${input.feedback}`, before: order, events: [] });
  });
}
