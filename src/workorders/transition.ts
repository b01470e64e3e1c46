import type { Actor } from '../audit/actor.js';
import type { AppContext } from '../context.js';
import type { WorkOrderStatus } from '../domain/work-order-status.js';
import { ConflictError, NotFoundError, ValidationError } from '../errors.js';
import { inTransaction } from '../storage/database.js';
import { getWorkOrderByNumber, type WorkOrderRow } from '../storage/work-orders.js';
import { applyTransition } from './apply-transition.js';
import { recordWorkOrderChange } from './record-change.js';

export interface TransitionInput {
  number: string;
  to: WorkOrderStatus;
  /** Required for `resolved` (what was done) and `returned` (why the department cannot take it). */
  note?: string | null;
  expectedVersion?: number;
  actor: Actor;
  now?: Date;
}

export function findOrder(ctx: AppContext, number: string): WorkOrderRow {
  const order = getWorkOrderByNumber(ctx.db, number);
  if (!order) throw new NotFoundError(`工单 ${number} 不存在；请检查编号（格式 GD20261121-000123）`);
  return order;
}

export function checkVersion(order: WorkOrderRow, expected: number | undefined): void {
  if (expected !== undefined && expected !== order.version)
    throw new ConflictError(`工单 ${order.number} 已被他人修改（您看到的版本 ${expected}，当前版本 ${order.version}）；请刷新后重试`);
}

/** One status move by staff or a downstream system, with its history row, change record and webhook. */
export function transitionWorkOrder(ctx: AppContext, input: TransitionInput): WorkOrderRow {
  const at = (input.now ?? new Date()).toISOString();
  const note = input.note?.trim() || null;
  if (input.to === 'reassigned')
    throw new ValidationError('改派请使用 POST /api/work-orders/{number}/reassign（需管理员，指定新的责任单位）', 'to');
  if (input.to === 'returned' && !note) throw new ValidationError('退回必须说明原因', 'reason');
  if (input.to === 'resolved' && !note) throw new ValidationError('办结必须填写处理情况说明', 'note');
  return inTransaction(ctx.db, () => {
    const order = findOrder(ctx, input.number);
    checkVersion(order, input.expectedVersion);
    applyTransition(ctx, order, input.to, { actor: input.actor, at, note });
    return recordWorkOrderChange(ctx.db, order.id, {
      actor: input.actor, at, action: `status:${input.to}`, before: order, events: ['work_order.status_changed'],
    });
  });
}
