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
  /** Which evidence decided, when a model judged with the rules (see engine/judge.ts). */
  evidence?: Evidence;
  error?: string;
}

export interface WeightedText {
  text: string;
  weight: number;
}

export interface Evidence {
  /** rules+model: both; model: the model alone; model_veto: the model overruled the rules; exclusion / outside: a rule's hard no; neither. */
  decided_by: 'rules+model' | 'model' | 'model_veto' | 'exclusion' | 'outside' | 'neither';
  rules_lead: boolean;
  rules_score: number;
  model?: {
    version: string;
    p_lead: number;
    /** null when the post was screened out on p_lead alone (far below every bar). */
    p_urgent: number | null;
    category: Category | null;
    p_category: number | null;
    /** N-grams and words that weighed most for and against "lead". */
    for: WeightedText[];
    against: WeightedText[];
  };
  urgency_by?: 'rules' | 'model' | null;
  /** Set when the model's category replaced the rules' (the rules' was all but ruled out). */
  category_by?: 'model';
  /** An exclusion rule that fired but was overruled by a very sure model. */
  exclusion_overruled?: string;
  /** What says the problem is local: a named place, a local platform, the IP属地, or nothing. */
  locality: 'place' | 'platform' | 'ip' | 'none';
}

export function emptyVerdict(id: string, extra: Partial<Verdict> = {}): Verdict {
  return {
    id, is_lead: false, category: null, urgency: null, district: null, street: null, place: null,
    score: 0, matched: [], sub_item: null, spans: [], ...extra,
  };
}
