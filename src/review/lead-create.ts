import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { recordAudit } from '../audit/audit-log.js';
import type { Actor } from '../audit/actor.js';
import type { AppContext } from '../context.js';
import { URGENCIES } from '../domain/categories.js';
import { appendChange } from '../storage/change-log.js';
import { inTransaction } from '../storage/database.js';
import { getLead, insertManualLead, linkPost, type LeadRow } from '../storage/lead-review.js';
import { markProcessed, storePosts } from '../storage/posts.js';
import { checkDistrict, loadResponsibility } from '../workorders/responsibility.js';
import type { CatalogueEntry } from './catalogue.js';
import { checkCatalogue } from './lead-actions.js';
import { collideLead } from '../collision/collide.js';
import { collisionPolicy } from '../collision/collision-policy.js';

export const newLeadBody = z
  .object({
    text: z.string().trim().min(5, '请填写问题描述（至少 5 个字）').max(5000),
    url: z.url({ protocol: /^https?$/ }).nullable().optional(),
    category: z.string().min(1).max(40),
    subItem: z.string().min(1).max(80).nullable().optional(),
    urgency: z.enum(URGENCIES).default('normal'),
    district: z.string().min(1).max(40).nullable().optional(),
    street: z.string().min(1).max(80).nullable().optional(),
    place: z.string().min(1).max(200).nullable().optional(),
  })
  .strict();
export type NewLead = z.infer<typeof newLeadBody>;

/**
 * A lead a person creates (a phone call, a post the engine missed). Its text is stored as a post
 * of platform "manual", marked processed so the engine does not raise a second lead for it.
 */
export function createLead(ctx: AppContext, input: NewLead, actor: Extract<Actor, { kind: 'user' }>, catalogue: CatalogueEntry[], now = new Date()): LeadRow {
  checkCatalogue(catalogue, input.category, input.subItem);
  checkDistrict(loadResponsibility(ctx.config.rulesDir).list, input.district, 'body.district');
  const at = now.toISOString();
  return inTransaction(ctx.db, () => {
    const { newIds } = storePosts(ctx.db, [{
      platform: 'manual', platformPostId: randomUUID(), url: input.url ?? null, author: actor.name, text: input.text, publishedAt: at,
      raw: JSON.stringify({ created_by: actor.id }),
    }], at);
    const postId = newIds[0]!;
    markProcessed(ctx.db, [postId], at);
    const id = insertManualLead(ctx.db, {
      category: input.category, subItem: input.subItem ?? null, urgency: input.urgency, district: input.district ?? null,
      street: input.street ?? null, place: input.place ?? null, summary: input.text.slice(0, 120), postCount: 1, createdBy: actor.id, at,
      editedFields: ['category', 'sub_item', 'urgency', 'district', 'street', 'place'],
    });
    linkPost(ctx.db, id, postId, at);
    const lead = getLead(ctx.db, id)!;
    recordAudit(ctx.db, { actor, entity: 'lead', entityId: id, action: 'create', after: { ...input, post_id: postId } });
    appendChange(ctx.db, 'lead', id, at);
    // a problem someone already called 12345 about is 已诉 from the start
    collideLead(ctx.db, id, collisionPolicy(ctx.config), at);
    return lead;
  });
}
