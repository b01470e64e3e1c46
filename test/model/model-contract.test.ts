import { describe, expect, it } from 'vitest';
import { expectedCalibrationError, fitPlatt } from '../../src/model/calibration.js';
import { featurise, featureSources } from '../../src/model/features.js';
import { calibratedScores, explainLead, score } from '../../src/model/linear-model.js';
import { decodeModel, encodeModel, ModelFileError } from '../../src/model/model-file.js';
import { fitModel } from '../../src/model/train.js';
import { fixtureSet, SMALL, smallFit } from './small-model.js';

describe('features', () => {
  it.each([
    ['empty text has no features', '', 0],
    ['one character: one unigram', '井', 1],
    ['two characters: two unigrams and a bigram (a single-char word is skipped)', '井盖', 3],
  ])('%s', (_name, text, atLeast) => {
    const f = featurise(text, { bits: 16, maxN: 3, words: false, maxChars: 100, ruleFeatures: false });
    expect(f.idx.length).toBe(atLeast);
  });

  it('vectors are sorted, unique and of unit length; digits share n-grams', () => {
    const f = featurise('南山区12栋门口的井盖不见了', { bits: 18, maxN: 3, words: true, maxChars: 500, ruleFeatures: false });
    for (let i = 1; i < f.idx.length; i++) expect(f.idx[i]!).toBeGreaterThan(f.idx[i - 1]!);
    expect(Math.hypot(...f.val)).toBeCloseTo(1, 5);
    const a = featurise('12栋', { bits: 18, maxN: 3, words: false, maxChars: 500, ruleFeatures: false });
    const b = featurise('7栋', { bits: 18, maxN: 3, words: false, maxChars: 500, ruleFeatures: false });
    expect([...b.idx].every((i) => a.idx.includes(i))).toBe(true);
  });

  it('names the n-gram behind each bucket (for explanations)', () => {
    const names = [...featureSources('井盖没了', { bits: 20, maxN: 3, words: true, maxChars: 100, ruleFeatures: false }).values()].map((s) => s.text);
    expect(names).toEqual(expect.arrayContaining(['井盖', '盖没了']));
  });
});

describe('training', () => {
  it('is deterministic for a seed, and another seed gives other weights', () => {
    const set = fixtureSet().examples.slice(0, 300);
    const a = fitModel(set, { ...SMALL, folds: 2, epochs: 2 });
    const b = fitModel(set, { ...SMALL, folds: 2, epochs: 2 });
    const c = fitModel(set, { ...SMALL, folds: 2, epochs: 2, seed: 7 });
    expect(encodeModel(a.model).equals(encodeModel(b.model))).toBe(true);
    expect(encodeModel(a.model).equals(encodeModel(c.model))).toBe(false);
  });

  it('learns: out-of-fold lead accuracy well above the base rate', () => {
    const set = fixtureSet();
    const fit = smallFit();
    let right = 0;
    set.examples.forEach((ex, i) => {
      if ((calibratedScores(fit.outOfFold[i]!, fit.model.calibration).lead >= 0.5) === ex.lead) right++;
    });
    const base = Math.max(...[true, false].map((v) => set.examples.filter((e) => e.lead === v).length)) / set.examples.length;
    expect(right / set.examples.length).toBeGreaterThan(base + 0.1);
  });

  it('probabilities are calibrated on held-out scores: lower calibration error than the raw logits', () => {
    const set = fixtureSet();
    const fit = smallFit();
    const cal = set.examples.map((ex, i) => ({ p: calibratedScores(fit.outOfFold[i]!, fit.model.calibration).lead, y: ex.lead ? 1 : 0 }));
    const raw = set.examples.map((ex, i) => ({ p: 1 / (1 + Math.exp(-fit.outOfFold[i]![0]!)), y: ex.lead ? 1 : 0 }));
    expect(expectedCalibrationError(cal)).toBeLessThan(0.1);
    expect(expectedCalibrationError(cal)).toBeLessThanOrEqual(expectedCalibrationError(raw) + 1e-9);
  });

  it.each([
    ['perfectly separated scores get a steep, centred curve', [-2, -1, 1, 2], true],
    ['too few of a class: identity', [1, 2], false],
  ])('Platt scaling: %s', (_n, zs, fits) => {
    const points = zs.flatMap((z) => Array.from({ length: 10 }, (_, k) => ({ z: z + k * 0.01, y: z > 0 ? 1 : 0, w: 1 })));
    const p = fitPlatt(points);
    if (fits) expect(p.a).toBeGreaterThan(1);
    else expect(p).toEqual({ a: 1, b: 0 });
  });

  it('explains a verdict with the n-grams that weighed most', () => {
    const fit = smallFit();
    const why = explainLead(fit.model, '小区门口的井盖不见了，晚上很黑');
    expect(why.for.length).toBeGreaterThan(0);
    expect(why.for.every((c) => c.weight > 0)).toBe(true);
  });
});

describe('model file', () => {
  it('round-trips: the decoded (quantised) model scores like the trained one', () => {
    const fit = smallFit();
    const back = decodeModel(encodeModel(fit.model));
    for (const t of ['井盖不见了', '今天天气真好', '楼道里有人飞线充电']) {
      expect(score(back, t).lead).toBeCloseTo(score(fit.model, t).lead, 1);
      expect(score(back, t).category).toBe(score(fit.model, t).category);
    }
  });

  it.each([
    ['a foreign file', () => Buffer.from('{"hello":"world"}'), /not a Civic Radar model/],
    ['a truncated file', (b: Buffer) => b.subarray(0, 40), /truncated|header/],
    ['a flipped payload byte', (b: Buffer) => { const c = Buffer.from(b); c[c.length - 5]! ^= 0xff; return c; }, /checksum/],
    ['an empty file', () => Buffer.alloc(0), /not a Civic Radar model/],
  ])('refuses %s with a clear error', (_n, mutate, message) => {
    const good = encodeModel(smallFit().model);
    expect(() => decodeModel(mutate(good), 'x.crm')).toThrow(ModelFileError);
    expect(() => decodeModel(mutate(good), 'x.crm')).toThrow(message);
  });
});
