import { z } from 'zod';

export const pullQuery = z
  .object({
    cursor: z.string().regex(/^\d{1,15}$/, 'expected the next_cursor of the previous page (digits), or 0 to start').default('0'),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  })
  .strict();

export const EVENT_TYPES = ['accepted', 'in_progress', 'resolved', 'returned'] as const;
export const eventBody = z
  .object({
    type: z.enum(EVENT_TYPES),
    note: z.string().trim().max(2000).optional(),
    reason: z.string().trim().max(2000).optional(),
  })
  .strict();

