/**
 * Literal phrases one of which every match of a regular expression must contain ("anchors"), so
 * a rule with a regex term can still be woken up by the phrase index instead of being evaluated
 * for every post. Conservative: returns null whenever the source is not simple enough to be sure
 * (a branch with no required literal: only classes, optional groups, escapes).
 */
const QUANTIFIED_OPTIONAL = /^(?:\?|\*|\{0[,}])/;
const LITERAL_ALTERNATIVE = /^[\p{L}\p{N}]+$/u;

/** Index of the ')' closing the '(' at `open`, or -1. */
function closing(source: string, open: number): number {
  let depth = 0;
  for (let i = open; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') i++;
    else if (c === '[') {
      // Skip a character class; ')' inside it does not close anything.
      for (i++; i < source.length && source[i] !== ']'; i++) if (source[i] === '\\') i++;
    } else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i;
  }
  return -1;
}

/** The source split at its top-level '|' (one branch when there is none). */
function topLevelBranches(source: string): string[] {
  const branches: string[] = [];
  let depth = 0;
  let from = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') {
      i++;
    } else if (c === '[') {
      for (i++; i < source.length && source[i] !== ']'; i++) if (source[i] === '\\') i++;
    } else if (c === '(') {
      depth++;
    } else if (c === ')') {
      depth--;
    } else if (c === '|' && depth === 0) {
      branches.push(source.slice(from, i));
      from = i + 1;
    }
  }
  branches.push(source.slice(from));
  return branches;
}

export function regexAnchors(pattern: string): string[] | null {
  // "a|b": a match is a match of one branch, so the anchors are the union of the branches' anchors.
  const branches = topLevelBranches(pattern);
  if (branches.length > 1) {
    const all: string[] = [];
    for (const b of branches) {
      const anchors = b === '' ? null : branchAnchors(b);
      if (!anchors) return null;
      all.push(...anchors);
    }
    return [...new Set(all)];
  }
  return branchAnchors(pattern);
}

function branchAnchors(pattern: string): string[] | null {
  const candidates: string[][] = [];
  let run = '';
  const endRun = (quantified: boolean) => {
    // A quantifier binds to the last character only: "了?" leaves the rest of the run required.
    const text = quantified ? run.slice(0, -1) : run;
    if (text.length > 0) candidates.push([text.toLowerCase()]);
    run = '';
  };
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    const rest = pattern.slice(i + 1);
    if (c === '(') {
      endRun(false);
      const end = closing(pattern, i);
      if (end < 0) return null;
      const inner = pattern.slice(i + 1, end);
      i = end;
      if (inner.startsWith('?') && !inner.startsWith('?:')) continue; // lookaround: zero width
      const body = inner.startsWith('?:') ? inner.slice(2) : inner;
      if (QUANTIFIED_OPTIONAL.test(pattern.slice(end + 1))) continue;
      const alternatives = body.split('|');
      if (alternatives.every((a) => LITERAL_ALTERNATIVE.test(a))) candidates.push(alternatives.map((a) => a.toLowerCase()));
    } else if (/[\p{L}\p{N}]/u.test(c) && !(run === '' && pattern[i - 1] === '\\')) {
      run += c;
      if (QUANTIFIED_OPTIONAL.test(rest) || /^[+]/.test(rest)) endRun(QUANTIFIED_OPTIONAL.test(rest));
    } else if (c === '\\') {
      endRun(false);
      i++;
    } else if (c === '[') {
      endRun(false);
      for (i++; i < pattern.length && pattern[i] !== ']'; i++) if (pattern[i] === '\\') i++;
    } else if (c === '{') {
      // A counted repetition ("{0,6}") applies to what came before; its digits are no literal.
      endRun(false);
      while (i < pattern.length && pattern[i] !== '}') i++;
    } else endRun(false);
  }
  endRun(false);
  if (candidates.length === 0) return null;
  // The most selective requirement: its shortest alternative is the longest.
  const score = (alts: string[]) => Math.min(...alts.map((a) => a.length)) * 1000 - alts.length;
  return candidates.reduce((a, b) => (score(b) > score(a) ? b : a));
}
