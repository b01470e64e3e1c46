import type { Category } from '../domain/categories.js';
import type { CompiledRule, Engine } from './engine.js';
import { resolveLocation } from './location/resolve.js';
import { evaluate, type MatchContext, type Span } from './rules/condition.js';
import { normalise, originalSpan, type NormalisedText } from './text/normalise.js';
import { wordBoundaries } from './text/segmenter.js';
import { emptyVerdict, type Verdict, type VerdictSpan } from './verdict.js';

export interface ClassifyInput {
  id: string;
  text: string;
  title?: string | null;
}

interface Fired {
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

const round = (x: number) => Math.round(x * 1000) / 1000;

/**
 * The engine's decision on one post (pure: same post + same engine → same verdict). Spans are
 * offsets into `title + "\n" + text` when a title is given, else into `text`, as stored.
 */
export function classify(post: ClassifyInput, engine: Engine): Verdict {
  const stored = post.title ? `${post.title}\n${post.text}` : post.text;
  const n = normalise(stored);
  const ctx = matchContext(n);
  ctx.hits = engine.index.scan(n.text);
  const candidates = new Set<CompiledRule>(engine.alwaysEvaluate);
  for (const id of ctx.hits.keys()) for (const rule of engine.triggers.get(id) ?? []) candidates.add(rule);

  // Best sub-item of each category; a category's score is its best sub-item's (rules add up).
  let best: { category: Category; priority: number; subItem: string; score: number; fired: Fired[] } | undefined;
  for (const pack of engine.packs) {
    for (const item of pack.subItems) {
      const fired = fire(item.rules, ctx, candidates);
      if (fired.length === 0) continue;
      // Rules add up: more independent evidence ranks higher; the reported score is capped at 1.
      const score = fired.reduce((s, f) => s + f.rule.weight, 0);
      if (score <= 0) continue;
      if (!best || score > best.score || (score === best.score && pack.priority > best.priority)) {
        best = { category: pack.category, priority: pack.priority, subItem: item.id, score, fired };
      }
    }
  }
  if (!best) return emptyVerdict(post.id);

  const boosts = fire(engine.signals.rules, ctx, candidates);
  const signal = boosts.reduce((s, f) => s + f.rule.weight, 0);
  const exclusions = fire(engine.exclusions, ctx, candidates);
  const penalty = exclusions.reduce((s, f) => s + f.rule.weight, 0);
  const { threshold, maxBoost, placeBoost } = engine.signals;
  const blocked = exclusions.find((f) => engine.exclusions.find((e) => e.id === f.rule.id)?.block);
  const base = Math.min(1, best.score) + penalty;
  // Location (and jieba, which it may need) only for posts that can still become leads.
  const location = blocked || base + Math.min(maxBoost, signal + placeBoost) < threshold ? undefined : resolveLocation(engine.mentions.mentions(ctx), n.text);
  // Naming a place of the jurisdiction makes it a concrete, local report.
  const named = location && (location.district || location.street || location.place) ? placeBoost : 0;
  const score = Math.max(0, Math.min(1, base + Math.min(maxBoost, signal + named)));
  if (location && score < threshold) location.outside = null;

  const all = [...best.fired, ...boosts, ...exclusions];
  const spans: VerdictSpan[] = [];
  for (const f of all)
    for (const [s, e] of f.spans) {
      const [start, end] = originalSpan(n, s, e);
      if (!spans.some((x) => x.start === start && x.end === end && x.rule === f.rule.id)) spans.push({ start, end, rule: f.rule.id });
    }
  spans.sort((a, b) => a.start - b.start);
  const matched = [...new Set(all.map((f) => f.rule.id))];

  let reason: string | undefined;
  if (blocked) reason = `${blocked.rule.id}: ${engine.exclusions.find((e) => e.id === blocked.rule.id)!.reason}`;
  else if (!location || score < threshold) reason = `score ${round(score)} below threshold ${threshold}`;
  else if (location.outside) reason = `outside jurisdiction: ${location.outside}`;
  if (reason || !location) return emptyVerdict(post.id, { score: round(score), matched, spans, reason });

  const urgentRules = fire(engine.urgency.filter((u) => !u.categories || u.categories.includes(best.category)), ctx, candidates);
  const urgent = urgentRules.length > 0 && fire(engine.calm, ctx, candidates).length === 0;
  for (const f of urgentRules) {
    matched.push(f.rule.id);
    for (const [s, e] of f.spans) {
      const [start, end] = originalSpan(n, s, e);
      spans.push({ start, end, rule: f.rule.id });
    }
  }
  let place: string | null = null;
  if (location.place) {
    const [s, e] = originalSpan(n, location.place[0], location.place[1]);
    place = stored.slice(s, e).trim() || null;
  }
  return {
    id: post.id,
    is_lead: true,
    category: best.category,
    urgency: urgent ? 'urgent' : 'normal',
    district: location.district,
    street: location.street,
    place,
    score: round(score),
    matched,
    sub_item: best.subItem,
    spans,
  };
}
