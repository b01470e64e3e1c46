import { z } from 'zod';

const text = (max: number) => z.string().trim().min(1).max(max);

export const leadsQuery = z
  .object({
    domain: z.string().regex(/^[a-z][a-z0-9_]*$/, 'expected a domain code from GET /api/public-interest/domains').optional(),
    q: text(100).optional(),
    district: text(40).optional(),
    place: text(100).optional(),
    from: z.iso.datetime({ offset: true }).optional(),
    to: z.iso.datetime({ offset: true }).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  })
  .strict();

/** A saved search keeps the filters of leadsQuery, without the page size. */
export const searchFilter = leadsQuery.omit({ limit: true });

export const saveSearchBody = z.object({ name: text(60), filter: searchFilter }).strict();

export const transferBody = z
  .object({
    lead_id: z.number().int().positive(),
    recipient: text(100),
    transferred_at: z.iso.datetime({ offset: true }).optional(),
    outcome: text(500).nullable().optional(),
    note: text(2000).nullable().optional(),
  })
  .strict();

export const transferUpdateBody = z.object({ outcome: text(500).nullable(), note: text(2000).nullable().optional() }).strict();

export const idParam = z.object({ id: z.coerce.number().int().positive() }).strict();
