import { CATEGORIES, type Category } from '../domain/categories.js';
import { evaluate } from '../engine/rules/condition.js';
import { matchContext } from '../engine/rules/match-context.js';
import { normalise, originalSpan } from '../engine/text/normalise.js';
import { ENGINE_TOPIC, type ScreeningTopic, type ScreeningTopics, type TopicFilters } from './screening-topics.js';

/** What screening reads of a ticket: the hotline's fields and the engine's reading (set once screened_at is). */
export interface ScreeningInput {
  title: string | null;
  text: string;
  category_raw: string | null;
  address: string | null;
  district_raw: string | null;
  received_at: string;
  is_lead: number | null;
  category: string | null;
  sub_item: string | null;
  urgency: string | null;
  district: string | null;
  street: string | null;
  place: string | null;
  domains: readonly string[];
}

/**
 * Why a topic fired: a keyword rule (with the phrases it found) or a filter that held (its value as
 * shown: a category's Chinese name; sub-item and domain codes are named by the view).
 */
export type HitReason =
  | { kind: 'rule'; rule: string; name: string; phrases: string[] }
  | { kind: 'filter'; filter: keyof TopicFilters | 'engine'; value: string };

/** A span of the screened text (title and text, `screenedText`) that a rule matched, in its UTF-16 offsets. */
export interface HitSpan {
  start: number;
  end: number;
  rule: string;
}

export interface TopicHit {
  topic: string;
  reasons: HitReason[];
  spans: HitSpan[];
}

/** The text keyword rules read: the title, a line break, the text (as the lead step reads a post). */
export const screenedText = (t: { title: string | null; text: string }): string => (t.title ? `${t.title}\n${t.text}` : t.text);

const BEIJING_MS = 8 * 3_600_000;
const containsAny = (value: string | null | undefined, parts: readonly string[]) => (value ? parts.find((p) => value.includes(p)) : undefined);

/** The filters of a topic that hold, as reasons; undefined when one does not hold. */
function filterReasons(m: TopicFilters, t: ScreeningInput): HitReason[] | undefined {
  const out: HitReason[] = [];
  const held = (filter: keyof TopicFilters, value: string | undefined | null) => {
    if (value === undefined || value === null) return false;
    out.push({ kind: 'filter', filter, value });
    return true;
  };
  if (m.categories && !held('categories', m.categories.includes(t.category as Category) ? CATEGORIES[t.category as Category] : undefined)) return undefined;
  if (m.sub_items && !held('sub_items', t.sub_item && m.sub_items.includes(t.sub_item) ? t.sub_item : undefined)) return undefined;
  if (m.hotline_categories && !held('hotline_categories', containsAny(t.category_raw, m.hotline_categories) && t.category_raw)) return undefined;
  const district = t.district ?? t.district_raw;
  if (m.districts && !held('districts', district && m.districts.includes(district) ? district : undefined)) return undefined;
  if (m.streets && !held('streets', t.street && m.streets.includes(t.street) ? t.street : undefined)) return undefined;
  if (m.places && !held('places', containsAny(t.place, m.places) ?? containsAny(t.street, m.places) ?? containsAny(t.address, m.places))) return undefined;
  if (m.received) {
    const local = new Date(Date.parse(t.received_at) + BEIJING_MS).toISOString();
    const date = local.slice(0, 10);
    const month = Number(local.slice(5, 7));
    const hour = Number(local.slice(11, 13));
    const r = m.received;
    if (r.from && date < r.from) return undefined;
    if (r.to && date > r.to) return undefined;
    if (r.months && !r.months.includes(month)) return undefined;
    if (r.hours && !(r.hours.from < r.hours.to ? hour >= r.hours.from && hour < r.hours.to : hour >= r.hours.from || hour < r.hours.to)) return undefined;
    out.push({ kind: 'filter', filter: 'received', value: `${local.slice(0, 10)} ${local.slice(11, 16)}` });
  }
  if (m.urgency && !held('urgency', t.urgency === m.urgency ? (t.urgency === 'urgent' ? '紧急' : '一般') : undefined)) return undefined;
  if (m.domains && !held('domains', t.domains.find((d) => m.domains!.includes(d)))) return undefined;
  return out;
}

function topicHit(topic: ScreeningTopic, t: ScreeningInput, text: () => { ctx: ReturnType<typeof matchContext>; n: ReturnType<typeof normalise> }): TopicHit | undefined {
  const reasons = filterReasons(topic.match, t);
  if (!reasons) return undefined;
  const spans: HitSpan[] = [];
  if (topic.rules.length > 0) {
    const { ctx, n } = text();
    const original = screenedText(t);
    for (const rule of topic.rules) {
      const found = evaluate(rule.condition, ctx);
      if (!found) continue;
      const mapped = found.map(([s, e]) => originalSpan(n, s, e));
      reasons.push({ kind: 'rule', rule: rule.id, name: rule.name, phrases: [...new Set(mapped.map(([s, e]) => original.slice(s, e)))] });
      spans.push(...mapped.map(([start, end]) => ({ start, end, rule: rule.name })));
    }
    if (spans.length === 0) return undefined;
  }
  spans.sort((a, b) => a.start - b.start || a.end - b.end);
  return { topic: topic.code, reasons, spans };
}

/**
 * The topics a screened ticket hits (file order), each with why: the filters that held and the
 * keyword rules that fired with their spans. The built-in 引擎线索 comes first when the engine
 * read the ticket as a lead with a category. Pure: the same ticket and topics give the same hits.
 */
export function screenTicket(topics: ScreeningTopics, t: ScreeningInput): TopicHit[] {
  const hits: TopicHit[] = [];
  if (t.is_lead === 1 && t.category) {
    hits.push({ topic: ENGINE_TOPIC.code, reasons: [{ kind: 'filter', filter: 'engine', value: CATEGORIES[t.category as Category] ?? t.category }], spans: [] });
  }
  let read: { ctx: ReturnType<typeof matchContext>; n: ReturnType<typeof normalise> } | undefined;
  const text = () => {
    if (!read) {
      const n = normalise(screenedText(t), topics.variants);
      read = { n, ctx: matchContext(n.text, topics.index) };
    }
    return read;
  };
  for (const topic of topics.topics) {
    const hit = topicHit(topic, t, text);
    if (hit) hits.push(hit);
  }
  return hits;
}
