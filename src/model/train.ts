import { CATEGORY_CODES, type Category } from '../domain/categories.js';
import { fitPlatt, fitTemperature } from './calibration.js';
import { DEFAULT_FEATURE_SPEC, featurise, type FeatureSpec, type Features } from './features.js';
import { runtimeIndex, CATEGORY0, LEAD, logits, OUTPUTS, softmax, sigmoid, URGENT, type Calibration, type LinearModel } from './linear-model.js';
import { mulberry32, shuffleInPlace } from './random.js';

/**
 * One training example. Heads learn only from what the example knows: a post without an urgency
 * label teaches nothing about urgency; a board message labelled with a department family
 * (several categories) teaches "one of these" (partial-label softmax), not one guessed category.
 */
export interface TrainingExample {
  /** Normalised text (the engine's normalise). */
  text: string;
  /** What the rules found in it (engine/rule-tokens.ts), for models whose spec uses rule features. */
  ruleTokens?: readonly string[];
  lead: boolean | null;
  categories: readonly Category[] | null;
  urgent: boolean | null;
  weight: number;
}

export interface TrainOptions {
  spec: FeatureSpec;
  epochs: number;
  /** Starting learning rate, decayed linearly to 0 (as fastText does). */
  learningRate: number;
  /** L2 weight decay on the weights an example touches. */
  l2: number;
  /** Buckets seen in fewer examples than this get no weight (fastText's -minCount). */
  minCount: number;
  seed: number;
  folds: number;
}

export const DEFAULT_TRAIN_OPTIONS: TrainOptions = {
  spec: DEFAULT_FEATURE_SPEC,
  epochs: 12,
  learningRate: 0.6,
  l2: 1e-5,
  minCount: 2,
  seed: 20261206,
  folds: 5,
};

export interface Progress {
  stage: string;
  done: number;
  total: number;
}

interface Dense {
  w: Float32Array;
  bias: Float32Array;
}

const CATEGORY_INDEX = new Map(CATEGORY_CODES.map((c, i) => [c, i]));

function allowedMask(categories: readonly Category[]): Uint8Array {
  const m = new Uint8Array(CATEGORY_CODES.length);
  for (const c of categories) m[CATEGORY_INDEX.get(c)!] = 1;
  return m;
}

interface Prepared {
  f: Features;
  ex: TrainingExample;
  mask: Uint8Array | null;
}

function prepare(examples: readonly TrainingExample[], spec: FeatureSpec): Prepared[] {
  return examples.map((ex) => ({ f: featurise(ex.text, spec, ex.ruleTokens), ex, mask: ex.categories && ex.categories.length ? allowedMask(ex.categories) : null }));
}

/** Buckets that occur in at least minCount of the given examples. */
function frequentBuckets(items: readonly Prepared[], bits: number, minCount: number): Uint8Array {
  const count = new Uint16Array(1 << bits);
  for (const { f } of items) for (const i of f.idx) if (count[i]! < 65535) count[i]!++;
  const keep = new Uint8Array(1 << bits);
  for (let i = 0; i < count.length; i++) if (count[i]! >= minCount) keep[i] = 1;
  return keep;
}

/** Stochastic gradient descent over a fixed, seeded order: same data + seed → same weights. */
function sgd(items: readonly Prepared[], o: TrainOptions, onProgress?: (p: Progress) => void, stage = 'train'): Dense {
  const bits = o.spec.bits;
  const w = new Float32Array((1 << bits) * OUTPUTS);
  const bias = new Float32Array(OUTPUTS);
  const keep = frequentBuckets(items, bits, o.minCount);
  const order = items.map((_, i) => i);
  const rand = mulberry32(o.seed);
  const total = o.epochs * items.length;
  const g = new Float64Array(OUTPUTS);
  const z = new Float64Array(OUTPUTS);
  let step = 0;
  for (let epoch = 0; epoch < o.epochs; epoch++) {
    shuffleInPlace(order, rand);
    for (const k of order) {
      const { f, ex, mask } = items[k]!;
      const lr = o.learningRate * (1 - step / total);
      step++;
      // Only the heads this example teaches are computed and updated (a Weibo negative: one of 21).
      const wantUrgent = ex.lead === true && ex.urgent !== null;
      const wantCategory = ex.lead === true && mask !== null;
      const outs = wantCategory ? OUTPUTS : wantUrgent ? 2 : 1;
      z.set(bias);
      for (let i = 0; i < f.idx.length; i++) {
        const b = f.idx[i]!;
        if (!keep[b]) continue;
        const v = f.val[i]!;
        const base = b * OUTPUTS;
        for (let out = 0; out < outs; out++) z[out]! += v * w[base + out]!;
      }
      g.fill(0);
      if (ex.lead !== null) g[LEAD] = sigmoid(z[LEAD]!) - (ex.lead ? 1 : 0);
      if (wantUrgent) g[URGENT] = sigmoid(z[URGENT]!) - (ex.urgent ? 1 : 0);
      if (wantCategory) {
        // partial-label softmax: maximise the probability of the allowed set
        const p = softmax(z, CATEGORY0, CATEGORY_CODES.length);
        let inSet = 0;
        for (let c = 0; c < p.length; c++) if (mask![c]) inSet += p[c]!;
        for (let c = 0; c < p.length; c++) g[CATEGORY0 + c] = p[c]! - (mask![c] ? p[c]! / Math.max(inSet, 1e-12) : 0);
      }
      const scale = lr * ex.weight;
      for (let out = 0; out < outs; out++) bias[out]! -= scale * g[out]!;
      for (let i = 0; i < f.idx.length; i++) {
        const b = f.idx[i]!;
        if (!keep[b]) continue;
        const v = f.val[i]!;
        const base = b * OUTPUTS;
        for (let out = 0; out < outs; out++) {
          if (g[out] === 0) continue;
          w[base + out]! -= scale * (g[out]! * v + o.l2 * w[base + out]!);
        }
      }
      if (onProgress && step % 5000 === 0) onProgress({ stage, done: step, total });
    }
  }
  onProgress?.({ stage, done: total, total });
  return { w, bias };
}

/** Keeps the buckets that carry weight: the model stores a row per used bucket, not 2^bits rows. */
function compact(d: Dense, spec: FeatureSpec, calibration: Calibration): LinearModel {
  const rows: number[] = [];
  for (let b = 0; b < 1 << spec.bits; b++) {
    const base = b * OUTPUTS;
    for (let o = 0; o < OUTPUTS; o++) {
      if (d.w[base + o] !== 0) {
        rows.push(b);
        break;
      }
    }
  }
  const buckets = Int32Array.from(rows);
  const weights = new Float32Array(rows.length * OUTPUTS);
  rows.forEach((b, r) => weights.set(d.w.subarray(b * OUTPUTS, (b + 1) * OUTPUTS), r * OUTPUTS));
  return { spec, buckets, weights, bias: d.bias, calibration, ...runtimeIndex(spec.bits, buckets, weights) };
}

const IDENTITY: Calibration = { lead: { a: 1, b: 0 }, urgent: { a: 1, b: 0 }, categoryTemperature: 1 };

/** Out-of-fold raw scores of every example (for calibration and k-fold metrics). */
export interface FitResult {
  model: LinearModel;
  /** logits[i] for example i, each from the fold model that did not train on it. */
  outOfFold: Float32Array[];
  foldOf: Int32Array;
}

/**
 * Trains the model: k folds give honest out-of-fold scores, on which the calibration is fitted;
 * then one model on all examples carries that calibration.
 */
export function fitModel(examples: readonly TrainingExample[], options: Partial<TrainOptions> = {}, onProgress?: (p: Progress) => void): FitResult {
  const o = { ...DEFAULT_TRAIN_OPTIONS, ...options };
  const items = prepare(examples, o.spec);
  const rand = mulberry32(o.seed ^ 0x5bd1e995);
  const foldOf = new Int32Array(items.length);
  const perm = items.map((_, i) => i);
  shuffleInPlace(perm, rand);
  perm.forEach((i, k) => (foldOf[i] = k % o.folds));

  const outOfFold: Float32Array[] = new Array(items.length);
  for (let fold = 0; fold < o.folds; fold++) {
    const train = items.filter((_, i) => foldOf[i] !== fold);
    const d = sgd(train, o, onProgress, `fold ${fold + 1}/${o.folds}`);
    const m = compact(d, o.spec, IDENTITY);
    items.forEach((it, i) => {
      if (foldOf[i] === fold) outOfFold[i] = logits(m, it.f);
    });
  }
  const calibration = calibrate(items.map((it) => it.ex), outOfFold);
  const model = compact(sgd(items, o, onProgress, 'final'), o.spec, calibration);
  return { model, outOfFold, foldOf };
}

function calibrate(examples: readonly TrainingExample[], z: readonly Float32Array[]): Calibration {
  const lead: { z: number; y: number; w: number }[] = [];
  const urgent: { z: number; y: number; w: number }[] = [];
  const cats: { z: Float32Array; mask: Uint8Array; w: number }[] = [];
  examples.forEach((ex, i) => {
    if (ex.lead !== null) lead.push({ z: z[i]![LEAD]!, y: ex.lead ? 1 : 0, w: ex.weight });
    if (ex.lead && ex.urgent !== null) urgent.push({ z: z[i]![URGENT]!, y: ex.urgent ? 1 : 0, w: ex.weight });
    if (ex.lead && ex.categories?.length) cats.push({ z: z[i]!, mask: allowedMask(ex.categories), w: ex.weight });
  });
  return { lead: fitPlatt(lead), urgent: fitPlatt(urgent), categoryTemperature: fitTemperature(cats, CATEGORY0) };
}
