import { z } from 'zod';
import type { AppContext } from '../context.js';
import { listPeriodLeads } from '../storage/analytics.js';
import { labels } from './labels.js';
import { periodBounds, periodQuery, toPeriod } from './period.js';

const filter = z.string().trim().min(1).max(100).optional();

/** The list behind a figure, hotspot or map area: a period plus the figure row's filter. */
export const leadListQuery = periodQuery.extend({
  street: filter,
  place: filter,
  category: filter,
  sub_item: filter,
  unplaced: z.enum(['1']).optional(),
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
}).strict();

export function leadList(ctx: AppContext, q: z.infer<typeof leadListQuery>) {
  const period = toPeriod(q);
  const l = labels(ctx);
  const { rows, total } = listPeriodLeads(ctx.db, {
    ...periodBounds(period), fromDay: period.from, toDay: period.to, district: period.district, street: q.street ?? null, place: q.place ?? null, category: q.category ?? null,
    sub_item: q.sub_item ?? null, unplaced: q.unplaced === '1', before: q.before ?? null, limit: q.limit,
  });
  const last = rows.at(-1);
  return {
    period,
    total,
    items: rows.map((r) => ({
      id: r.id, status: r.status, category: r.category, categoryName: l.category(r.category), subItem: r.sub_item, subItemName: l.subItem(r.sub_item),
      urgency: r.urgency, district: r.district, street: r.street, place: r.place, summary: r.summary, discoveredAt: r.discovered_at, workOrder: r.order_number,
    })),
    nextBefore: rows.length === q.limit && last ? last.id : null,
  };
}
