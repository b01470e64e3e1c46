import { z } from 'zod';
import { CATEGORY_CODES } from '../domain/categories.js';
import { DISMISS_REASONS, TICKET_LEAD_STATUSES } from '../domain/ticket-lead-status.js';

const text = (max: number) => z.string().trim().min(1).max(max);
const code = z.string().regex(/^[a-z][a-z0-9_]*$/, '应为专题代码（见 GET /api/screening-topics）');

/** The list's filters (the CSV takes the same, without the page). */
export const ticketLeadFilter = z
  .object({
    topic: code.optional(),
    status: z.enum(TICKET_LEAD_STATUSES).optional(),
    district: text(40).optional(),
    category: z.enum(CATEGORY_CODES).optional(),
    /** received time, ISO 8601 with offset; from inclusive, to exclusive */
    from: z.iso.datetime({ offset: true }).optional(),
    to: z.iso.datetime({ offset: true }).optional(),
    q: text(100).optional(),
  })
  .strict();

export const ticketLeadsQuery = ticketLeadFilter
  .extend({
    /** the `next` of the previous page */
    after: z.string().regex(/^[A-Za-z0-9_-]{1,200}$/, '应为上一页返回的 next').optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();

export const reviewBody = z
  .object({
    status: z.enum(TICKET_LEAD_STATUSES),
    dismiss_reason: z.enum(Object.keys(DISMISS_REASONS) as [keyof typeof DISMISS_REASONS, ...(keyof typeof DISMISS_REASONS)[]]).nullable().optional(),
    recipient: text(100).nullable().optional(),
    note: text(2000).nullable().optional(),
  })
  .strict();

export const idParam = z.object({ id: z.coerce.number().int().positive() }).strict();
