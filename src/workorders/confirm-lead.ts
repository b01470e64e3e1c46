import type { Actor } from '../audit/actor.js';
import { actorRef } from '../audit/actor.js';
import { recordAudit } from '../audit/audit-log.js';
import type { AppContext } from '../context.js';
import { platformNames } from '../crawl/platform-names.js';
import { LEAD_STATUS_LABELS, REJECT_REASONS, type RejectReason } from '../domain/lead-status.js';
import { ConflictError, NotFoundError } from '../errors.js';
import { appendChange } from '../storage/change-log.js';
import { inTransaction } from '../storage/database.js';
import { getLeadForOrder, markLeadConfirmed } from '../storage/lead-confirmation.js';
import { userDisplayName } from '../storage/lead-review.js';
import { getWorkOrderById, getWorkOrderByLead, insertWorkOrder, insertWorkOrderEvent, sourcePostsForLeads } from '../storage/work-orders.js';
import { applyTransition } from './apply-transition.js';
import { dispatchDeadline } from './deadlines.js';
import { draftDescription } from './description.js';
import { beijingTime } from '../text/beijing-time.js';
import { recordWorkOrderChange } from './record-change.js';
import { loadResponsibility, routeBasis, routeOrder, subItemName } from './responsibility.js';
import { nextWorkOrderNumber } from './work-order-number.js';

export interface ConfirmLeadInput {
  leadId: number;
  actor: Actor;
  /** The lead version the reviewer saw; a mismatch means someone changed it meanwhile (409). */
  expectedVersion?: number;
  now?: Date;
}

/**
 * Confirms a `new` lead and creates its work order, in one IMMEDIATE transaction: a second
 * confirmation (another verifier, another process) waits for the write lock, then finds the lead
 * confirmed and gets a 409; work_orders.lead_id is UNIQUE as the last line of defence.
 *
 * The order is created and dispatched at once (two history rows): the department comes from the
 * responsibility list, and the dispatch deadline runs from discovery, so a separate manual
 * "dispatch" click would only eat into a 30-minute budget. Staff correct routing afterwards with
 * PATCH (re-route) or, for a returned order, reassign.
 */
export function confirmLead(ctx: AppContext, input: ConfirmLeadInput): { number: string; id: number } {
  const now = input.now ?? new Date();
  const at = now.toISOString();
  const { list } = loadResponsibility(ctx.config.rulesDir);
  const platformName = platformNames(ctx.config.crawlersDir); // files read before the write lock is taken
  return inTransaction(ctx.db, () => {
    const lead = getLeadForOrder(ctx.db, input.leadId);
    if (!lead) throw new NotFoundError(`线索 ${input.leadId} 不存在；请刷新队列`);
    if (lead.status !== 'new') throw new ConflictError(notNewMessage(ctx, lead));
    if (input.expectedVersion !== undefined && input.expectedVersion !== lead.version)
      throw new ConflictError(`线索 ${lead.id} 已被他人修改（您看到的版本 ${input.expectedVersion}，当前版本 ${lead.version}）；请刷新后再确认`);
    const reviewer = input.actor.kind === 'user' ? input.actor.id : null;
    if (lead.claimed_by !== null && lead.claimed_by !== reviewer && lead.claim_expires_at && lead.claim_expires_at > at) {
      const who = userDisplayName(ctx.db, lead.claimed_by) ?? `用户 ${lead.claimed_by}`;
      throw new ConflictError(`线索 ${lead.id} 正由 ${who} 处理（认领至 ${beijingTime(lead.claim_expires_at)}）；请处理下一条，或请管理员释放认领`);
    }

    markLeadConfirmed(ctx.db, lead.id, reviewer, at);
    appendChange(ctx.db, 'lead', lead.id, at);

    const posts = sourcePostsForLeads(ctx.db, [lead.id]).get(lead.id) ?? [];
    const routing = routeOrder(list, lead);
    const number = nextWorkOrderNumber(ctx.db, now);
    const deadline = dispatchDeadline(ctx.config, lead.discovered_at, lead.urgency);
    const id = insertWorkOrder(ctx.db, {
      number,
      lead_id: lead.id,
      status: 'created',
      category: lead.category,
      sub_item: lead.sub_item,
      department: routing.department,
      urgency: lead.urgency,
      district: lead.district,
      street: lead.street,
      place: lead.place,
      description: draftDescription(lead, subItemName(ctx.config.rulesDir, lead.sub_item), posts, platformName),
      discovered_at: lead.discovered_at,
      dispatch_deadline: deadline,
      dispatched_at: null,
      due_at: deadline,
      created_by: reviewer,
      created_at: at,
      updated_at: at,
      change_seq: 0,
    });
    insertWorkOrderEvent(ctx.db, {
      work_order_id: id, kind: 'status', from_status: null, to_status: 'created', department: routing.department,
      note: `由线索 ${lead.id} 确认生成`, actor: actorRef(input.actor), at,
    });
    const created = getWorkOrderById(ctx.db, id)!;
    applyTransition(ctx, created, 'dispatched', {
      actor: input.actor, at, department: routing.department, note: `按责任清单（${routeBasis(ctx.config.rulesDir, list, lead)}）派发至 ${routing.department}`,
    });
    recordWorkOrderChange(ctx.db, id, { actor: input.actor, at, action: 'create', events: ['work_order.created'] });
    recordAudit(ctx.db, {
      actor: input.actor, entity: 'lead', entityId: lead.id, action: 'confirm',
      before: { status: lead.status, version: lead.version }, after: { status: 'confirmed', version: lead.version + 1, work_order: number },
    });
    ctx.log.info({ lead: lead.id, workOrder: number, department: routing.department }, 'lead confirmed');
    return { number, id };
  });
}

function notNewMessage(ctx: AppContext, lead: NonNullable<ReturnType<typeof getLeadForOrder>>): string {
  switch (lead.status) {
    case 'confirmed': {
      const order = getWorkOrderByLead(ctx.db, lead.id);
      return `线索 ${lead.id} 已确认为工单 ${order?.number ?? '（编号未知）'}，无需再次确认；请打开该工单继续处理`;
    }
    case 'rejected':
      return `线索 ${lead.id} 已被驳回（${REJECT_REASONS[lead.reject_reason as RejectReason] ?? lead.reject_reason ?? '未注明原因'}）；如需确认，请先重新打开该线索`;
    case 'merged':
      return `线索 ${lead.id} 已合并到线索 ${lead.merged_into ?? '?'}；请确认线索 ${lead.merged_into ?? '（合并目标）'}`;
    default:
      return `线索 ${lead.id} 当前为「${LEAD_STATUS_LABELS[lead.status]}」，只有待核实的线索可以确认`;
  }
}
