import { actorRef, type Actor } from '../audit/actor.js';
import type { AppContext } from '../context.js';
import { ConflictError, NotFoundError, ValidationError } from '../errors.js';
import { inTransaction } from '../storage/database.js';
import { countLeadPosts, getLead, insertMerge, movePosts, type LeadRow } from '../storage/lead-review.js';
import { leadForChange, writeLeadChange } from './lead-change.js';

/**
 * Merges a `new` lead into another lead (new or confirmed): its posts move to the target, heat adds
 * up, its spans follow; the source becomes `merged` with merged_into. A lead_merges row records what
 * moved so reopen can undo it.
 */
export function mergeLead(ctx: AppContext, input: { leadId: number; intoId: number; actor: Actor; version: number; note?: string | null }, now = new Date()): { source: LeadRow; target: LeadRow } {
  const at = now.toISOString();
  if (input.leadId === input.intoId) throw new ValidationError(`不能把线索 ${input.leadId} 合并到它自己；请输入另一条线索的编号`, 'body.into');
  return inTransaction(ctx.db, () => {
    const source = leadForChange(ctx, input.leadId, input.actor, { version: input.version, statuses: ['new'], verb: '合并', now });
    const target = getLead(ctx.db, input.intoId);
    if (!target) throw new NotFoundError(`目标线索 ${input.intoId} 不存在；请检查编号`);
    if (target.status === 'merged') throw new ConflictError(`目标线索 ${target.id} 已合并到线索 ${target.merged_into}；请合并到线索 ${target.merged_into}`);
    if (target.status === 'rejected') throw new ConflictError(`目标线索 ${target.id} 已被驳回；请先重新打开它，或选择其他线索`);
    const moved = movePosts(ctx.db, source.id, target.id);
    const sourceSpans = JSON.parse(source.spans) as unknown[];
    insertMerge(ctx.db, { sourceId: source.id, targetId: target.id, postIds: moved, heat: source.heat, spans: sourceSpans, actor: actorRef(input.actor), at });
    const updatedTarget = writeLeadChange(ctx, target, {
      heat: target.heat + source.heat,
      post_count: countLeadPosts(ctx.db, target.id),
      spans: JSON.stringify([...(JSON.parse(target.spans) as unknown[]), ...sourceSpans]),
      last_post_at: source.last_post_at > target.last_post_at ? source.last_post_at : target.last_post_at,
    }, input.actor, 'absorb', at, { source: source.id, posts_added: moved });
    const updatedSource = writeLeadChange(ctx, source, {
      status: 'merged', merged_into: target.id, post_count: 0, reviewed_by: input.actor.kind === 'user' ? input.actor.id : null, reviewed_at: at,
      claimed_by: null, claim_expires_at: null,
    }, input.actor, 'merge', at, { into: target.id, posts_moved: moved, note: input.note ?? null });
    return { source: updatedSource, target: updatedTarget };
  });
}
