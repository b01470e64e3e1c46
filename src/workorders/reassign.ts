import type { Actor } from '../audit/actor.js';
import type { AppContext } from '../context.js';
import { ConflictError, ValidationError } from '../errors.js';
import { inTransaction } from '../storage/database.js';
import type { WorkOrderRow } from '../storage/work-orders.js';
import { applyTransition, disallowed } from './apply-transition.js';
import { recordWorkOrderChange } from './record-change.js';
import { allDepartments, loadResponsibility } from './responsibility.js';
import { checkVersion, findOrder } from './transition.js';

/**
 * An admin's decision on a returned order: returned → reassigned → dispatched to `department`
 * (two history rows). Until this runs, the department that returned it stays responsible.
 */
export function reassignWorkOrder(
  ctx: AppContext,
  input: { number: string; department: string; note?: string | null; expectedVersion?: number; actor: Actor; now?: Date },
): WorkOrderRow {
  const at = (input.now ?? new Date()).toISOString();
  const { list } = loadResponsibility(ctx.config.rulesDir);
  const department = input.department.trim();
  const known = allDepartments(list).some((d) => d.name === department) || /街道办事处$/.test(department);
  if (!known) throw new ValidationError(`未知的责任单位「${department}」；请从 GET /api/departments 的列表中选择`, 'department');
  return inTransaction(ctx.db, () => {
    const order = findOrder(ctx, input.number);
    checkVersion(order, input.expectedVersion);
    if (order.status !== 'returned') throw disallowed(order, 'reassigned');
    if (department === order.department)
      throw new ConflictError(`工单 ${order.number} 是由 ${department} 退回的；请改派给其他单位，或在其他单位无法承办时与其协调后重新派发`);
    const note = input.note?.trim() || null;
    const moved = applyTransition(ctx, order, 'reassigned', {
      actor: input.actor, at, department, note: `由 ${order.department} 改派至 ${department}${note ? `：${note}` : ''}`,
    });
    applyTransition(ctx, moved, 'dispatched', { actor: input.actor, at, department, note: `派发至 ${department}` });
    return recordWorkOrderChange(ctx.db, order.id, {
      actor: input.actor, at, action: 'reassign', before: order, events: ['work_order.status_changed', 'work_order.rerouted'],
    });
  });
}
