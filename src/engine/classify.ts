import type { Category } from '../domain/categories.js';
import type { CompiledRule, Engine } from './engine.js';
import { resolveLocation, type Location } from './location/resolve.js';
import { evaluate, type MatchContext, type Span } from './rules/condition.js';
import { normalise, originalSpan, type NormalisedText } from './text/normalise.js';
import { wordBoundaries } from './text/segmenter.js';
import { emptyVerdict, type Verdict, type VerdictSpan } from './verdict.js';

export interface ClassifyInput {
  id: string;
  text: string;
  title?: string | null;
}

export interface Fired {
  rule: CompiledRule;
  spans: Span[];
}

function matchContext(n: NormalisedText): MatchContext {
  let boundaries: Set<number> | undefined;
  return {
    text: n.text,
    hits: new Map(),
    regexCache: new Map(),
    termCache: new Map(),
    wordBoundaries: () => (boundaries ??= wordBoundaries(n.text)),
  };
}

function fire(rules: readonly CompiledRule[], ctx: MatchContext, candidates: Set<CompiledRule>): Fired[] {
  const out: Fired[] = [];
  for (const rule of rules) {
    if (!candidates.has(rule)) continue;
    const spans = evaluate(rule.condition, ctx);
    if (spans) out.push({ rule, spans });
  }
  return out;
}

export const round = (x: number) => Math.round(x * 1000) / 1000;

/** Where the rules stand on one post: what fired, what blocks it, and (on demand) where it is. */
export interface RuleAnalysis {
  id: string;
  /** title + "\n" + text, as stored: spans are offsets into it. */
  stored: string;
  n: NormalisedText;
  engine: Engine;
  best?: { category: Category; priority: number; subItem: string; score: number; fired: Fired[] };
  boosts: Fired[];
  exclusions: Fired[];
  blocked?: Fired;
  /** Best sub-item score (capped at 1) plus exclusion penalties, before signals and place. */
  base: number;
  signal: number;
  /** District, street, place and another city the post places itself in (resolved once, when asked). */
  location(): Location;
  /** Rules that make a post of this category urgent, unless a calm rule says the danger is over. */
  urgency(category: Category): { urgent: boolean; fired: Fired[] };
  /** Best sub-item of a category, when one of its rules fired. */
  subItemOf(category: Category): string | null;
  /** Every sub-item with a positive score. */
  firedSubItems: string[];
  /** Ids of the urgency rules that fire, whatever the category (for the model's features). */
  urgencyRulesAnyCategory(): string[];
}

export function analyse(post: ClassifyInput, engine: Engine): RuleAnalysis {
  const stored = post.title ? `${post.title}\n${post.text}` : post.text;
  const n = normalise(stored, engine.variants);
  const ctx = matchContext(n);
  ctx.hits = engine.index.scan(n.text);
  const candidates = new Set<CompiledRule>(engine.alwaysEvaluate);
  for (const id of ctx.hits.keys()) for (const rule of engine.triggers.get(id) ?? []) candidates.add(rule);

  // Best sub-item of each category; a category's score is its best sub-item's (rules add up).
  let best: RuleAnalysis['best'];
  const bestOf = new Map<Category, { subItem: string; score: number }>();
  const firedSubItems: string[] = [];
  for (const pack of engine.packs) {
    for (const item of pack.subItems) {
      const fired = fire(item.rules, ctx, candidates);
      if (fired.length === 0) continue;
      // Rules add up: more independent evidence ranks higher; the reported score is capped at 1.
      const score = fired.reduce((s, f) => s + f.rule.weight, 0);
      if (score <= 0) continue;
      firedSubItems.push(item.id);
      const prev = bestOf.get(pack.category);
      if (!prev || score > prev.score) bestOf.set(pack.category, { subItem: item.id, score });
      if (!best || score > best.score || (score === best.score && pack.priority > best.priority)) {
        best = { category: pack.category, priority: pack.priority, subItem: item.id, score, fired };
      }
    }
  }
  const boosts = best ? fire(engine.signals.rules, ctx, candidates) : [];
  const exclusions = fire(engine.exclusions, ctx, candidates);
  const penalty = exclusions.reduce((s, f) => s + f.rule.weight, 0);
  const blocked = exclusions.find((f) => engine.exclusions.find((e) => e.id === f.rule.id)?.block);
  let location: Location | undefined;
  return {
    id: post.id,
    stored,
    n,
    engine,
    best,
    boosts,
    exclusions,
    blocked,
    base: (best ? Math.min(1, best.score) : 0) + penalty,
    signal: boosts.reduce((s, f) => s + f.rule.weight, 0),
    location: () => (location ??= resolveLocation(engine.mentions.mentions(ctx), n.text)),
    urgency(category) {
      const fired = fire(engine.urgency.filter((u) => !u.categories || u.categories.includes(category)), ctx, candidates);
      return { urgent: fired.length > 0 && fire(engine.calm, ctx, candidates).length === 0, fired };
    },
    subItemOf: (category) => bestOf.get(category)?.subItem ?? null,
    firedSubItems,
    urgencyRulesAnyCategory: () => fire(engine.urgency, ctx, candidates).map((f) => f.rule.id),
  };
}

/** Offsets of what fired, mapped back to the stored text. */
export function spansOf(a: RuleAnalysis, fired: readonly Fired[], into: VerdictSpan[] = []): VerdictSpan[] {
  for (const f of fired)
    for (const [s, e] of f.spans) {
      const [start, end] = originalSpan(a.n, s, e);
      if (!into.some((x) => x.start === start && x.end === end && x.rule === f.rule.id)) into.push({ start, end, rule: f.rule.id });
    }
  return into;
}

/** The place span as the post words it. */
export function placeText(a: RuleAnalysis, location: Location): string | null {
  if (!location.place) return null;
  const [s, e] = originalSpan(a.n, location.place[0], location.place[1]);
  return a.stored.slice(s, e).trim() || null;
}

/**
 * The rules' decision on one post (pure: same post + same engine → same verdict). Spans are
 * offsets into `title + "\n" + text` when a title is given, else into `text`, as stored.
 */
export function classify(post: ClassifyInput, engine: Engine): Verdict {
  return rulesVerdict(analyse(post, engine));
}

export function rulesVerdict(a: RuleAnalysis): Verdict {
  const { best, engine } = a;
  if (!best) return emptyVerdict(a.id);
  const { threshold, maxBoost, placeBoost } = engine.signals;
  // Location (and jieba, which it may need) only for posts that can still become leads.
  const location = a.blocked || a.base + Math.min(maxBoost, a.signal + placeBoost) < threshold ? undefined : { ...a.location() };
  // Naming a place of the jurisdiction makes it a concrete, local report.
  const named = location && (location.district || location.street || location.place) ? placeBoost : 0;
  const score = Math.max(0, Math.min(1, a.base + Math.min(maxBoost, a.signal + named)));
  if (location && score < threshold) location.outside = null;

  const all = [...best.fired, ...a.boosts, ...a.exclusions];
  const spans = spansOf(a, all);
  spans.sort((x, y) => x.start - y.start);
  const matched = [...new Set(all.map((f) => f.rule.id))];

  let reason: string | undefined;
  if (a.blocked) reason = `${a.blocked.rule.id}: ${engine.exclusions.find((e) => e.id === a.blocked!.rule.id)!.reason}`;
  else if (!location || score < threshold) reason = `score ${round(score)} below threshold ${threshold}`;
  else if (location.outside) reason = `outside jurisdiction: ${location.outside}`;
  if (reason || !location) return emptyVerdict(a.id, { score: round(score), matched, spans, reason });

  const urgency = a.urgency(best.category);
  for (const f of urgency.fired) matched.push(f.rule.id);
  spansOf(a, urgency.fired, spans);
  return {
    id: a.id,
    is_lead: true,
    category: best.category,
    urgency: urgency.urgent ? 'urgent' : 'normal',
    district: location.district,
    street: location.street,
    place: placeText(a, location),
    score: round(score),
    matched,
    sub_item: best.subItem,
    spans,
  };
}
