import { z } from 'zod';
import { recordAudit } from '../audit/audit-log.js';
import type { Actor } from '../audit/actor.js';
import type { AppContext } from '../context.js';
import { URGENCIES } from '../domain/categories.js';
import { ConflictError, NotFoundError, ValidationError } from '../errors.js';
import { appendChange } from '../storage/change-log.js';
import { inTransaction } from '../storage/database.js';
import { insertManualLead, linkPost } from '../storage/lead-review.js';
import { leadIdOfPost } from '../storage/leads.js';
import { countMissed, decideMissed, getMissed, listMissed, type MissedListItem } from '../storage/missed-candidates.js';
import type { CatalogueEntry } from './catalogue.js';
import { checkCatalogue } from './lead-actions.js';
import { parseEvidence, safeLink } from './lead-view.js';

export const missedQuery = z
  .object({
    status: z.enum(['open', 'lead', 'not_lead']).default('open'),
    after: z.coerce.number().int().min(0).default(0),
    limit: z.coerce.number().int().min(1).max(100).default(30),
  })
  .strict();

export const missedDecisionBody = z
  .object({
    is_lead: z.boolean(),
    category: z.string().min(1).max(40).nullable().optional(),
    urgency: z.enum(URGENCIES).default('normal'),
  })
  .strict();
export type MissedDecision = z.infer<typeof missedDecisionBody>;

function item(m: MissedListItem) {
  return {
    id: m.id, postId: m.post_id, pLead: m.p_lead, category: m.category, evidence: parseEvidence(m.evidence), status: m.status,
    decidedCategory: m.decided_category, decidedAt: m.decided_at, leadId: m.lead_id, sampledOn: m.sampled_on, createdAt: m.created_at,
    post: { platform: m.platform, url: safeLink(m.url), author: m.author, title: m.title, text: m.text, publishedAt: m.published_at, ipLocation: m.ip_location },
  };
}

/** 可能遗漏: one page of sampled posts, oldest first (keyset on id), with counts per status. */
export function listMissedCandidates(ctx: AppContext, q: z.infer<typeof missedQuery>) {
  const rows = listMissed(ctx.db, q.status, q.limit + 1, q.after);
  const page = rows.slice(0, q.limit);
  return { items: page.map(item), nextAfter: rows.length > q.limit ? page[page.length - 1]!.id : null, counts: countMissed(ctx.db) };
}

/**
 * A verifier's decision on a possibly missed post. "A lead" files it as a new lead (created by
 * that verifier, in the queue like any other); either way the decision is kept as a labelled
 * example for the next `train`. Deciding twice is a conflict, never a second lead.
 */
export function decideMissedCandidate(ctx: AppContext, id: number, input: MissedDecision, actor: Extract<Actor, { kind: 'user' }>, catalogue: CatalogueEntry[], now = new Date()) {
  if (input.is_lead) {
    if (!input.category) throw new ValidationError('判为线索时请选择分类', 'category');
    checkCatalogue(catalogue, input.category, null);
  }
  const at = now.toISOString();
  return inTransaction(ctx.db, () => {
    const m = getMissed(ctx.db, id);
    if (!m) throw new NotFoundError(`可能遗漏条目 ${id} 不存在`);
    if (m.status !== 'open') throw new ConflictError(`这条已由他人处理（${m.status === 'lead' ? '判为线索' : '判为非线索'}），请刷新列表`);
    let leadId: number | null = null;
    if (input.is_lead) {
      const existing = leadIdOfPost(ctx.db, m.post_id);
      if (existing !== undefined) throw new ConflictError(`这条帖子已在线索 #${existing} 中`);
      leadId = insertManualLead(ctx.db, {
        category: input.category!, subItem: null, urgency: input.urgency, district: null, street: null, place: null,
        summary: (m.text || m.title || '').slice(0, 120), postCount: 1, createdBy: actor.id, at, editedFields: ['category', 'urgency'],
      });
      linkPost(ctx.db, leadId, m.post_id, at);
      recordAudit(ctx.db, { actor, entity: 'lead', entityId: leadId, action: 'create', after: { post_id: m.post_id, category: input.category, urgency: input.urgency, from_missed: id } });
      appendChange(ctx.db, 'lead', leadId, at);
    }
    decideMissed(ctx.db, id, { status: input.is_lead ? 'lead' : 'not_lead', category: input.is_lead ? input.category! : null, userId: actor.id, now: at, leadId });
    recordAudit(ctx.db, { actor, entity: 'missed_candidate', entityId: id, action: input.is_lead ? 'decided_lead' : 'decided_not_lead', after: { category: input.category ?? null, lead_id: leadId } });
    return item(getMissed(ctx.db, id)!);
  });
}
