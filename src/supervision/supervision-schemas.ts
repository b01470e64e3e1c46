import { z } from 'zod';
import { SUPERVISION_REASONS } from '../storage/supervisions.js';
import { LIST_KIND_CODES } from './list-kinds.js';

export const listQuery = z
  .object({
    list: z.enum(LIST_KIND_CODES as [string, ...string[]]),
    district: z.string().trim().min(1).max(40).optional(),
    category: z.string().trim().min(1).max(40).optional(),
    /** long_unresolved: open for more than this many days */
    open_days: z.coerce.number().int().min(1).max(3650).default(30),
    /** recurring: a lead within this many days after the resolution counts */
    within_days: z.coerce.number().int().min(1).max(3650).default(90),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  })
  .strict();

export const supervisionsQuery = z
  .object({
    state: z.enum(['open', 'closed', 'all']).default('open'),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  })
  .strict();

export const superviseBody = z
  .object({
    note: z.string().trim().min(1, '请填写督办意见').max(2000),
    reason: z.enum(SUPERVISION_REASONS).nullable().optional(),
  })
  .strict();
