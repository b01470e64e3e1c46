import { judge } from '../../engine/judge.js';
import { loadEngine, type Engine } from '../../engine/engine.js';
import { evaluatePairs } from '../../engine/evaluation.js';
import { readLabelledFile } from '../../model/data/labelled-file.js';
import { gainedLost } from '../../model/gate.js';
import { rightFor, summarise, type Correctness } from '../../model/model-eval.js';
import { labelledFiles, labelledSetName } from '../../model/training-set.js';
import { loadCandidate } from './rule-check.js';
import type { ChangedPost, TrialResult, TrialSet, TrialSetup } from './trial-messages.js';

/** Changed posts listed per set (the counts are complete). */
export const TRIAL_LIST_LIMIT = 50;

type Post = { id: string; title?: string | null; text: string; ip_location?: string | null };

/**
 * The edit tried without activating it: the running rules and the edited ones, rules only, over
 * every labelled set (precision/recall/F1 and the posts now right or now wrong) and the stored
 * posts (those that become or stop being a lead).
 */
export function runTrial(setup: TrialSetup): TrialResult {
  const started = performance.now();
  const candidate = loadCandidate(setup.rulesDir, setup.file, setup.text, setup.city);
  if ('issues' in candidate) return { ok: false, issues: candidate.issues };
  if (setup.loadOnly) return { ok: true, sets: [], durationMs: Math.round(performance.now() - started) };
  const engines = { before: loadEngine(setup.rulesDir, { city: setup.city }), after: candidate.engine };
  const sets: TrialSet[] = [];
  for (const [set, posts] of labelledSets(setup.labelledDirs)) {
    const side = (engine: Engine) => {
      const pairs = posts.map((p) => ({ label: p.label, verdict: judge(p, engine) }));
      const correct: Correctness = new Map(pairs.map((x, i) => [posts[i]!.id, rightFor(x.label, x.verdict)]));
      return { summary: summarise(evaluatePairs(pairs)), correct };
    };
    sets.push(compare(set, 'labelled', posts, side(engines.before), side(engines.after)));
  }
  const stored: Post[] = setup.stored.map((p) => ({ ...p, id: String(p.id) }));
  const leads = (engine: Engine) => {
    const correct: Correctness = new Map(stored.map((p) => [p.id, judge(p, engine).is_lead]));
    return { summary: { leads: [...correct.values()].filter(Boolean).length }, correct };
  };
  sets.push(compare('stored', 'stored', stored, leads(engines.before), leads(engines.after)));
  return { ok: true, sets, durationMs: Math.round(performance.now() - started) };
}

function compare(set: string, kind: TrialSet['kind'], posts: readonly Post[], before: { summary: TrialSet['before']; correct: Correctness }, after: typeof before): TrialSet {
  const { gained, lost } = gainedLost(new Map([[set, after.correct]]), new Map([[set, before.correct]]))[0]!;
  const byId = new Map(posts.map((p) => [p.id, p]));
  const show = (ids: string[]): ChangedPost[] => ids.slice(0, TRIAL_LIST_LIMIT).map((id) => ({ id, title: byId.get(id)!.title ?? null, text: byId.get(id)!.text }));
  return { set, kind, posts: posts.length, before: before.summary, after: after.summary, gainedCount: gained.length, lostCount: lost.length, gained: show(gained), lost: show(lost) };
}

/** The labelled sets as `train` names them. */
function labelledSets(dirs: readonly string[]) {
  const sets = new Map<string, ReturnType<typeof readLabelledFile>['posts']>();
  for (const dir of dirs) {
    for (const file of labelledFiles(dir)) {
      const name = labelledSetName(file);
      sets.set(name, [...(sets.get(name) ?? []), ...readLabelledFile(file).posts]);
    }
  }
  return sets;
}
