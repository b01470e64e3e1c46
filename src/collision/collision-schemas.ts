import { z } from 'zod';
import { periodQuery } from '../analytics/period.js';

export const linkParams = z.object({ id: z.coerce.number().int().positive(), linkId: z.coerce.number().int().positive() }).strict();

export const linkDecisionBody = z
  .object({ note: z.string().trim().min(1).max(1000).nullable().optional() })
  .strict();

export const headStartQuery = periodQuery.strict();
export const headStartCsvQuery = periodQuery.extend({ figure: z.string().min(1).max(40) }).strict();
