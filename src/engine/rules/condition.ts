import type { PhraseIndex } from '../text/phrase-index.js';
import { regexAnchors } from './regex-anchors.js';
import type { Near } from './schema.js';

/** A compiled term: literal phrases (found by the shared PhraseIndex) and regular expressions. */
export interface Term {
  source: string;
  phrases: { id: number; length: number; word: boolean }[];
  /** The same phrases by id: a post's few hits are looked up here rather than every phrase in the post's hits. */
  byId: Map<number, { length: number; word: boolean }>;
  regexes: RegExp[];
  /**
   * Phrases one of which every regex match contains (see regex-anchors.ts), so the phrase index can
   * wake the rule; null when some regex of the term has none (the rule is then evaluated for every post).
   */
  regexAnchors: { id: number; length: number }[] | null;
}

export interface Condition {
  any?: Term;
  all?: Term[];
  near?: { a: Term; b: Term; within: number }[];
  none?: Term;
}

export type Span = [start: number, end: number];

/** What a rule evaluation needs from one post: occurrences of phrases, cached regex matches, word boundaries. */
export interface MatchContext {
  text: string;
  hits: Map<number, number[]>;
  regexCache: Map<RegExp, Span[]>;
  /** Occurrences per term for this post: shared terms ('$problem') are resolved once. */
  termCache?: Map<Term, Span[]>;
  wordBoundaries(): Set<number>;
}

/** Named word lists (rules/vocabulary.yaml) a term may include as '$name'. */
export type Vocabulary = ReadonlyMap<string, readonly string[]>;

function compileRegex(source: string): RegExp {
  try {
    return new RegExp(source.slice(1, -1), 'gu');
  } catch (err) {
    throw new Error(`invalid regular expression ${source}: ${(err as Error).message}`);
  }
}

/** Compiles term strings ('a|b', '/re/', '=word', '$vocabulary') into one Term; throws Error with the bad part named. */
export function compileTerm(sources: readonly string[], index: PhraseIndex, vocabulary: Vocabulary = new Map()): Term {
  const term: Term = { source: sources.join('|'), phrases: [], byId: new Map(), regexes: [], regexAnchors: [] };
  const addRegex = (raw: string) => {
    const source = index.canonical(raw);
    term.regexes.push(compileRegex(source));
    const anchors = regexAnchors(source.slice(1, -1));
    if (!anchors) term.regexAnchors = null;
    else term.regexAnchors?.push(...anchors.map((a) => ({ id: index.add(a), length: a.length })));
  };
  for (const source of sources) {
    if (source.length > 2 && source.startsWith('/') && source.endsWith('/')) {
      addRegex(source);
      continue;
    }
    const alternatives = source.split('|').flatMap((raw) => {
      if (!raw.startsWith('$')) return [raw];
      const list = vocabulary.get(raw.slice(1));
      if (!list) throw new Error(`unknown vocabulary list "${raw}"; define it in rules/vocabulary.yaml (known: ${[...vocabulary.keys()].join(', ') || 'none'})`);
      // A list may hold regular expressions ('/.../') next to phrases: they join the term's regexes.
      const phrases: string[] = [];
      for (const item of list) {
        if (item.length > 2 && item.startsWith('/') && item.endsWith('/')) addRegex(item);
        else phrases.push(item);
      }
      return phrases;
    });
    for (const raw of alternatives) {
      const word = raw.startsWith('=');
      const phrase = index.canonical((word ? raw.slice(1) : raw).trim().toLowerCase());
      if (!phrase) throw new Error(`empty alternative in "${source}" (check for '||' or a trailing '|')`);
      if (phrase.length > 1 && phrase.startsWith('/')) throw new Error(`"${raw}" looks like a regular expression: put it in its own list item ("/.../")`);
      const entry = { id: index.add(phrase), length: phrase.length, word };
      term.phrases.push(entry);
      term.byId.set(entry.id, entry);
    }
  }
  return term;
}

function phraseSpans(p: { length: number; word: boolean }, at: number[], ctx: MatchContext, spans: Span[]): void {
  for (const start of at) {
    if (p.word) {
      const b = ctx.wordBoundaries();
      if (!b.has(start) || !b.has(start + p.length)) continue;
    }
    spans.push([start, start + p.length]);
  }
}

export function occurrences(term: Term, ctx: MatchContext): Span[] {
  const cached = ctx.termCache?.get(term);
  if (cached) return cached;
  const spans = computeOccurrences(term, ctx);
  ctx.termCache?.set(term, spans);
  return spans;
}

function computeOccurrences(term: Term, ctx: MatchContext): Span[] {
  const spans: Span[] = [];
  // Walk whichever is smaller: the term's phrases or the post's hits.
  if (ctx.hits.size < term.phrases.length) {
    for (const [id, at] of ctx.hits) {
      const p = term.byId.get(id);
      if (p) phraseSpans(p, at, ctx, spans);
    }
  } else
    for (const p of term.phrases) {
      const at = ctx.hits.get(p.id);
      if (at) phraseSpans(p, at, ctx, spans);
    }
  if (spans.length > 1) spans.sort((a, b) => a[0] - b[0]);
  for (const re of term.regexes) {
    let cached = ctx.regexCache.get(re);
    if (!cached) {
      cached = [];
      re.lastIndex = 0;
      for (const m of ctx.text.matchAll(re)) if (m[0].length > 0) cached.push([m.index, m.index + m[0].length]);
      ctx.regexCache.set(re, cached);
    }
    spans.push(...cached);
  }
  return spans;
}

function nearPair(a: Span[], b: Span[], within: number): Span[] | undefined {
  for (const x of a)
    for (const y of b) {
      const gap = x[0] < y[0] ? y[0] - x[1] : x[0] - y[1];
      if (gap <= within && !(x[0] === y[0] && x[1] === y[1])) return [x, y];
    }
  return undefined;
}

/** The spans that made the condition true, or undefined when it does not hold. */
export function evaluate(cond: Condition, ctx: MatchContext): Span[] | undefined {
  const spans: Span[] = [];
  if (cond.any) {
    const found = occurrences(cond.any, ctx);
    if (found.length === 0) return undefined;
    spans.push(...found.slice(0, 3));
  }
  if (cond.all)
    for (const t of cond.all) {
      const found = occurrences(t, ctx);
      if (found.length === 0) return undefined;
      spans.push(found[0]!);
    }
  if (cond.near)
    for (const n of cond.near) {
      const pair = nearPair(occurrences(n.a, ctx), occurrences(n.b, ctx), n.within);
      if (!pair) return undefined;
      spans.push(...pair);
    }
  if (cond.none && occurrences(cond.none, ctx).length > 0) return undefined;
  return spans;
}

/**
 * Phrases one of which must occur for the condition to hold. Every listed term is required, so one
 * term is enough: the most selective one (no regex, longest shortest phrase), so common words like
 * "又" or "坏" do not wake up every rule. `always`: no such term (regex only), evaluate every post.
 */
export function triggerPhrases(cond: Condition): { ids: number[]; always: boolean } {
  const required = [...(cond.any ? [cond.any] : []), ...(cond.all ?? []), ...(cond.near ?? []).flatMap((n) => [n.a, n.b])];
  // A term's wake-up phrases: its own phrases plus its regexes' anchors (none if a regex has no anchor).
  const wake = (t: Term) => (t.regexAnchors === null ? [] : [...t.phrases, ...t.regexAnchors]);
  const literal = required.filter((t) => wake(t).length > 0);
  if (literal.length === 0) return { ids: [], always: true };
  const selectivity = (t: Term) => Math.min(...wake(t).map((p) => p.length)) * 1000 - wake(t).length;
  const best = literal.reduce((a, b) => (selectivity(b) > selectivity(a) ? b : a));
  return { ids: wake(best).map((p) => p.id), always: false };
}

export function compileCondition(
  raw: { any?: string[]; all?: string[]; near?: Near[]; none?: string[] },
  index: PhraseIndex,
  vocabulary: Vocabulary = new Map(),
  shared: Map<string, Term> = new Map(),
): Condition {
  // Identical term lists across rules compile to one Term, so a post resolves them once.
  const term = (sources: string[]) => {
    const key = sources.join('\u0000');
    let t = shared.get(key);
    if (!t) shared.set(key, (t = compileTerm(sources, index, vocabulary)));
    return t;
  };
  return {
    any: raw.any && term(raw.any),
    all: raw.all?.map((t) => term([t])),
    near: raw.near?.map((n) => ({ a: term([n.a]), b: term([n.b]), within: n.within })),
    none: raw.none && term(raw.none),
  };
}
