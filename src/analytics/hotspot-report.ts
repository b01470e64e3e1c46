import { z } from 'zod';
import type { AppContext } from '../context.js';
import { inReadTransaction } from '../storage/database.js';
import { orderNumbersOf, placedLeads, resolvedOrders } from '../storage/analytics.js';
import { cachedRead } from './figure-cache.js';
import { figure, type Figure } from './figures.js';
import { detectCityClasses, detectHotspots, detectRecurrences, type PlaceLevel, type SpotLead } from './hotspots.js';
import { labels } from './labels.js';
import { addDays, periodBounds, periodQuery, previousPeriod, toPeriod, type Period } from './period.js';

const DAY = 86_400_000;

/** ?from&to&district plus the hotspot frame: level (street | place), window_days, min_leads (defaults from config). */
export const hotspotQuery = periodQuery.extend({
  level: z.enum(['street', 'place']).default('place'),
  window_days: z.coerce.number().int().min(1).max(90).optional(),
  min_leads: z.coerce.number().int().min(2).max(1000).optional(),
  /** How many of each list to send, highest ranked first (a city-wide month finds thousands). */
  limit: z.coerce.number().int().min(1).max(1000).optional(),
}).strict();
const DEFAULT_LIMIT = 100;

const iso = (ms: number) => new Date(ms).toISOString();

/** The filter that lists a finding's leads (GET /api/analytics/leads) and that a watched topic keeps. */
function drill(x: { district: string | null; street: string | null; place: string | null; category?: string; sub_item?: string }) {
  return Object.fromEntries(Object.entries(x).filter(([, v]) => v)) as Record<string, string>;
}

/** Index of the first lead at or after `ms` in leads sorted by time. */
function firstAt(leads: SpotLead[], ms: number): number {
  let [lo, hi] = [0, leads.length];
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (leads[mid]!.at < ms) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The three detections of a period for the whole city, kept per store state (figure-cache): a
 * city-wide month is 80,000 leads to read and group. A district's view is a filter of this one
 * (a place, and so a hotspot or a recurrence, lies in one district), so switching districts reads
 * nothing again. One scan reads both the look-back of the windows and the period before (classes).
 * `orderOf` keeps the order numbers of the leads pages have listed, looked up on first listing.
 */
function detectCity(ctx: AppContext, period: Period, level: PlaceLevel, windowDays: number, minLeads: number) {
  const { start, end } = periodBounds(period);
  const prev = periodBounds(previousPeriod(period));
  const lookback = periodBounds({ from: addDays(period.from, -4 * windowDays), to: period.to });
  const recurrenceFrom = periodBounds({ from: addDays(period.from, -ctx.config.recurrenceDays), to: period.to });
  const key = `hotspots|${period.from}|${period.to}|${level}|${windowDays}|${minLeads}|${ctx.config.recurrenceDays}|${ctx.config.classMinDistricts}`;
  return cachedRead(ctx.db, key, () => {
    const from = lookback.start < prev.start ? lookback.start : prev.start;
    const read: SpotLead[] = placedLeads(ctx.db, from, end);
    const resolved = resolvedOrders(ctx.db, recurrenceFrom.start, end);
    const between = (a: string, b: string) => read.slice(firstAt(read, Date.parse(a)), firstAt(read, Date.parse(b)));
    const inPeriod = between(start, end);
    return {
      hotspots: detectHotspots(between(lookback.start, end), { level, windowMs: windowDays * DAY, minLeads, start: Date.parse(start), end: Date.parse(end), risingFactor: 2 }),
      recurrences: detectRecurrences(inPeriod, resolved.map((r) => ({ number: r.number, leadId: r.lead_id, district: r.district, street: r.street, place: r.place, category: r.category, resolvedAt: Date.parse(r.resolved_at) }))),
      classes: detectCityClasses(inPeriod, between(prev.start, prev.end), ctx.config.classMinDistricts),
      orderOf: new Map<number, string | null>(),
    };
  });
}

/** The order numbers of these leads, from the detection's memo (valid for its store state) or the store. */
function ordersOf(ctx: AppContext, city: ReturnType<typeof detectCity>, leadIds: number[]): Map<number, string | null> {
  const missing = leadIds.filter((id) => !city.orderOf.has(id));
  if (missing.length > 0) {
    const found = orderNumbersOf(ctx.db, missing);
    for (const id of missing) city.orderOf.set(id, found.get(id) ?? null);
  }
  return city.orderOf;
}

/** The city's findings as one district sees them; classes are city-wide, those rising in this district among them. */
function inDistrict(found: ReturnType<typeof detectCity>, district: string | null): Omit<ReturnType<typeof detectCity>, 'orderOf'> {
  if (district === null) return found;
  return {
    hotspots: found.hotspots.filter((h) => h.district === district),
    recurrences: found.recurrences.filter((r) => r.district === district),
    classes: found.classes.filter((c) => c.districts.some((d) => d.district === district)),
  };
}

/** 热点与类案 of a period: concentrations in place × time, 反复投诉 and city-wide classes, each with its leads and orders. */
export function buildHotspots(ctx: AppContext, q: z.infer<typeof hotspotQuery>, now: Date = new Date()) {
  const period: Period = toPeriod(q, now);
  const windowDays = q.window_days ?? ctx.config.hotspotWindowDays;
  const minLeads = q.min_leads ?? ctx.config.hotspotMinLeads;
  const limit = q.limit ?? DEFAULT_LIMIT;
  const { found, orderOf } = inReadTransaction(ctx.db, () => {
    const city = detectCity(ctx, period, q.level, windowDays, minLeads);
    const found = inDistrict(city, period.district);
    const listed = [...found.hotspots.slice(0, limit), ...found.recurrences.slice(0, limit)].flatMap((x) => x.leadIds);
    return { found, orderOf: ordersOf(ctx, city, listed) };
  });
  const orders = (leadIds: number[]) => leadIds.flatMap((id) => orderOf.get(id) ?? []);
  const l = labels(ctx);
  const named = (category: string, sub_item?: string | null) => ({ category, categoryName: l.category(category), ...(sub_item !== undefined ? { subItem: sub_item, subItemName: l.subItem(sub_item) } : {}) });
  const hotspots = found.hotspots.slice(0, limit).map((h) => ({
    level: h.level, district: h.district, street: h.street, place: h.place, count: h.count, previous: h.previous, trend: h.trend,
    windowStart: iso(h.windowStart), windowEnd: iso(h.windowEnd), leadIds: h.leadIds, orders: orders(h.leadIds),
    categories: h.categories.map((c) => ({ ...named(c.category), n: c.n })),
    filter: drill({ district: h.district, street: h.street, place: h.place }),
  }));
  const recurrences = found.recurrences.slice(0, limit).map((r) => ({
    district: r.district, street: r.street, place: r.place, ...named(r.category), resolvedOrder: r.resolvedOrder, resolvedAt: iso(r.resolvedAt), count: r.leadIds.length, leadIds: r.leadIds, orders: orders(r.leadIds),
    filter: drill({ district: r.district, street: r.street, place: r.place, category: r.category }),
  }));
  const classes = found.classes.slice(0, limit).map((c) => ({
    ...named(c.category, c.sub_item), current: c.current, previous: c.previous, districts: c.districts, leadIds: c.leadIds,
    filter: drill({ district: null, street: null, place: null, category: c.category, sub_item: c.sub_item }),
  }));
  return {
    period,
    options: { level: q.level, windowDays, minLeads, classMinDistricts: ctx.config.classMinDistricts, recurrenceDays: ctx.config.recurrenceDays, limit },
    /** How many each detection found; the lists hold the first `limit`. */
    total: { hotspots: found.hotspots.length, recurrences: found.recurrences.length, classes: found.classes.length },
    hotspots,
    recurrences,
    classes,
    figures: hotspotFigures(hotspots, recurrences, classes),
  };
}

export type HotspotReport = ReturnType<typeof buildHotspots>;

export const TREND = { new: '新出现', rising: '上升', steady: '持续' } as const;
const where = (x: { district: string | null; street: string | null; place: string | null }) => [x.district, x.street, x.place].filter(Boolean).join(' ');

/** The three lists as figures (chart + table + CSV), rows linking to their leads. */
function hotspotFigures(
  hotspots: { district: string | null; street: string | null; place: string | null; count: number; previous: number; trend: keyof typeof TREND; filter: Record<string, string> }[],
  recurrences: { district: string | null; street: string | null; place: string | null; categoryName: string; resolvedOrder: string; count: number; filter: Record<string, string> }[],
  classes: { categoryName: string; subItemName?: string; current: number; previous: number; districts: unknown[]; filter: Record<string, string> }[],
): Figure[] {
  return [
    figure('hotspots', '热点（地点 × 时间聚集）', 'bar', ['地点（趋势）', '时间窗内线索', '前一时间窗'],
      hotspots.map((h) => ({ cells: [`${where(h)}（${TREND[h.trend]}）`, h.count, h.previous], drill: h.filter }))),
    figure('recurrences', '反复投诉（办结后再现）', 'bar', ['地点 · 分类 · 已办结工单', '再现线索'],
      recurrences.map((r) => ({ cells: [`${where(r)} · ${r.categoryName} · ${r.resolvedOrder}`, r.count], drill: r.filter }))),
    figure('classes', '全市类案（多区上升的事项）', 'bar', ['事项', '本期线索', '上期线索', '上升的区数'],
      classes.map((c) => ({ cells: [`${c.categoryName} · ${c.subItemName}`, c.current, c.previous, c.districts.length], drill: c.filter }))),
  ];
}
