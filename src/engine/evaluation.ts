import { z } from 'zod';
import { CATEGORY_CODES, URGENCIES } from '../domain/categories.js';
import type { Verdict } from './verdict.js';

/** The label of a labelled post (guide §6). */
export const labelSchema = z.object({
  is_lead: z.boolean(),
  category: z.enum(CATEGORY_CODES).nullable(),
  urgency: z.enum(URGENCIES).nullable(),
  district: z.string().nullable(),
  street: z.string().nullable(),
  place: z.string().nullable().optional(),
});
export type Label = z.infer<typeof labelSchema>;

export interface Misclassified {
  id: string;
  problem: 'false_positive' | 'false_negative' | 'category' | 'district' | 'street' | 'urgency';
  expected: string | null;
  got: string | null;
}

export interface EvalReport {
  posts: number;
  leads: { truePositives: number; falsePositives: number; falseNegatives: number; precision: number; recall: number; f1: number };
  /** On true leads the engine also raised: is the category right? */
  categoryAccuracy: number;
  /** Rows: labelled category; columns: engine's category ('-' = not raised). */
  confusion: Record<string, Record<string, number>>;
  districtAccuracy: number;
  streetAccuracy: number;
  /** Labelled urgent leads the engine raised as urgent (a missed lead counts as a miss). */
  urgentRecall: number;
  misclassified: Misclassified[];
}

const ratio = (a: number, b: number) => (b === 0 ? 1 : Math.round((a / b) * 10000) / 10000);

/** Compares verdicts with labels; pure, so tests and `eval` share it. */
export function evaluatePairs(pairs: readonly { label: Label; verdict: Verdict }[]): EvalReport {
  let tp = 0, fp = 0, fn = 0, cat = 0, dist = 0, street = 0, urgent = 0, urgentHit = 0;
  const confusion: Record<string, Record<string, number>> = {};
  const misclassified: Misclassified[] = [];
  for (const { label, verdict: v } of pairs) {
    if (label.is_lead) {
      const row = (confusion[label.category ?? 'other'] ??= {});
      const col = v.is_lead ? (v.category ?? '-') : '-';
      row[col] = (row[col] ?? 0) + 1;
      if (label.urgency === 'urgent') {
        urgent++;
        if (v.is_lead && v.urgency === 'urgent') urgentHit++;
        else misclassified.push({ id: v.id, problem: 'urgency', expected: 'urgent', got: v.urgency });
      }
    }
    if (label.is_lead && !v.is_lead) {
      fn++;
      misclassified.push({ id: v.id, problem: 'false_negative', expected: label.category, got: null });
      continue;
    }
    if (!label.is_lead) {
      if (v.is_lead) {
        fp++;
        misclassified.push({ id: v.id, problem: 'false_positive', expected: null, got: v.category });
      }
      continue;
    }
    tp++;
    if (v.category === label.category) cat++;
    else misclassified.push({ id: v.id, problem: 'category', expected: label.category, got: v.category });
    if ((v.district ?? null) === (label.district ?? null)) dist++;
    else misclassified.push({ id: v.id, problem: 'district', expected: label.district, got: v.district });
    if ((v.street ?? null) === (label.street ?? null)) street++;
    else misclassified.push({ id: v.id, problem: 'street', expected: label.street, got: v.street });
  }
  const precision = ratio(tp, tp + fp);
  const recall = ratio(tp, tp + fn);
  return {
    posts: pairs.length,
    leads: { truePositives: tp, falsePositives: fp, falseNegatives: fn, precision, recall, f1: precision + recall === 0 ? 0 : Math.round(((2 * precision * recall) / (precision + recall)) * 10000) / 10000 },
    categoryAccuracy: ratio(cat, tp),
    confusion,
    districtAccuracy: ratio(dist, tp),
    streetAccuracy: ratio(street, tp),
    urgentRecall: ratio(urgentHit, urgent),
    misclassified,
  };
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/** The human-readable report of `eval`. */
export function formatReport(r: EvalReport): string {
  const lines = [
    `posts: ${r.posts}`,
    `leads: precision ${pct(r.leads.precision)}  recall ${pct(r.leads.recall)}  F1 ${r.leads.f1.toFixed(3)}  (TP ${r.leads.truePositives}, FP ${r.leads.falsePositives}, FN ${r.leads.falseNegatives})`,
    `category accuracy on true leads: ${pct(r.categoryAccuracy)}`,
    `district accuracy: ${pct(r.districtAccuracy)}   street accuracy: ${pct(r.streetAccuracy)}`,
    `urgent recall: ${pct(r.urgentRecall)}`,
    '',
    'confusion (rows: label, columns: engine; - = not raised):',
  ];
  for (const [row, cols] of Object.entries(r.confusion).sort()) {
    lines.push(`  ${row.padEnd(14)} ${Object.entries(cols).sort((a, b) => b[1] - a[1]).map(([c, n]) => `${c}:${n}`).join('  ')}`);
  }
  lines.push('', `misclassified (${r.misclassified.length}):`);
  for (const m of r.misclassified) lines.push(`  ${m.id.padEnd(14)} ${m.problem.padEnd(15)} expected ${m.expected ?? '-'}  got ${m.got ?? '-'}`);
  return lines.join('\n');
}
