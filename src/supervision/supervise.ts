import type { Actor } from '../audit/actor.js';
import { recordAudit } from '../audit/audit-log.js';
import type { AppContext } from '../context.js';
import { ConflictError, ValidationError } from '../errors.js';
import { inTransaction } from '../storage/database.js';
import { insertSupervision, supervisionOfOrder, type SupervisionReason, type SupervisionWithOrder } from '../storage/supervisions.js';
import { beijingTime } from '../text/beijing-time.js';
import { actorName } from '../text/audit-lines.js';
import { findOrder } from '../workorders/transition.js';

/**
 * Puts an order under supervision (督办): note, who, when, audited on the order, in one transaction.
 * One record per order; it closes when the order closes (a trigger, see the migration).
 */
export function superviseOrder(ctx: AppContext, input: { number: string; note: string; reason: SupervisionReason | null; actor: Actor & { kind: 'user' }; now?: Date }): SupervisionWithOrder {
  const at = (input.now ?? new Date()).toISOString();
  const note = input.note.trim();
  if (!note) throw new ValidationError('请填写督办意见（要求责任单位做什么、何时完成），收到的是空白', 'note');
  return inTransaction(ctx.db, () => {
    const order = findOrder(ctx, input.number);
    if (order.status === 'closed') throw new ConflictError(`工单 ${order.number} 已关闭，无需督办`);
    const id = insertSupervision(ctx.db, { work_order_id: order.id, reason: input.reason, note, created_by: input.actor.id, created_at: at });
    if (id === undefined) {
      const existing = supervisionOfOrder(ctx.db, order.id)!;
      throw new ConflictError(`工单 ${order.number} 已于 ${beijingTime(existing.created_at)} 由 ${actorName(ctx.db, `user:${existing.created_by}`)} 列入督办，不必重复督办`);
    }
    recordAudit(ctx.db, { actor: input.actor, entity: 'work_order', entityId: order.id, action: 'supervise', after: { supervision: id, reason: input.reason, note } });
    return supervisionOfOrder(ctx.db, order.id)!;
  });
}
