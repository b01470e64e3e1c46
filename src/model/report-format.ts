import type { Loss } from './gate.js';
import type { SetReport, Summary } from './model-eval.js';

const pct = (x: number | undefined) => (x === undefined ? '   -  ' : `${(x * 100).toFixed(1).padStart(5)}%`);

function cells(kind: SetReport['kind'], s: Summary, posts: number): string {
  // a set of non-leads only (hard negatives, chatter): what matters is how many were raised
  if (kind === 'labelled' && s.leads === 0) return `false leads ${s.falseLeads} of ${posts}`;
  if (kind === 'labelled') return `F1 ${s.f1?.toFixed(3)}  P ${pct(s.precision)} R ${pct(s.recall)}  cat ${pct(s.category)} dist ${pct(s.district)} urgent ${pct(s.urgentRecall)}`;
  if (kind === 'board') return `flagged ${pct(s.flagged)}  family right ${pct(s.familyRight)}`;
  return `flagged ${(s.flagged! * 100).toFixed(2)}%`;
}

/** The side-by-side table `train` and `eval` print: rules alone, model alone, both. */
export function formatSets(sets: readonly SetReport[]): string {
  const lines: string[] = [];
  for (const r of sets) {
    lines.push(`${r.set} (${r.posts} posts${r.outOfFold ? ', model scored out-of-fold' : ''})`);
    lines.push(`  rules     ${cells(r.kind, r.rules, r.posts)}`);
    lines.push(`  model     ${cells(r.kind, r.model, r.posts)}`);
    lines.push(`  combined  ${cells(r.kind, r.combined, r.posts)}`);
  }
  return lines.join('\n');
}

export function formatGate(g: { pass: boolean; losses: Loss[]; against: string | null }, tolerance: number): string {
  if (!g.against) return 'gate: no active model to compare with; this candidate may be activated';
  if (g.pass) return `gate: passed (no set loses more than ${tolerance} against ${g.against})`;
  return [`gate: FAILED against ${g.against} (tolerance ${tolerance}); activation will be refused:`, ...g.losses.map((l) => `  ${l.set}: ${l.measure} ${l.active.toFixed(4)} → ${l.candidate.toFixed(4)}`)].join('\n');
}

export function formatGainedLost(list: { set: string; gained: string[]; lost: string[] }[], max = 12): string {
  const lines = ['gained / lost against the active model (posts one gets right that the other misses):'];
  for (const { set, gained, lost } of list) {
    if (!gained.length && !lost.length) continue;
    const ids = (xs: string[]) => (xs.length > max ? `${xs.slice(0, max).join(' ')} … (+${xs.length - max})` : xs.join(' '));
    lines.push(`  ${set}: +${gained.length} −${lost.length}`);
    if (gained.length) lines.push(`    gained: ${ids(gained)}`);
    if (lost.length) lines.push(`    lost:   ${ids(lost)}`);
  }
  return lines.length === 1 ? `${lines[0]} none` : lines.join('\n');
}
