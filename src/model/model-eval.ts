import { analyse, placeText, rulesVerdict } from '../engine/classify.js';
import { ruleTokens } from '../engine/rule-tokens.js';
import type { Engine } from '../engine/engine.js';
import { evaluatePairs, type EvalReport, type Label } from '../engine/evaluation.js';
import { DEFAULT_POLICY, judge, type ActiveModel, type JudgePolicy } from '../engine/judge.js';
import { emptyVerdict, type Verdict } from '../engine/verdict.js';
import type { Category } from '../domain/categories.js';
import type { LabelledPost } from './data/labelled-file.js';
import { boardMessages, hasRealText, weiboPosts } from './data/real-text.js';
import { calibratedScores, score, type ModelScores } from './linear-model.js';
import type { TrainingSet } from './training-set.js';

/** One set's figures for rules alone, the model alone and both together. */
export interface SetReport {
  set: string;
  kind: 'labelled' | 'board' | 'weibo';
  posts: number;
  /** The model's figures come from folds that did not train on these posts (k-fold). */
  outOfFold: boolean;
  rules: Summary;
  model: Summary;
  combined: Summary;
}

/** Labelled sets: the guide's measures. Board: share flagged, share with the category in the board's family. Weibo: share flagged. */
export type Summary = Partial<{ precision: number; recall: number; f1: number; category: number; district: number; urgentRecall: number; leads: number; falseLeads: number; flagged: number; familyRight: number }>;

/** For gained/lost: whether the combined verdict got each post right. */
export type Correctness = Map<string, boolean>;

export interface CandidateEvaluation {
  sets: SetReport[];
  correct: Map<string, Correctness>;
}

const r4 = (x: number) => Math.round(x * 10000) / 10000;

export function summarise(r: EvalReport): Summary {
  return {
    precision: r.leads.precision, recall: r.leads.recall, f1: r.leads.f1, category: r.categoryAccuracy, district: r.districtAccuracy, urgentRecall: r.urgentRecall,
    leads: r.leads.truePositives + r.leads.falseNegatives, falseLeads: r.leads.falsePositives,
  };
}

/** The model on its own: a lead at p ≥ accept, its category and urgency, the place the rules' gazetteer finds. */
export function modelOnlyVerdict(post: LabelledPost | { id: string; text: string; title?: string | null }, engine: Engine, active: ActiveModel, given?: ModelScores, policy: JudgePolicy = DEFAULT_POLICY): Verdict {
  const a = analyse(post, engine);
  const s = given ?? score(active.model, a.n.text, active.model.spec.ruleFeatures ? ruleTokens(a, rulesVerdict(a).is_lead) : []);
  if (s.lead < policy.accept) return emptyVerdict(post.id, { score: s.lead });
  const loc = a.location();
  return {
    ...emptyVerdict(post.id),
    is_lead: true,
    category: s.category,
    urgency: s.urgent >= policy.urgent ? 'urgent' : 'normal',
    district: loc.district,
    street: loc.street,
    place: placeText(a, loc),
    score: s.lead,
  };
}

/** A labelled post judged right: lead or not as labelled, and a lead's category. */
export const rightFor = (label: Label, v: Verdict) => label.is_lead === v.is_lead && (!label.is_lead || v.category === label.category);

/** A labelled set: verdicts of rules, model and both; model scores out-of-fold when the set was trained on. */
export function evaluateLabelled(set: string, posts: readonly LabelledPost[], engine: Engine, active: ActiveModel, given?: (i: number) => ModelScores, policy?: JudgePolicy): { report: SetReport; correct: Correctness } {
  const rules = [], model = [], combined = [];
  const correct: Correctness = new Map();
  for (let i = 0; i < posts.length; i++) {
    const p = posts[i]!;
    const s = given?.(i);
    const input = { id: p.id, text: p.text, title: p.title, ip_location: p.ip_location };
    rules.push({ label: p.label, verdict: judge(input, engine) });
    model.push({ label: p.label, verdict: modelOnlyVerdict(p, engine, active, s, policy) });
    const v = judge(input, engine, active, policy, s);
    combined.push({ label: p.label, verdict: v });
    correct.set(p.id, rightFor(p.label, v));
  }
  return {
    report: { set, kind: 'labelled', posts: posts.length, outOfFold: !!given, rules: summarise(evaluatePairs(rules)), model: summarise(evaluatePairs(model)), combined: summarise(evaluatePairs(combined)) },
    correct,
  };
}

/** Unlabelled real text: a board letter carries its department family; an everyday post, nothing. */
interface RealItem {
  id: string;
  text: string;
  family?: readonly Category[];
}

/**
 * Real text scored by rules, model and both: share flagged, and for board letters the share whose
 * category falls in the board's family. A board is a local platform. `given` supplies out-of-fold
 * scores for rows the model trained on.
 */
function realTextReport(set: string, kind: 'board' | 'weibo', items: readonly RealItem[], engine: Engine, active: ActiveModel, outOfFold: boolean, given?: (i: number) => ModelScores, policy?: JudgePolicy): { report: SetReport; correct: Correctness } {
  const counts = { rules: [0, 0], model: [0, 0], combined: [0, 0] };
  const correct: Correctness = new Map();
  items.forEach((m, i) => {
    const post = { id: m.id, text: m.text, platformLocal: kind === 'board' };
    const s = given?.(i);
    const verdicts = { rules: judge(post, engine), model: modelOnlyVerdict(post, engine, active, s, policy), combined: judge(post, engine, active, policy, s) };
    for (const k of ['rules', 'model', 'combined'] as const) {
      const v = verdicts[k];
      if (v.is_lead) counts[k][0]!++;
      if (v.is_lead && m.family?.includes(v.category!)) counts[k][1]!++;
    }
    const c = verdicts.combined;
    correct.set(m.id, kind === 'board' ? c.is_lead && !!m.family?.includes(c.category!) : !c.is_lead);
  });
  const n = Math.max(1, items.length);
  const summary = (k: keyof typeof counts): Summary =>
    kind === 'board' ? { flagged: r4(counts[k][0]! / n), familyRight: r4(counts[k][1]! / n) } : { flagged: r4(counts[k][0]! / n) };
  return { report: { set, kind, posts: items.length, outOfFold, rules: summary('rules'), model: summary('model'), combined: summary('combined') }, correct };
}

/** The held-out part of the shared real text: board letters (a local platform) and everyday Weibo posts. */
export function evaluateRealText(dir: string, engine: Engine, active: ActiveModel, policy?: JudgePolicy): { reports: SetReport[]; correct: Map<string, Correctness> } {
  if (!hasRealText(dir)) return { reports: [], correct: new Map() };
  const board = realTextReport('real-board (held out)', 'board', boardMessages(dir, 'heldout'), engine, active, false, undefined, policy);
  const weibo = realTextReport('real-weibo (held out)', 'weibo', weiboPosts(dir, 'heldout'), engine, active, false, undefined, policy);
  return { reports: [board.report, weibo.report], correct: new Map([[board.report.set, board.correct], [weibo.report.set, weibo.correct]]) };
}

/** Every labelled set of a training set, scored out-of-fold, plus extra labelled sets and the held-out real text. */
export function evaluateCandidate(
  training: TrainingSet,
  outOfFold: readonly Float32Array[],
  engine: Engine,
  active: ActiveModel,
  extra: { set: string; posts: LabelledPost[] }[],
  realTextDir: string | null,
  policy?: JudgePolicy,
): CandidateEvaluation {
  const bySet = new Map<string, number[]>();
  training.meta.forEach((m, i) => {
    if (m.kind !== 'labelled') return;
    const list = bySet.get(m.set) ?? [];
    list.push(i);
    bySet.set(m.set, list);
  });
  const sets: SetReport[] = [];
  const correct = new Map<string, Correctness>();
  for (const [set, idx] of bySet) {
    const posts = idx.map((i) => training.meta[i]!.post!);
    const r = evaluateLabelled(set, posts, engine, active, (k) => calibratedScores(outOfFold[idx[k]!]!, active.model.calibration), policy);
    sets.push(r.report);
    correct.set(set, r.correct);
  }
  for (const e of extra) {
    const r = evaluateLabelled(e.set, e.posts, engine, active, undefined, policy);
    sets.push(r.report);
    correct.set(e.set, r.correct);
  }
  // the real text the model trained on, scored by the folds that did not see each row: figures
  // to tune on, leaving the held-out part first-pass
  for (const [set, kind] of [['real-board (training part, out-of-fold)', 'board'], ['real-weibo (training part, out-of-fold)', 'weibo']] as const) {
    const idx = training.meta.flatMap((m, i) => (m.kind === kind ? [i] : []));
    if (!idx.length) continue;
    const items = idx.map((i) => ({ id: training.meta[i]!.id, text: training.texts[i]!, family: training.meta[i]!.family }));
    sets.push(realTextReport(set, kind, items, engine, active, true, (k) => calibratedScores(outOfFold[idx[k]!]!, active.model.calibration), policy).report);
  }
  if (realTextDir) {
    const real = evaluateRealText(realTextDir, engine, active, policy);
    sets.push(...real.reports);
    for (const [k, v] of real.correct) correct.set(k, v);
  }
  return { sets, correct };
}
