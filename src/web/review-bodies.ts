import { z } from 'zod';
import { REJECT_REASONS } from '../domain/lead-status.js';
import { editableLeadFields } from '../review/lead-actions.js';

/** Request bodies of the review API (strict: unknown fields are a 400). */
const version = z.number().int().positive();
export const rejectBody = z.object({ version, reason: z.enum(Object.keys(REJECT_REASONS) as [keyof typeof REJECT_REASONS]), note: z.string().trim().max(1000).nullable().optional() }).strict();
export const mergeBody = z.object({ version, into: z.number().int().positive(), note: z.string().trim().max(1000).nullable().optional() }).strict();
export const reopenBody = z.object({ version: version.optional(), note: z.string().trim().max(1000).nullable().optional() }).strict();
// The version the verifier saw: confirming is irreversible, so a stale view must not confirm (409).
export const confirmBody = z.object({ version }).strict();
export const editBody = editableLeadFields.extend({ version }).strict();
