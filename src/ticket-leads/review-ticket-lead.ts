import type { Actor } from '../audit/actor.js';
import { recordAudit } from '../audit/audit-log.js';
import type { AppContext } from '../context.js';
import { canReview, DISMISS_REASONS, TICKET_LEAD_STATUS_LABELS, TICKET_LEAD_TRANSITIONS, type DismissReason, type TicketLeadStatus } from '../domain/ticket-lead-status.js';
import { ConflictError, NotFoundError, ValidationError } from '../errors.js';
import { inTransaction } from '../storage/database.js';
import { getTicketLead, updateTicketLeadReview, type TicketLeadRow } from '../storage/ticket-leads.js';

export interface ReviewInput {
  id: number;
  status: TicketLeadStatus;
  dismissReason?: DismissReason | null;
  recipient?: string | null;
  note?: string | null;
  actor: Actor & { kind: 'user' };
}

/**
 * A supervisor's decision on a ticket-derived lead: moves its status along TICKET_LEAD_TRANSITIONS
 * (不予处理 needs a reason, 移送 a recipient), records who and when, audited with before and after.
 */
export function reviewTicketLead(ctx: AppContext, input: ReviewInput): TicketLeadRow {
  const now = new Date().toISOString();
  return inTransaction(ctx.db, () => {
    const before = getTicketLead(ctx.db, input.id);
    if (!before) throw new NotFoundError(`热线线索 ${input.id} 不存在；请刷新列表`);
    const from = before.status as TicketLeadStatus;
    if (!canReview(from, input.status)) {
      const allowed = TICKET_LEAD_TRANSITIONS[from].map((s) => TICKET_LEAD_STATUS_LABELS[s]).join('、') || '无（已是最终状态）';
      throw new ConflictError(`热线线索 ${input.id} 当前为「${TICKET_LEAD_STATUS_LABELS[from]}」，不能改为「${TICKET_LEAD_STATUS_LABELS[input.status]}」；可改为：${allowed}。请刷新后重试`);
    }
    if (input.status === 'dismissed' && !input.dismissReason) {
      throw new ValidationError(`不予处理需要选择原因：${Object.values(DISMISS_REASONS).join('、')}`, 'body.dismiss_reason');
    }
    if (input.status === 'transferred' && !input.recipient) throw new ValidationError('移送需要填写移送对象（如 宝安区人民检察院）', 'body.recipient');
    const review = {
      status: input.status,
      dismiss_reason: input.status === 'dismissed' ? input.dismissReason! : null,
      recipient: input.status === 'transferred' ? input.recipient! : null,
      note: input.note ?? null,
      reviewed_by: input.actor.id,
      reviewed_at: now,
    };
    updateTicketLeadReview(ctx.db, input.id, review);
    recordAudit(ctx.db, {
      actor: input.actor, entity: 'ticket_lead', entityId: input.id, action: 'review',
      before: { status: from, dismiss_reason: before.dismiss_reason, recipient: before.recipient, note: before.note },
      after: { status: review.status, dismiss_reason: review.dismiss_reason, recipient: review.recipient, note: review.note },
    });
    return { ...before, ...review, updated_at: now };
  });
}
