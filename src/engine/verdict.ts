import { z } from 'zod';
import type { Category, Urgency } from '../domain/categories.js';

/** A post as `classify` reads it (guide §6): only id and text are required. */
export const inputPostSchema = z
  .object({
    id: z.union([z.string().min(1).max(200), z.number().int()]).transform(String),
    text: z.string(),
    title: z.string().nullish(),
    platform: z.string().nullish(),
    published_at: z.string().nullish(),
    ip_location: z.string().nullish(),
  })
  .loose();
export type InputPost = z.input<typeof inputPostSchema>;

export interface VerdictSpan {
  start: number;
  end: number;
  rule: string;
}

/** The guide's verdict (§6) plus sub_item, spans (offsets into the given text) and why a post was held back. */
export interface Verdict {
  id: string;
  is_lead: boolean;
  category: Category | null;
  urgency: Urgency | null;
  district: string | null;
  street: string | null;
  place: string | null;
  score: number;
  matched: string[];
  sub_item: string | null;
  spans: VerdictSpan[];
  /** For non-leads that matched a problem: the exclusion rule or the other city that held it back. */
  reason?: string;
  error?: string;
}

export function emptyVerdict(id: string, extra: Partial<Verdict> = {}): Verdict {
  return {
    id, is_lead: false, category: null, urgency: null, district: null, street: null, place: null,
    score: 0, matched: [], sub_item: null, spans: [], ...extra,
  };
}
