import { CATEGORIES } from '../domain/categories.js';
import type { Condition } from '../engine/rules/condition.js';
import { namedDomains } from '../public-interest/domain-names.js';
import { subItemName } from '../workorders/responsibility.js';
import { ENGINE_TOPIC, type ScreeningTopics, type TopicFilters } from './screening-topics.js';

/** A topic's filters in words ("引擎分类：消防安全、物业住房"). */
function filterWords(m: TopicFilters, rulesDir: string): string[] {
  const out: string[] = [];
  const list = (label: string, values: readonly string[] | undefined) => values && out.push(`${label}：${values.join('、')}`);
  list('引擎分类', m.categories?.map((c) => CATEGORIES[c]));
  list('事项', m.sub_items?.map((s) => subItemName(rulesDir, s) ?? s));
  list('热线分类包含', m.hotline_categories);
  list('区', m.districts);
  list('街道', m.streets);
  list('地点包含', m.places);
  if (m.received) {
    const r = m.received;
    const parts = [r.from && `${r.from} 起`, r.to && `至 ${r.to}`, r.months && `${r.months.join('、')} 月`, r.hours && `${r.hours.from}–${r.hours.to} 时`].filter(Boolean);
    out.push(`受理时间（北京时间）：${parts.join('，')}`);
  }
  if (m.urgency) out.push(`紧急程度：${m.urgency === 'urgent' ? '紧急' : '一般'}`);
  list('公益诉讼领域', m.domains && namedDomains(rulesDir, m.domains).map((d) => d.name));
  return out;
}

/** A keyword rule as written (each term's source), for people checking what fires. */
const ruleTerms = (c: Condition) => ({
  any: c.any?.source ?? null,
  all: c.all?.map((t) => t.source) ?? [],
  near: c.near?.map((n) => ({ a: n.a.source, b: n.b.source, within: n.within })) ?? [],
  none: c.none?.source ?? null,
});

/** The topics as GET /api/screening-topics and `civic-radar tickets topics` show them: the built-in 引擎线索 first. */
export function topicsView(topics: ScreeningTopics, rulesDir: string) {
  return {
    sha: topics.sha,
    topics: [
      { code: ENGINE_TOPIC.code, name: ENGINE_TOPIC.name, description: ENGINE_TOPIC.description, built_in: true, filters: ['引擎判为线索且有分类'], rules: [] },
      ...topics.topics.map((t) => ({ code: t.code, name: t.name, description: t.description, built_in: false, filters: filterWords(t.match, rulesDir), rules: t.rules.map((r) => ({ id: r.id, name: r.name, ...ruleTerms(r.condition) })) })),
    ],
  };
}
