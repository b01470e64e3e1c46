import { normalise } from '../engine/text/normalise.js';
import { shingles } from '../leads/simhash.js';

/**
 * The hotline's set phrases ("市民来电反映…请尽快处理") say nothing about the problem; they would
 * make every two tickets alike and every ticket unlike a post. Removed before comparing.
 */
const HOTLINE_FORMULAS = /市民来电反映|市民反映|来电人称|来电反映|来电人|反映|要求相关部门|请相关部门|相关部门|请尽快|尽快|请处理|处理|请核查|核查|要求|市民/gu;

/**
 * The bigrams of a text as the rules see it (normalised: simplified, width, case; no spaces or
 * punctuation), without the hotline's set phrases and without the given place names: the place is
 * scored on its own, so the text part says whether the *problem* is the same.
 */
export function bigramSet(text: string, maxChars: number, places: readonly (string | null)[] = []): Set<string> {
  let t = normalise(text.slice(0, maxChars * 2)).text.slice(0, maxChars).replace(HOTLINE_FORMULAS, ' ');
  for (const p of places) if (p && p.length >= 2) t = t.split(normalise(p).text).join(' ');
  return new Set(t.split(' ').flatMap((part) => shingles(part, 2)).filter((g) => g.length === 2));
}

/** Dice coefficient of two bigram sets: 2|A∩B| / (|A|+|B|), 0 when either is empty. */
export function dice(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let common = 0;
  for (const g of small) if (large.has(g)) common++;
  return (2 * common) / (a.size + b.size);
}
