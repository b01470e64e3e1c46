import path from 'node:path';
import { loadEngine, type Engine } from '../../src/engine/engine.js';
import { modelInput } from '../../src/model/model-input.js';
import { fitModel, type FitResult, type TrainOptions } from '../../src/model/train.js';
import { buildTrainingSet, DEFAULT_WEIGHTS, type TrainingSet } from '../../src/model/training-set.js';

/** Small, fast training settings for tests: 2^16 buckets, few epochs, three folds (seconds, not minutes). */
export const SMALL: Partial<TrainOptions> = { spec: { bits: 16, maxN: 3, words: true, maxChars: 600, ruleFeatures: true }, epochs: 4, folds: 3 };

let engine: Engine | undefined;
export function rulesEngine(): Engine {
  return (engine ??= loadEngine(path.resolve('rules'), { city: '深圳' }));
}

/** The repository's labelled fixture posts as a training set (no real text: CI has none). */
export function fixtureSet(): TrainingSet {
  const e = rulesEngine();
  return buildTrainingSet(
    { labelledDirs: [path.resolve('test/engine/fixtures')], realTextDir: null, weiboNegatives: 0, decisions: [], weights: DEFAULT_WEIGHTS },
    modelInput(e),
  );
}

let cached: FitResult | undefined;
export function smallFit(): FitResult {
  return (cached ??= fitModel(fixtureSet().examples, SMALL));
}
