import type { CollisionPolicy } from './collision-policy.js';
import { scorePair, type CollisionSide } from './pair-score.js';
import { bigramSet } from './text-similarity.js';

/** One labelled (lead, ticket) pair of the sample in test/tickets/collision/fixtures/. */
export interface LabelledPair {
  id: string;
  label: 'same' | 'different';
  kind: string;
  lead: Omit<CollisionSide, 'bigrams'> & { text: string };
  ticket: Omit<CollisionSide, 'bigrams'> & { text: string };
}

export interface SampleFigures {
  pairs: number;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  precision: number;
  recall: number;
  /** Wrong answers by kind of pair ('true_pair' misses, near-miss kinds linked). */
  errorsByKind: Record<string, number>;
}

const side = (s: LabelledPair['lead'], policy: CollisionPolicy): CollisionSide => ({ ...s, bigrams: bigramSet(s.text, policy.textChars, [s.place, s.street, s.district]) });

/** Precision and recall of a policy on a labelled sample (what COLLISION.md reports). */
export function evaluateSample(pairs: readonly LabelledPair[], policy: CollisionPolicy): SampleFigures {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  const errorsByKind: Record<string, number> = {};
  for (const p of pairs) {
    const linked = scorePair(side(p.lead, policy), side(p.ticket, policy), policy).match;
    const same = p.label === 'same';
    if (linked && same) tp++;
    else if (linked) fp++;
    else if (same) fn++;
    if (linked !== same) errorsByKind[p.kind] = (errorsByKind[p.kind] ?? 0) + 1;
  }
  const r4 = (x: number) => Math.round(x * 10_000) / 10_000;
  return { pairs: pairs.length, truePositives: tp, falsePositives: fp, falseNegatives: fn, precision: r4(tp + fp ? tp / (tp + fp) : 1), recall: r4(tp + fn ? tp / (tp + fn) : 1), errorsByKind };
}
