import { z } from 'zod';
import { recordAudit } from '../audit/audit-log.js';
import type { Actor } from '../audit/actor.js';
import type { AppContext } from '../context.js';
import { NotFoundError } from '../errors.js';
import { deleteTopic, findTopic, insertTopic, listPeriodLeads, listTopics, type TopicRow } from '../storage/analytics.js';
import { inTransaction } from '../storage/database.js';
import { addDays, beijingDay, periodBounds } from './period.js';

const name = z.string().trim().min(1).max(100).optional();
/** A watched topic (关注的专题): a hotspot, recurring problem or class, kept as the filter of its leads. */
export const topicBody = z.object({
  name: z.string().trim().min(1).max(100),
  kind: z.enum(['hotspot', 'recurring', 'class']),
  filter: z.object({ district: name, street: name, place: name, category: name, sub_item: name }).strict()
    .refine((f) => Object.values(f).some(Boolean), { error: 'expected at least one of district, street, place, category, sub_item; received none' }),
}).strict();

/** How far back a topic's "recent leads" count looks. */
export const TOPIC_RECENT_DAYS = 30;

function view(ctx: AppContext, t: TopicRow, now: Date) {
  const filter = JSON.parse(t.filter) as z.infer<typeof topicBody>['filter'];
  const to = beijingDay(now.getTime());
  const period = { from: addDays(to, -(TOPIC_RECENT_DAYS - 1)), to };
  const { total } = listPeriodLeads(ctx.db, {
    ...periodBounds(period), fromDay: period.from, toDay: period.to, district: filter.district ?? null, street: filter.street ?? null, place: filter.place ?? null,
    category: filter.category ?? null, sub_item: filter.sub_item ?? null, unplaced: false, before: null, limit: 1,
  });
  return { id: t.id, name: t.name, kind: t.kind, filter, createdAt: t.created_at, recent: { ...period, leads: total } };
}

export function topicsView(ctx: AppContext, now = new Date()) {
  return { items: listTopics(ctx.db).map((t) => view(ctx, t, now)) };
}

export function saveTopic(ctx: AppContext, body: z.infer<typeof topicBody>, actor: Actor) {
  return inTransaction(ctx.db, () => {
    const id = insertTopic(ctx.db, { name: body.name, kind: body.kind, filter: JSON.stringify(body.filter), created_by: actor.kind === 'user' ? actor.id : null, created_at: new Date().toISOString() });
    recordAudit(ctx.db, { actor, entity: 'watched_topic', entityId: id, action: 'create', after: body });
    return view(ctx, findTopic(ctx.db, id)!, new Date());
  });
}

export function removeTopic(ctx: AppContext, id: number, actor: Actor) {
  inTransaction(ctx.db, () => {
    const t = findTopic(ctx.db, id);
    if (!t) throw new NotFoundError(`关注专题 ${id} 不存在（可能已被删除）；请刷新列表`);
    deleteTopic(ctx.db, id);
    recordAudit(ctx.db, { actor, entity: 'watched_topic', entityId: id, action: 'delete', before: { name: t.name, kind: t.kind, filter: JSON.parse(t.filter) } });
  });
}
