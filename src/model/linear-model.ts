import { CATEGORY_CODES, type Category } from '../domain/categories.js';
import { featureSources, featurise, type FeatureSpec, type Features } from './features.js';

/**
 * The model: one linear layer over hashed features with three heads (is it a lead; which of the
 * 19 categories; is it urgent), the fastText-style supervised linear classifier. Outputs are
 * calibrated on held-out predictions (Platt scaling for the two yes/no heads, a temperature for
 * the categories), so p = 0.8 means about 8 in 10 such posts are leads on data like the training mix.
 */
export const OUTPUTS = 2 + CATEGORY_CODES.length;
export const LEAD = 0;
export const URGENT = 1;
export const CATEGORY0 = 2;

export interface Platt {
  a: number;
  b: number;
}

export interface Calibration {
  lead: Platt;
  urgent: Platt;
  categoryTemperature: number;
}

export interface LinearModel {
  spec: FeatureSpec;
  /** Bucket ids with weights, ascending. */
  buckets: Int32Array;
  /** buckets.length × OUTPUTS weights, row-major. */
  weights: Float32Array;
  bias: Float32Array;
  calibration: Calibration;
  /** bucket → row + 1 (0 = bucket has no weights); built once at load. */
  rowOf: Int32Array;
  /** The lead head's column on its own (contiguous, cache-friendly): most posts need nothing else. */
  leadWeights: Float32Array;
  /** The weights as served: int8 per output with a scale (a row is one cache line, not two). */
  quantised: Int8Array;
  scales: Float32Array;
}

export interface ModelScores {
  lead: number;
  urgent: number;
  category: Category;
  categoryProbability: number;
  /** Categories by probability, best first (top three). */
  categories: { category: Category; p: number }[];
  /** Every category's probability, in CATEGORY_CODES order. */
  probabilities: Float64Array;
}

export const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/** Per output: the scale that maps its largest weight to ±127. */
export function quantisationScales(weights: Float32Array, rows: number): Float32Array {
  const scales = new Float32Array(OUTPUTS);
  for (let r = 0; r < rows; r++) for (let o = 0; o < OUTPUTS; o++) scales[o] = Math.max(scales[o]!, Math.abs(weights[r * OUTPUTS + o]!));
  for (let o = 0; o < OUTPUTS; o++) scales[o] = scales[o]! / 127 || 1;
  return scales;
}

/**
 * The lookup tables a model scores with, built once when it is trained or loaded. Scoring uses
 * the int8 weights (what the model file stores), so a freshly trained model scores exactly as its
 * file will.
 */
export function runtimeIndex(bits: number, buckets: Int32Array, weights: Float32Array): Pick<LinearModel, 'rowOf' | 'leadWeights' | 'quantised' | 'scales'> {
  const rowOf = new Int32Array(1 << bits);
  const leadWeights = new Float32Array(buckets.length);
  const scales = quantisationScales(weights, buckets.length);
  const quantised = new Int8Array(buckets.length * OUTPUTS);
  for (let r = 0; r < buckets.length; r++) {
    rowOf[buckets[r]!] = r + 1;
    for (let o = 0; o < OUTPUTS; o++) quantised[r * OUTPUTS + o] = Math.round(weights[r * OUTPUTS + o]! / scales[o]!);
    leadWeights[r] = quantised[r * OUTPUTS + LEAD]! * scales[LEAD]!;
  }
  return { rowOf, leadWeights, quantised, scales };
}

/** The calibrated lead probability alone: a screen that spares most everyday posts the other 20 outputs. */
export function leadProbability(model: LinearModel, f: Features): number {
  let z = model.bias[LEAD]!;
  for (let i = 0; i < f.idx.length; i++) {
    const row = model.rowOf[f.idx[i]!]!;
    if (row !== 0) z += f.val[i]! * model.leadWeights[row - 1]!;
  }
  return sigmoid(model.calibration.lead.a * z + model.calibration.lead.b);
}

const acc = new Float64Array(OUTPUTS);

/** Raw scores (logits) of all outputs for a feature vector. */
export function logits(model: LinearModel, f: Features): Float32Array {
  acc.fill(0);
  const q = model.quantised;
  for (let i = 0; i < f.idx.length; i++) {
    const row = model.rowOf[f.idx[i]!]!;
    if (row === 0) continue;
    const v = f.val[i]!;
    const base = (row - 1) * OUTPUTS;
    for (let o = 0; o < OUTPUTS; o++) acc[o]! += v * q[base + o]!;
  }
  const z = new Float32Array(OUTPUTS);
  for (let o = 0; o < OUTPUTS; o++) z[o] = model.bias[o]! + acc[o]! * model.scales[o]!;
  return z;
}

export function softmax(z: ArrayLike<number>, from: number, count: number, temperature = 1): Float64Array {
  const p = new Float64Array(count);
  let max = -Infinity;
  for (let k = 0; k < count; k++) max = Math.max(max, z[from + k]! / temperature);
  let sum = 0;
  for (let k = 0; k < count; k++) sum += p[k] = Math.exp(z[from + k]! / temperature - max);
  for (let k = 0; k < count; k++) p[k]! /= sum;
  return p;
}

export function calibratedScores(z: Float32Array, c: Calibration): ModelScores {
  const p = softmax(z, CATEGORY0, CATEGORY_CODES.length, c.categoryTemperature);
  // the three most likely, by selection (19 values: no sort, no allocation per element)
  const best = [-1, -1, -1];
  for (let k = 0; k < p.length; k++) {
    if (best[2] !== -1 && p[k]! <= p[best[2]!]!) continue;
    let at = 2;
    while (at > 0 && (best[at - 1] === -1 || p[k]! > p[best[at - 1]!]!)) at--;
    best.splice(at, 0, k);
    best.length = 3;
  }
  const categories = best.filter((k) => k >= 0).map((k) => ({ category: CATEGORY_CODES[k]!, p: p[k]! }));
  return {
    lead: sigmoid(c.lead.a * z[LEAD]! + c.lead.b),
    urgent: sigmoid(c.urgent.a * z[URGENT]! + c.urgent.b),
    category: categories[0]!.category,
    categoryProbability: categories[0]!.p,
    categories,
    probabilities: p,
  };
}

/** Calibrated probabilities for a normalised text (with the rules' tokens, when the model uses them). */
export function score(model: LinearModel, normalisedText: string, ruleTokens: readonly string[] = []): ModelScores {
  return calibratedScores(logits(model, featurise(normalisedText, model.spec, ruleTokens)), model.calibration);
}

export interface Contribution {
  text: string;
  kind: 'char' | 'word';
  weight: number;
}

/**
 * The n-grams and words that weighed most for (positive) and against (negative) "lead": each
 * feature's value × its weight in the lead head. What a verifier reads as "why the model thinks so".
 */
export function explainLead(model: LinearModel, normalisedText: string, top = 5, features?: Features): { for: Contribution[]; against: Contribution[] } {
  const f = features ?? featurise(normalisedText, model.spec);
  // weigh every bucket, keep the few strongest each way (partial selection, no full sort); only
  // those get their text looked up
  const k = top * 3;
  const strongest = (sign: 1 | -1) => {
    const kept: { bucket: number; weight: number }[] = [];
    for (let i = 0; i < f.idx.length; i++) {
      const row = model.rowOf[f.idx[i]!]!;
      if (row === 0) continue;
      const weight = f.val[i]! * model.leadWeights[row - 1]!;
      if (weight * sign <= 0 || (kept.length === k && weight * sign <= kept[k - 1]!.weight * sign)) continue;
      let at = kept.length === k ? k - 1 : kept.length;
      while (at > 0 && kept[at - 1]!.weight * sign < weight * sign) at--;
      kept.splice(at, 0, { bucket: f.idx[i]!, weight });
      if (kept.length > k) kept.pop();
    }
    return kept;
  };
  const candidates = [...strongest(1), ...strongest(-1)];
  const sources = featureSources(normalisedText, model.spec, new Set(candidates.map((c) => c.bucket)));
  const all: Contribution[] = [];
  for (const { bucket, weight } of candidates) {
    const src = sources.get(bucket);
    if (src && !all.some((c) => c.text === src.text)) all.push({ text: src.text, kind: src.kind, weight: Math.round(weight * 1000) / 1000 });
  }
  // a reader learns more from "井盖" than from "井": longer n-grams first, single characters only
  // to fill up; and a short n-gram inside a longer one already listed adds nothing
  const pick = (list: Contribution[]) => {
    const out: Contribution[] = [];
    for (const pass of [(c: Contribution) => c.text.length > 1, (c: Contribution) => c.text.length === 1]) {
      for (const c of list) {
        if (out.length >= top) return out;
        if (!pass(c) || out.some((o) => o.text.includes(c.text))) continue;
        out.push(c);
      }
    }
    return out;
  };
  return {
    for: pick(all.filter((c) => c.weight > 0).sort((a, b) => b.weight - a.weight)),
    against: pick(all.filter((c) => c.weight < 0).sort((a, b) => a.weight - b.weight)),
  };
}
