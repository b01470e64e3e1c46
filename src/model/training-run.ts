import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Engine } from '../engine/engine.js';
import type { ActiveModel } from '../engine/judge.js';
import { expectedCalibrationError } from './calibration.js';
import type { LabelledPost } from './data/labelled-file.js';
import { gainedLost, gate, type Loss } from './gate.js';
import { calibratedScores } from './linear-model.js';
import { decodeModel, encodeModel } from './model-file.js';
import { evaluateCandidate, type CandidateEvaluation, type SetReport } from './model-eval.js';
import type { ModelStore } from './model-store.js';
import { fitModel, type Progress, type TrainOptions } from './train.js';
import { buildTrainingSet, type TrainingSet, type TrainingSources } from './training-set.js';
import { modelInput } from './model-input.js';

/** What a version records about itself (metrics.json). */
export interface ModelMetrics {
  examples: number;
  seconds: number;
  /** Expected calibration error of the lead probability on out-of-fold scores. */
  leadCalibrationError: number;
  sets: SetReport[];
}

export interface TrainingRun {
  version: string | null;
  bytes: number;
  metrics: ModelMetrics;
  training: TrainingSet;
  gate: { pass: boolean; losses: Loss[]; against: string | null };
  gainedLost: { set: string; gained: string[]; lost: string[] }[];
  candidate: ActiveModel;
}

export interface TrainingRunOptions {
  engine: Engine;
  sources: TrainingSources;
  train?: Partial<TrainOptions>;
  /** Labelled sets scored but never trained on (blind sets). */
  extra: { set: string; posts: LabelledPost[] }[];
  /** The shared real text whose held-out part is scored (whether or not its training part was trained on). */
  evalRealTextDir: string | null;
  store: ModelStore | null;
  /** The model serving now, to compare against (null: none). */
  active: ActiveModel | null;
  /** Its recorded metrics (metrics.json), for the gate. */
  activeMetrics: ModelMetrics | null;
  tolerance: number;
  /** Also write the model file here (e.g. rebuilding the shipped default), with metrics beside it. */
  out?: string;
  onProgress?: (p: Progress) => void;
}

/**
 * Builds a candidate from the configured sources, evaluates it on every labelled set (k-fold
 * where it trained on the set) and on the held-out real text, compares it with the active model
 * (post by post, and the gate), and saves it as a version. It never activates anything.
 */
export function runTraining(o: TrainingRunOptions): TrainingRun {
  const started = Date.now();
  const training = buildTrainingSet(o.sources, modelInput(o.engine));
  if (training.examples.length === 0) throw new Error('no training examples: check TRAINING_DIRS and REAL_TEXT_DIR');
  const fit = fitModel(training.examples, o.train, o.onProgress);
  const bytes = encodeModel(fit.model);
  // evaluate exactly what will serve: the quantised model read back from its bytes
  const served = decodeModel(bytes, 'candidate');
  const candidate: ActiveModel = { version: 'candidate', model: served };
  o.onProgress?.({ stage: 'evaluate', done: 0, total: 1 });
  const evaluation: CandidateEvaluation = evaluateCandidate(training, fit.outOfFold, o.engine, candidate, o.extra, o.evalRealTextDir);
  const calibrationPoints = training.examples.flatMap((ex, i) => (ex.lead === null ? [] : [{ p: calibratedScores(fit.outOfFold[i]!, served.calibration).lead, y: ex.lead ? 1 : 0 }]));
  const metrics: ModelMetrics = {
    examples: training.examples.length,
    seconds: Math.round((Date.now() - started) / 1000),
    leadCalibrationError: Math.round(expectedCalibrationError(calibrationPoints) * 10000) / 10000,
    sets: evaluation.sets,
  };
  let compared: { set: string; gained: string[]; lost: string[] }[] = [];
  if (o.active) {
    // the active model scored directly on the same sets (it may have trained on some of them)
    const before = evaluateCandidate({ ...training, meta: [] }, [], o.engine, o.active, [...groupBySet(training), ...o.extra], o.evalRealTextDir);
    compared = gainedLost(evaluation.correct, before.correct);
  }
  const verdict = gate(metrics.sets, o.activeMetrics?.sets ?? null, o.tolerance);
  const manifest = { sources: training.manifest, train: o.train ?? {}, issues: training.issues.length, notes: training.notes };
  const version = o.store ? o.store.save(bytes, metrics, manifest) : null;
  if (o.out) {
    writeFileSync(o.out, bytes);
    writeFileSync(o.out.replace(/\.crm$/, '') + '.metrics.json', `${JSON.stringify({ ...metrics, seconds: undefined, manifest }, null, 2)}\n`);
  }
  return { version, bytes: bytes.length, metrics, training, gate: { ...verdict, against: o.active?.version ?? null }, gainedLost: compared, candidate };
}

function groupBySet(t: TrainingSet): { set: string; posts: LabelledPost[] }[] {
  const by = new Map<string, LabelledPost[]>();
  for (const m of t.meta) if (m.kind === 'labelled') by.set(m.set, [...(by.get(m.set) ?? []), m.post!]);
  return [...by].map(([set, posts]) => ({ set, posts }));
}

/** The metrics recorded beside a model file (rules/model/default.metrics.json) or in a version folder. */
export function readMetricsFile(file: string): ModelMetrics | null {
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as ModelMetrics) : null;
}

export const shippedMetricsFile = (rulesDir: string) => path.join(rulesDir, 'model', 'default.metrics.json');
