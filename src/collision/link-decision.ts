import type { Actor } from '../audit/actor.js';
import { recordAudit } from '../audit/audit-log.js';
import type { AppContext } from '../context.js';
import { ConflictError, NotFoundError } from '../errors.js';
import { inTransaction, nowIso } from '../storage/database.js';
import { getLink, setLinkState } from '../storage/ticket-links.js';
import { leadHotline, LINK_STATE_LABELS } from './linked-ticket-view.js';

export type LinkDecision = 'confirm' | 'undo';

/**
 * A person confirms a link (the matcher was right, or an undone link was wrong to undo) or undoes
 * it (two problems, not one: the ticket is free for another lead and never linked to this one
 * again by the matcher). Audited on the lead; returns the lead's 已诉/未诉 and links.
 */
export function decideLink(ctx: AppContext, input: { leadId: number; linkId: number; decision: LinkDecision; note: string | null; actor: Actor & { kind: 'user' } }) {
  return inTransaction(ctx.db, () => {
    const link = getLink(ctx.db, input.linkId);
    if (!link || link.lead_id !== input.leadId) throw new NotFoundError(`线索 ${input.leadId} 没有编号为 ${input.linkId} 的热线工单关联；请刷新页面`);
    const to = input.decision === 'confirm' ? 'confirmed' : 'undone';
    if (link.state === to) throw new ConflictError(`热线工单 ${link.ticket_no} 与线索 ${input.leadId} 的关联已是「${LINK_STATE_LABELS[to]}」，不必重复操作`);
    try {
      setLinkState(ctx.db, link.link_id, to, input.actor.id, nowIso());
    } catch (err) {
      if ((err as { code?: string }).code !== 'SQLITE_CONSTRAINT_UNIQUE') throw err;
      throw new ConflictError(`热线工单 ${link.ticket_no} 已关联到另一条线索；请先在那条线索上撤销关联，再确认这一条`);
    }
    recordAudit(ctx.db, {
      actor: input.actor, entity: 'lead', entityId: input.leadId, action: `ticket_link_${input.decision}`,
      before: { ticket_no: link.ticket_no, link_state: link.state }, after: { ticket_no: link.ticket_no, link_state: to, ...(input.note ? { note: input.note } : {}) },
    });
    return leadHotline(ctx.db, input.leadId);
  });
}
