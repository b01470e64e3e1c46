import { z } from 'zod';
import type { AppContext } from '../context.js';
import { orderNumbersOf } from '../storage/analytics.js';
import type { CityDetection } from './city-detection.js';
import { cachedFigure } from './figure-cache.js';
import { figure, type Figure } from './figures.js';
import { labels } from './labels.js';
import { periodQuery, toPeriod, type Period } from './period.js';

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

/** Order numbers of the leads pages have listed, per detection (valid for its store state), looked up on first listing. */
const orderMemo = new WeakMap<CityDetection, Map<number, string | null>>();

/** The order numbers of these leads, from the detection's memo or the store. */
function ordersOf(ctx: AppContext, city: CityDetection, leadIds: number[]): Map<number, string | null> {
  let memo = orderMemo.get(city);
  if (!memo) orderMemo.set(city, (memo = new Map()));
  const missing = leadIds.filter((id) => !memo.has(id));
  if (missing.length > 0) {
    const found = orderNumbersOf(ctx.db, missing);
    for (const id of missing) memo.set(id, found.get(id) ?? null);
  }
  return memo;
}

/** The city's findings as one district sees them; classes are city-wide, those rising in this district among them. */
function inDistrict(found: CityDetection, district: string | null): CityDetection {
  if (district === null) return found;
  return {
    hotspots: found.hotspots.filter((h) => h.district === district),
    recurrences: found.recurrences.filter((r) => r.district === district),
    classes: found.classes.filter((c) => c.districts.some((d) => d.district === district)),
  };
}

/** 热点与类案 of a period: concentrations in place × time, 反复投诉 and city-wide classes, each with its leads and orders. */
export async function buildHotspots(ctx: AppContext, q: z.infer<typeof hotspotQuery>, now: Date = new Date()) {
  const period: Period = toPeriod(q, now);
  const windowDays = q.window_days ?? ctx.config.hotspotWindowDays;
  const minLeads = q.min_leads ?? ctx.config.hotspotMinLeads;
  const limit = q.limit ?? DEFAULT_LIMIT;
  const { value: city, asOf } = await cachedFigure(ctx, 'cityHotspots', {
    period: { from: period.from, to: period.to }, level: q.level, windowDays, minLeads, recurrenceDays: ctx.config.recurrenceDays, classMinDistricts: ctx.config.classMinDistricts,
  }, now);
  const found = inDistrict(city, period.district);
  const orderOf = ordersOf(ctx, city, [...found.hotspots.slice(0, limit), ...found.recurrences.slice(0, limit)].flatMap((x) => x.leadIds));
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
    /** the time the findings describe: now, or their read time while a read of a changed store is on its way */
    asOf,
    options: { level: q.level, windowDays, minLeads, classMinDistricts: ctx.config.classMinDistricts, recurrenceDays: ctx.config.recurrenceDays, limit },
    /** How many each detection found; the lists hold the first `limit`. */
    total: { hotspots: found.hotspots.length, recurrences: found.recurrences.length, classes: found.classes.length },
    hotspots,
    recurrences,
    classes,
    figures: hotspotFigures(hotspots, recurrences, classes),
  };
}

export type HotspotReport = Awaited<ReturnType<typeof buildHotspots>>;

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
