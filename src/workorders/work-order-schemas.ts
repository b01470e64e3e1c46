import { z } from 'zod';
import { WORK_ORDER_STATUSES } from '../domain/work-order-status.js';

export const isoTime = z.iso.datetime({ offset: true }).transform((s) => new Date(s).toISOString());
const commaList = z.string().transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean));

export const listQuery = z
  .object({
    status: commaList.pipe(z.array(z.enum(WORK_ORDER_STATUSES)).min(1)).optional(),
    department: z.string().min(1).max(80).optional(),
    category: z.string().min(1).max(40).optional(),
    district: z.string().min(1).max(20).optional(),
    overdue: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
    from: isoTime.optional(),
    to: isoTime.optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    before: z.coerce.number().int().positive().optional(),
  })
  .strict();

export const transitionBody = z
  .object({
    to: z.enum(WORK_ORDER_STATUSES),
    note: z.string().trim().max(2000).optional(),
    reason: z.string().trim().max(2000).optional(),
    version: z.number().int().positive().optional(),
  })
  .strict();

export const reassignBody = z
  .object({ department: z.string().trim().min(2).max(80), note: z.string().trim().max(2000).optional(), version: z.number().int().positive().optional() })
  .strict();

