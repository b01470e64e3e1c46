import { z } from 'zod';
import type { Actor } from '../audit/actor.js';
import type { AppContext } from '../context.js';
import { REJECT_REASONS, type RejectReason } from '../domain/lead-status.js';
import { URGENCIES } from '../domain/categories.js';
import { ConflictError, ValidationError } from '../errors.js';
import { inTransaction } from '../storage/database.js';
import { countLeadPosts, getLead, lastOpenMerge, markMergeUndone, movePosts, type LeadRow } from '../storage/lead-review.js';
import { checkDistrict, loadResponsibility } from '../workorders/responsibility.js';
import type { CatalogueEntry } from './catalogue.js';
import { leadForChange, writeLeadChange, type LeadFields } from './lead-change.js';

const reviewerOf = (actor: Actor) => (actor.kind === 'user' ? actor.id : null);

export function rejectLead(ctx: AppContext, input: { leadId: number; actor: Actor; version: number; reason: RejectReason; note?: string | null }, now = new Date()): LeadRow {
  const at = now.toISOString();
  return inTransaction(ctx.db, () => {
    const lead = leadForChange(ctx, input.leadId, input.actor, { version: input.version, statuses: ['new'], verb: '驳回', now });
    return writeLeadChange(ctx, lead, {
      status: 'rejected', reject_reason: input.reason, reject_note: input.note ?? null,
      reviewed_by: reviewerOf(input.actor), reviewed_at: at, claimed_by: null, claim_expires_at: null,
    }, input.actor, 'reject', at, { reason_label: REJECT_REASONS[input.reason] });
  });
}

/**
 * Back to `new`. A merged lead gets back the posts, heat and spans its merge moved (those still on
 * the target), so reopening undoes the merge rather than leaving an empty lead.
 */
export function reopenLead(ctx: AppContext, input: { leadId: number; actor: Actor; version?: number; note?: string | null }, now = new Date()): LeadRow {
  const at = now.toISOString();
  return inTransaction(ctx.db, () => {
    const lead = leadForChange(ctx, input.leadId, input.actor, { version: input.version, statuses: ['rejected', 'merged'], verb: '重新打开', now });
    const fields: LeadFields = { status: 'new', reject_reason: null, reject_note: null, merged_into: null, reviewed_by: null, reviewed_at: null };
    let extra: Record<string, unknown> = { note: input.note ?? null };
    const merge = lead.status === 'merged' ? lastOpenMerge(ctx.db, lead.id) : undefined;
    if (merge) {
      const target = getLead(ctx.db, merge.target_id)!;
      if (target.status === 'confirmed') {
        // Its posts are now sources of a work order; taking them away would change a dispatched order.
        throw new ConflictError(`合并目标线索 ${target.id} 已确认为工单，不能撤销合并；如需单独处理，请新建线索`);
      }
      const back = movePosts(ctx.db, target.id, lead.id, JSON.parse(merge.post_ids) as number[]);
      const moved = new Set(back);
      const targetSpans = (JSON.parse(target.spans) as { post_id: number }[]).filter((s) => !moved.has(s.post_id));
      writeLeadChange(ctx, target, {
        heat: Math.max(0, target.heat - merge.heat), post_count: countLeadPosts(ctx.db, target.id), spans: JSON.stringify(targetSpans),
      }, input.actor, 'unmerge', at, { source: lead.id, posts_returned: back });
      markMergeUndone(ctx.db, merge.id, at);
      Object.assign(fields, { heat: merge.heat, post_count: countLeadPosts(ctx.db, lead.id), spans: merge.spans });
      extra = { ...extra, unmerged_from: target.id, posts_returned: back };
    }
    return writeLeadChange(ctx, lead, fields, input.actor, 'reopen', at, extra);
  });
}

export const editableLeadFields = z
  .object({
    category: z.string().min(1).max(40),
    subItem: z.string().min(1).max(80).nullable(),
    urgency: z.enum(URGENCIES),
    district: z.string().min(1).max(40).nullable(),
    street: z.string().min(1).max(80).nullable(),
    place: z.string().min(1).max(200).nullable(),
  })
  .partial();
export type LeadEdit = z.infer<typeof editableLeadFields>;

const COLUMN: Record<keyof LeadEdit, keyof LeadRow> = {
  category: 'category', subItem: 'sub_item', urgency: 'urgency', district: 'district', street: 'street', place: 'place',
};

/** Checks category and sub-item against the catalogue (a sub-item must belong to the category). */
export function checkCatalogue(catalogue: CatalogueEntry[], category: string, subItem: string | null | undefined): void {
  const entry = catalogue.find((c) => c.code === category);
  if (!entry) throw new ValidationError(`没有「${category}」这个分类；应为以下之一：${catalogue.map((c) => `${c.name}（${c.code}）`).join('、')}`, 'body.category');
  if (subItem && entry.subItems.length > 0 && !entry.subItems.some((s) => s.id === subItem)) {
    throw new ValidationError(`事项「${subItem}」不属于分类「${entry.name}」；请从该分类的事项中选择：${entry.subItems.map((s) => s.name).join('、')}`, 'body.subItem');
  }
}

/** Edits the engine's suggestions; each edited field is remembered in edited_fields so reclassification keeps it. */
export function editLead(ctx: AppContext, input: { leadId: number; actor: Actor; version: number; changes: LeadEdit; catalogue: CatalogueEntry[] }, now = new Date()): LeadRow {
  const at = now.toISOString();
  return inTransaction(ctx.db, () => {
    const lead = leadForChange(ctx, input.leadId, input.actor, { version: input.version, statuses: ['new'], verb: '修改（已确认的请在工单中修改）', now });
    const category = input.changes.category ?? lead.category;
    const subItem = input.changes.subItem !== undefined ? input.changes.subItem : input.changes.category && input.changes.category !== lead.category ? null : lead.sub_item;
    checkCatalogue(input.catalogue, category, subItem);
    if (input.changes.district !== undefined) checkDistrict(loadResponsibility(ctx.config.rulesDir).list, input.changes.district, 'body.district');
    const fields: Record<string, unknown> = {};
    const edited = new Set(JSON.parse(lead.edited_fields) as string[]);
    for (const [key, value] of Object.entries(input.changes) as [keyof LeadEdit, unknown][]) {
      const col = COLUMN[key];
      if (lead[col] === value) continue;
      fields[col] = value;
      edited.add(col);
    }
    if (input.changes.category && input.changes.category !== lead.category && input.changes.subItem === undefined && lead.sub_item !== null) {
      fields.sub_item = null; // the old sub-item belongs to the old category
      edited.add('sub_item');
    }
    if (Object.keys(fields).length === 0) throw new ValidationError('没有需要保存的修改：提交的值与当前相同', 'body');
    fields.edited_fields = JSON.stringify([...edited].sort());
    return writeLeadChange(ctx, lead, fields as LeadFields, input.actor, 'edit', at);
  });
}
