import { segment } from '../engine/text/segmenter.js';

/**
 * What the model reads of a post: character 1–3-grams (and optionally jieba words) of the normalised text,
 * hashed into 2^bits buckets (the hashing trick, as in fastText and Vowpal Wabbit), so the
 * vocabulary never has to be stored and unseen n-grams cost nothing.
 */
export interface FeatureSpec {
  bits: number;
  maxN: number;
  /**
   * jieba words besides the character n-grams. Off by default: measured out-of-fold on the corpus
   * they added 0.001 lead F1 and 0.0006 category accuracy, and cost 70% of feature time (27 → 8 µs
   * a post).
   */
  words: boolean;
  /** Only the first this many characters count: letters to a board can run to thousands. */
  maxChars: number;
  /**
   * The rules' findings join the text as tokens (sub-items fired, exclusions, urgency rules,
   * whether the rules raised it), so the model learns how far to trust each rule. Off by default:
   * measured out-of-fold it lost recall (the repository's fixture sets, which the rules were tuned
   * on, teach it that the rules never miss); `train --rule-features` builds such a model.
   */
  ruleFeatures: boolean;
}

export const DEFAULT_FEATURE_SPEC: FeatureSpec = { bits: 20, maxN: 3, words: false, maxChars: 1500, ruleFeatures: false };

/** Sorted unique bucket indices with L2-normalised weights (1 + ln count). */
export interface Features {
  idx: Int32Array;
  val: Float32Array;
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
const WORD_SEED = 0x9e3779b9;
const TOKEN_SEED = 0x7f4a7c15;

// Digits become '0' so "12栋" and "7栋" share their n-grams.
function unit(c: number): number {
  return c >= 0x30 && c <= 0x39 ? 0x30 : c;
}

function fnvStep(h: number, c: number): number {
  return Math.imul(h ^ unit(c), FNV_PRIME);
}

// final avalanche so nearby n-grams spread over the low bits the mask keeps
function finish(h: number): number {
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  h ^= h >>> 12;
  return h >>> 0;
}

function hashUnits(text: string, start: number, end: number, seed: number): number {
  let h = (FNV_OFFSET ^ seed) >>> 0;
  for (let i = start; i < end; i++) h = fnvStep(h, text.charCodeAt(i));
  return finish(h);
}

// A word of only punctuation or spaces says nothing jieba's characters did not.
const MEANINGFUL = /[\p{L}\p{N}]/u;

/** One feature occurrence: the bucket and where it came from (for explanations). */
export interface FeatureSource {
  bucket: number;
  kind: 'char' | 'word';
  text: string;
}

const clip = (text: string, spec: FeatureSpec) => (text.length > spec.maxChars ? text.slice(0, spec.maxChars) : text);

/**
 * The one n-gram loop: buckets of every character n-gram of t into `out` from `at` on (and, when
 * `origins` is given, where each starts and how long it is, packed as start × 8 + length). FNV is
 * incremental, so the n-grams starting at i extend one prefix hash: no substring, no rehash.
 */
function charNgrams(t: string, spec: FeatureSpec, out: Int32Array, at: number, origins?: Int32Array): number {
  const mask = (1 << spec.bits) - 1;
  let n = at;
  for (let i = 0; i < t.length; i++) {
    let h = FNV_OFFSET;
    for (let k = 0; k < spec.maxN && i + k < t.length; k++) {
      const c = t.charCodeAt(i + k);
      if (c === 0x20) break;
      h = fnvStep(h, c);
      if (origins) origins[n] = i * 8 + k + 1;
      out[n++] = finish(h) & mask;
    }
  }
  return n;
}

/** jieba words of t (two characters or more, with a letter or digit), as bucket and span. */
function forEachWord(t: string, spec: FeatureSpec, visit: (bucket: number, start: number, end: number) => void): void {
  const mask = (1 << spec.bits) - 1;
  let at = 0;
  for (const w of segment(t)) {
    const start = at;
    at += w.length;
    if (w.length >= 2 && MEANINGFUL.test(w)) visit(hashUnits(t, start, at, WORD_SEED) & mask, start, at);
  }
}

let scratch = new Int32Array(4096);

/** Buckets of every feature occurrence into `scratch` (the hot path: no callbacks, no substrings). */
function collect(text: string, spec: FeatureSpec, tokens: readonly string[]): number {
  const t = clip(text, spec);
  const mask = (1 << spec.bits) - 1;
  const need = t.length * (spec.maxN + 1) + tokens.length;
  if (scratch.length < need) scratch = new Int32Array(Math.max(need, scratch.length * 2));
  let n = charNgrams(t, spec, scratch, 0);
  if (spec.words) forEachWord(t, spec, (bucket) => (scratch[n++] = bucket));
  if (spec.ruleFeatures) for (const token of tokens) scratch[n++] = hashUnits(token, 0, token.length, TOKEN_SEED) & mask;
  return n;
}

/** The feature vector of a normalised text (and, when the spec uses them, the rules' tokens). */
export function featurise(text: string, spec: FeatureSpec = DEFAULT_FEATURE_SPEC, tokens: readonly string[] = []): Features {
  const n = collect(text, spec, tokens);
  const sorted = scratch.subarray(0, n).sort();
  let unique = 0;
  for (let i = 0; i < n; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) unique++;
  const idx = new Int32Array(unique);
  const val = new Float32Array(unique);
  let k = -1;
  for (let i = 0; i < n; i++) {
    if (i === 0 || sorted[i] !== sorted[i - 1]) idx[++k] = sorted[i]!;
    val[k]!++;
  }
  let norm = 0;
  for (let i = 0; i < unique; i++) {
    val[i] = 1 + Math.log(val[i]!);
    norm += val[i]! * val[i]!;
  }
  norm = Math.sqrt(norm) || 1;
  for (let i = 0; i < unique; i++) val[i]! /= norm;
  return { idx, val };
}

/** Which n-grams and words of the text fall in each bucket (only `wanted` ones when given), for explanations. */
export function featureSources(text: string, spec: FeatureSpec = DEFAULT_FEATURE_SPEC, wanted?: ReadonlySet<number>): Map<number, FeatureSource> {
  const out = new Map<number, FeatureSource>();
  const t = clip(text, spec);
  // prefer the longer (more telling) source when two share a bucket
  const keep = (bucket: number, start: number, end: number, kind: FeatureSource['kind']) => {
    if (wanted && !wanted.has(bucket)) return;
    const prev = out.get(bucket);
    if (!prev || end - start > prev.text.length) out.set(bucket, { bucket, kind, text: t.slice(start, end) });
  };
  const buckets = new Int32Array(t.length * spec.maxN);
  const origins = new Int32Array(t.length * spec.maxN);
  const n = charNgrams(t, spec, buckets, 0, origins);
  for (let i = 0; i < n; i++) keep(buckets[i]!, origins[i]! >> 3, (origins[i]! >> 3) + (origins[i]! & 7), 'char');
  if (spec.words) forEachWord(t, spec, (bucket, start, end) => keep(bucket, start, end, 'word'));
  return out;
}
