import type { Actor } from '../audit/actor.js';
import { recordAudit } from '../audit/audit-log.js';
import type { AppContext } from '../context.js';
import { LEAD_STATUS_LABELS } from '../domain/lead-status.js';
import { ConflictError, ForbiddenError, NotFoundError } from '../errors.js';
import { inTransaction } from '../storage/database.js';
import { getLead, setClaim, userDisplayName, type LeadRow } from '../storage/lead-review.js';
import { beijingTime } from '../text/beijing-time.js';

export interface ClaimView {
  userId: number;
  name: string;
  until: string;
  mine: boolean;
}

export function activeClaim(ctx: AppContext, lead: Pick<LeadRow, 'claimed_by' | 'claim_expires_at'>, viewer: number | null, now = new Date()): ClaimView | null {
  if (lead.claimed_by === null || !lead.claim_expires_at || lead.claim_expires_at <= now.toISOString()) return null;
  return { userId: lead.claimed_by, name: userDisplayName(ctx.db, lead.claimed_by) ?? `用户 ${lead.claimed_by}`, until: lead.claim_expires_at, mine: lead.claimed_by === viewer };
}

/** Throws 409 if someone else holds a live claim on the lead (every review action checks this). */
export function assertNotClaimedByOther(ctx: AppContext, lead: LeadRow, actor: Actor, now = new Date()): void {
  const claim = activeClaim(ctx, lead, actor.kind === 'user' ? actor.id : null, now);
  if (claim && !claim.mine) {
    throw new ConflictError(`线索 ${lead.id} 正由 ${claim.name} 处理（认领至 ${beijingTime(claim.until)}）；请处理下一条，或请管理员释放认领`);
  }
}

/**
 * Claims (or renews the claim on) a `new` lead for config.claimMinutes. Opening a lead calls this;
 * a live claim of someone else is a 409 naming the holder.
 */
export function claimLead(ctx: AppContext, leadId: number, actor: Extract<Actor, { kind: 'user' }>, now = new Date()): ClaimView {
  return inTransaction(ctx.db, () => {
    const lead = getLead(ctx.db, leadId);
    if (!lead) throw new NotFoundError(`线索 ${leadId} 不存在；请刷新队列`);
    if (lead.status !== 'new') throw new ConflictError(`线索 ${leadId} 已处理（${LEAD_STATUS_LABELS[lead.status]}），无需认领`);
    assertNotClaimedByOther(ctx, lead, actor, now);
    const until = new Date(now.getTime() + ctx.config.claimMinutes * 60_000).toISOString();
    setClaim(ctx.db, leadId, actor.id, until);
    return { userId: actor.id, name: userDisplayName(ctx.db, actor.id) ?? actor.name, until, mine: true };
  });
}

/** Releases a claim: the holder may release their own; an admin may release anyone's. */
export function releaseClaim(ctx: AppContext, leadId: number, actor: Extract<Actor, { kind: 'user' }>, isAdmin: boolean): void {
  inTransaction(ctx.db, () => {
    const lead = getLead(ctx.db, leadId);
    if (!lead) throw new NotFoundError(`线索 ${leadId} 不存在；请刷新队列`);
    const claim = activeClaim(ctx, lead, actor.id);
    if (!claim) return;
    if (!claim.mine && !isAdmin) throw new ForbiddenError(`认领属于 ${claim.name}；只有管理员可以释放他人的认领`);
    setClaim(ctx.db, leadId, null, null);
    if (!claim.mine) {
      recordAudit(ctx.db, { actor, entity: 'lead', entityId: leadId, action: 'release_claim', before: { claimed_by: claim.userId, claim_expires_at: claim.until }, after: { claimed_by: null } });
    }
  });
}
