import { z } from 'zod';
import { REJECT_REASONS } from '../domain/lead-status.js';
import { editableLeadFields } from '../review/lead-actions.js';

/** Request bodies of the review API (strict: unknown fields are a 400). */
const version = z.number().int().positive();
const reason = z.enum(Object.keys(REJECT_REASONS) as [keyof typeof REJECT_REASONS]);
export const rejectBody = z.object({ version, reason, note: z.string().trim().max(1000).nullable().optional() }).strict();
/** The same reason for many leads, each with the version the verifier saw. */
export const bulkRejectBody = z
  .object({
    leads: z.array(z.object({ id: z.number().int().positive(), version }).strict()).min(1, '请至少选择一条线索').max(200, '一次最多驳回 200 条')
      .refine((l) => new Set(l.map((x) => x.id)).size === l.length, '同一条线索只能出现一次'),
    reason,
    note: z.string().trim().max(1000).nullable().optional(),
  })
  .strict();
export const mergeBody = z.object({ version, into: z.number().int().positive(), note: z.string().trim().max(1000).nullable().optional() }).strict();
export const reopenBody = z.object({ version: version.optional(), note: z.string().trim().max(1000).nullable().optional() }).strict();
// The version the verifier saw: confirming is irreversible, so a stale view must not confirm (409).
export const confirmBody = z.object({ version }).strict();
export const editBody = editableLeadFields.extend({ version }).strict();
