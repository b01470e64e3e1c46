import { z } from 'zod';
import { actorRef, type Actor } from '../audit/actor.js';
import type { AppContext } from '../context.js';
import { CATEGORIES, CATEGORY_CODES, URGENCIES, type Category } from '../domain/categories.js';
import { ConflictError, ValidationError } from '../errors.js';
import { inTransaction } from '../storage/database.js';
import { insertWorkOrderEvent, updateWorkOrder, type WorkOrderRow, type WorkOrderUpdate } from '../storage/work-orders.js';
import { dispatchDeadline, dueAt } from './deadlines.js';
import { recordWorkOrderChange } from './record-change.js';
import { checkDistrict, loadResponsibility, routeBasis, routeOrder, subItemName } from './responsibility.js';
import { checkVersion, findOrder } from './transition.js';
import type { WebhookEventType } from '../downstream/webhook-events.js';

const text = (max: number) => z.string().trim().max(max);
export const workOrderEditSchema = z
  .object({
    category: z.enum(CATEGORY_CODES).optional(),
    sub_item: z.string().regex(/^[a-z_]+\.[a-z0-9_]+$/, 'expected "<category>.<item>" like "municipal.manhole"').nullable().optional(),
    district: text(20).min(2).nullable().optional(),
    street: text(30).min(2).nullable().optional(),
    place: text(200).nullable().optional(),
    description: text(10_000).min(1).optional(),
    urgency: z.enum(URGENCIES).optional(),
    version: z.number().int().positive(),
  })
  .strict();
export type WorkOrderEdit = z.infer<typeof workOrderEditSchema>;

/** Statuses in which a new department has to accept again after a re-route. */
const REACCEPT = new Set(['accepted', 'in_progress']);

/**
 * Edits an order (optimistic concurrency on `version`). A change of category, sub-item or
 * district re-routes it to the department the responsibility list names, and the history says
 * so; an order already accepted goes back to `dispatched` for the new department. A returned
 * order is not re-routed automatically: an admin reassigns it.
 */
export function editWorkOrder(ctx: AppContext, input: { number: string; edit: WorkOrderEdit; actor: Actor; now?: Date }): WorkOrderRow {
  const at = (input.now ?? new Date()).toISOString();
  const { version, ...fields } = input.edit;
  if (Object.keys(fields).length === 0) throw new ValidationError('没有需要保存的修改：除 version 外至少提交一个字段', 'body');
  const { list } = loadResponsibility(ctx.config.rulesDir);
  return inTransaction(ctx.db, () => {
    const order = findOrder(ctx, input.number);
    checkVersion(order, version);
    if (order.status === 'closed') throw new ConflictError(`工单 ${order.number} 已关闭，不能再修改`);
    const next = { ...order, ...fields };
    if (fields.category && fields.sub_item === undefined && order.sub_item && !order.sub_item.startsWith(`${fields.category}.`)) next.sub_item = null;
    if (next.sub_item && !next.sub_item.startsWith(`${next.category}.`))
      throw new ValidationError(`事项「${subItemName(ctx.config.rulesDir, next.sub_item) ?? next.sub_item}」不属于分类「${categoryName(next.category)}」；请重新选择事项`, 'body.sub_item');
    checkDistrict(list, next.district, 'body.district');

    const changes: WorkOrderUpdate = { updated_at: at };
    for (const k of ['category', 'sub_item', 'district', 'street', 'place', 'description', 'urgency'] as const) {
      if (next[k] !== order[k]) (changes as Record<string, unknown>)[k] = next[k];
    }
    const events: WebhookEventType[] = ['work_order.updated'];
    const routingChanged = ['category', 'sub_item', 'district', 'street'].some((k) => k in changes);
    let rerouteNote: string | null = null;
    let statusAfter = order.status;
    if (routingChanged) {
      const routing = routeOrder(list, next);
      const what = describeRoutingChange(ctx.config.rulesDir, order, next);
      if (routing.department !== order.department) {
        if (order.status === 'returned') {
          rerouteNote = `${what}；责任清单建议 ${routing.department}，退回工单由管理员改派`;
        } else if (order.status !== 'resolved') {
          changes.department = routing.department;
          rerouteNote = `${what}，按责任清单（${routeBasis(ctx.config.rulesDir, list, next)}）由 ${order.department} 改派至 ${routing.department}`;
          if (REACCEPT.has(order.status)) statusAfter = 'dispatched';
          events.push('work_order.rerouted');
        }
      }
    }
    if ('urgency' in changes) {
      changes.dispatch_deadline = dispatchDeadline(ctx.config, order.discovered_at, next.urgency);
    }
    if (statusAfter !== order.status) {
      changes.status = statusAfter;
      changes.dispatched_at = at;
      events.push('work_order.status_changed');
    }
    if ('urgency' in changes || statusAfter !== order.status) {
      changes.due_at = dueAt(ctx.config, statusAfter, { ...order, ...changes } as WorkOrderRow, statusAfter !== order.status ? at : (order.dispatched_at ?? at));
    }
    if (!updateWorkOrder(ctx.db, order.id, changes, order.version)) throw new ConflictError(`工单 ${order.number} 已被他人修改，请刷新后重试`);
    const edited = Object.keys(changes).filter((k) => !['updated_at', 'due_at', 'dispatched_at', 'dispatch_deadline', 'status', 'department'].includes(k));
    insertWorkOrderEvent(ctx.db, {
      work_order_id: order.id, kind: rerouteNote && changes.department ? 'reroute' : 'edit',
      from_status: order.status, to_status: statusAfter, department: changes.department ?? order.department,
      note: [edited.length ? `修改了 ${edited.join('、')}` : null, rerouteNote].filter(Boolean).join('；') || null,
      actor: actorRef(input.actor), at,
    });
    return recordWorkOrderChange(ctx.db, order.id, { actor: input.actor, at, action: changes.department ? 'reroute' : 'edit', before: order, events });
  });
}

function describeRoutingChange(rulesDir: string, before: WorkOrderRow, after: Pick<WorkOrderRow, 'category' | 'sub_item' | 'district' | 'street'>): string {
  const sub = (id: string | null) => (id ? (subItemName(rulesDir, id) ?? id) : '无');
  const parts: string[] = [];
  if (before.category !== after.category) parts.push(`分类由「${categoryName(before.category)}」改为「${categoryName(after.category)}」`);
  if (before.sub_item !== after.sub_item) parts.push(`事项由「${sub(before.sub_item)}」改为「${sub(after.sub_item)}」`);
  if (before.district !== after.district) parts.push(`区由 ${before.district ?? '未知'} 改为 ${after.district ?? '未知'}`);
  if (before.street !== after.street) parts.push(`街道由 ${before.street ?? '未知'} 改为 ${after.street ?? '未知'}`);
  return parts.join('，');
}

const categoryName = (code: string) => CATEGORIES[code as Category] ?? code;
