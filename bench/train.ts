/**
 * Training time, against the least any trainer must do in the same run: featurising every
 * example once. Trains exactly what `civic-radar train` builds (k folds + final).
 * Run: npx tsx bench/train.ts [--real-text]   (real text: REAL_TEXT_DIR or ../shared/datasets/real-text)
 */
import path from 'node:path';
import { loadEngine } from '../src/engine/engine.js';
import { modelInput } from '../src/model/model-input.js';
import { featurise } from '../src/model/features.js';
import { fitModel } from '../src/model/train.js';
import { buildTrainingSet, DEFAULT_WEIGHTS } from '../src/model/training-set.js';

const root = path.resolve(import.meta.dirname, '..');
const realText = process.argv.includes('--real-text') ? (process.env.REAL_TEXT_DIR ?? path.resolve(root, '../shared/datasets/real-text')) : null;
const engine = loadEngine(path.join(root, 'rules'), { city: '深圳' });
let t0 = performance.now();
const set = buildTrainingSet({ labelledDirs: [path.join(root, 'rules/corpus'), path.join(root, 'test/engine/fixtures')], realTextDir: realText, weiboNegatives: 20000, decisions: [], weights: DEFAULT_WEIGHTS }, modelInput(engine));
const readMs = performance.now() - t0;
t0 = performance.now();
for (const ex of set.examples) featurise(ex.text, undefined, ex.ruleTokens);
const featMs = performance.now() - t0;
t0 = performance.now();
const fit = fitModel(set.examples);
const trainMs = performance.now() - t0;
console.log(`examples: ${set.examples.length} (${realText ? 'with' : 'without'} real text); reading + normalising ${(readMs / 1000).toFixed(1)} s`);
console.log(`baseline: featurise every example once: ${(featMs / 1000).toFixed(1)} s`);
console.log(`training: 5 folds + final model: ${(trainMs / 1000).toFixed(1)} s = ${(trainMs / featMs).toFixed(0)}x the baseline; ${fit.model.buckets.length} weighted buckets, RSS ${(process.memoryUsage().rss / 1e6).toFixed(0)} MB`);
