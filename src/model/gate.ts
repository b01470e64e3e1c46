import type { Correctness, SetReport } from './model-eval.js';

/**
 * The activation gate: a candidate may replace the active model only if no set loses more than
 * the tolerance on its headline measures (labelled sets: lead F1 and urgent recall; board letters:
 * share flagged and share in the right department family; everyday Weibo: share flagged, where
 * lower is better and a tenth of the tolerance applies, since its rates are small).
 */
export interface Loss {
  set: string;
  measure: string;
  active: number;
  candidate: number;
}

function measures(r: SetReport): { measure: string; value: number; higherIsBetter: boolean }[] {
  const c = r.combined;
  if (r.kind === 'labelled' && c.leads === 0) return [{ measure: 'false leads', value: (c.falseLeads ?? 0) / Math.max(1, r.posts), higherIsBetter: false }];
  if (r.kind === 'labelled') return [{ measure: 'F1', value: c.f1 ?? 0, higherIsBetter: true }, { measure: 'urgent recall', value: c.urgentRecall ?? 0, higherIsBetter: true }];
  if (r.kind === 'board') return [{ measure: 'flagged', value: c.flagged ?? 0, higherIsBetter: true }, { measure: 'family right', value: c.familyRight ?? 0, higherIsBetter: true }];
  return [{ measure: 'flagged', value: c.flagged ?? 0, higherIsBetter: false }];
}

export function gate(candidate: readonly SetReport[], active: readonly SetReport[] | null, tolerance: number): { pass: boolean; losses: Loss[] } {
  if (!active) return { pass: true, losses: [] };
  const losses: Loss[] = [];
  for (const cand of candidate) {
    const act = active.find((a) => a.set === cand.set);
    if (!act) continue;
    const before = measures(act);
    for (const m of measures(cand)) {
      const b = before.find((x) => x.measure === m.measure);
      if (!b) continue;
      const allowed = cand.kind === 'weibo' ? tolerance / 10 : tolerance;
      const drop = m.higherIsBetter ? b.value - m.value : m.value - b.value;
      if (drop > allowed + 1e-9) losses.push({ set: cand.set, measure: m.measure, active: b.value, candidate: m.value });
    }
  }
  return { pass: losses.length === 0, losses };
}

/** Per set, the posts the candidate gets right that the active model gets wrong (gained) and the reverse (lost). */
export function gainedLost(candidate: ReadonlyMap<string, Correctness>, active: ReadonlyMap<string, Correctness>): { set: string; gained: string[]; lost: string[] }[] {
  const out: { set: string; gained: string[]; lost: string[] }[] = [];
  for (const [set, cand] of candidate) {
    const act = active.get(set);
    if (!act) continue;
    const gained: string[] = [];
    const lost: string[] = [];
    for (const [id, right] of cand) {
      const before = act.get(id);
      if (before === undefined || before === right) continue;
      (right ? gained : lost).push(id);
    }
    out.push({ set, gained, lost });
  }
  return out;
}
