import type { AppContext } from '../context.js';
import { REJECT_REASONS, type RejectReason } from '../domain/lead-status.js';
import { WORK_ORDER_STATUS_LABELS, WORK_ORDER_STATUSES } from '../domain/work-order-status.js';
import { leadCells, leadDays, leadPlatformCounts, overdueByDistrict, postCells, streetCells, type LeadCell, type StreetCell } from '../storage/analytics.js';
import { cachedFigure, keptRead, type Kept } from './figure-cache.js';
import { countBy, figure, share, type Figure } from './figures.js';
import { labels, UNPLACED, type Labels } from './labels.js';
import { judgedAt } from './order-clock.js';
import type { OrderSummary } from './period-orders.js';
import { addDays, periodBounds, periodDays, weekOf, type Period } from './period.js';

export interface Overview {
  period: Period;
  generatedAt: string;
  /** the time the order figures describe: now, or their read time while a read of a changed store is on its way (lead figures are always now) */
  asOf: string;
  totals: {
    posts: number;
    leads: number;
    pending: number;
    confirmed: number;
    rejected: number;
    merged: number;
    orders: number;
    overdueNow: number;
    dispatchedOnTime: number;
    dispatchJudged: number;
    dispatchOnTimeShare: number | null;
    firstDispatchOk: number;
    firstDispatchShare: number | null;
  };
  figures: Figure[];
  glossary: { term: string; how: string }[];
}

/** How each number is counted, in the words a supervisor defends it with. */
export const GLOSSARY: Overview['glossary'] = [
  { term: '采集帖子', how: '统计区间内首次采集入库的公开帖子数（按北京时间的入库日）；同一帖子再次采集不重复计数。帖子在成为线索之前没有区，所以按区筛选时本项仍为全市数。' },
  { term: '发现线索', how: '统计区间内发现的线索数（发现时间 = 线索第一条帖子入库的时间），含待核实、已确认、已驳回、已合并。按区筛选时按线索的区统计。' },
  { term: '已确认 / 已驳回 / 已合并 / 待核实', how: '上述线索当前的状态；驳回按核实员选择的原因分列。' },
  { term: '工单', how: '统计区间内由线索确认生成的工单数（按立单时间），按当前状态分列。' },
  { term: '按时派发率', how: '统计区间内立单的工单中，首次派发时间不晚于派发时限（发现后紧急 30 分钟、一般 2 小时，可配置）的比例。分母为已派发或已过时限仍未派发的工单；尚未到时限又未派发的不计入。' },
  { term: '当前超时', how: '此刻所处环节已超过其时限的工单数（派发、受理或办结时限），不受统计区间限制；按区筛选时按工单的区统计。' },
  { term: '一次派发成功率', how: '统计区间内立单的工单中，从未被退回、改派或因分类/区域变更而改派的比例。' },
  { term: '各环节中位用时', how: '每张工单各状态首次出现的时间之差（分钟）的中位数：发现→立单、立单→派发、派发→受理、受理→办结、办结→关闭；只统计已走到该环节的工单，样本数一并列出。' },
  { term: '按周趋势', how: '按北京时间的自然周（周一至周日）合计；首尾两周可能不完整，只含统计区间内的天。' },
  { term: '按平台', how: '采集帖子按其平台计数；线索按其所含帖子的平台计数，含多个平台帖子的线索在每个平台各计一次，所以各平台线索之和可能大于线索总数。' },
];

type Counted = Pick<LeadCell, 'status' | 'n'>;

function sum<C extends Counted>(cells: Iterable<C>, pred: (c: C) => boolean = () => true): number {
  let n = 0;
  for (const c of cells) if (pred(c)) n += c.n;
  return n;
}

/** Rows of "label | leads | confirmed (| rejected)" per key, largest first, limited. */
function leadBreakdown<C extends Counted>(cells: C[], key: (c: C) => string | null, limit: number) {
  const groups = new Map<string | null, C[]>();
  for (const c of cells) {
    const k = key(c);
    const g = groups.get(k);
    if (g) g.push(c);
    else groups.set(k, [c]);
  }
  return countBy(cells, key, (c) => c.n)
    .slice(0, limit)
    .map(([k, n]) => {
      const g = groups.get(k)!;
      return { key: k, sample: g[0]!, n, confirmed: sum(g, (c) => c.status === 'confirmed'), rejected: sum(g, (c) => c.status === 'rejected') };
    });
}

/** The order figures of the orders created in [start, end), for the city or one district (a figure reader task, kept per store state). */
export async function orderSummary(ctx: AppContext, start: string, end: string, district: string | null, now: Date): Promise<Kept<OrderSummary>> {
  const { value: all, asOf } = await cachedFigure(ctx, 'periodOrders', { start, end }, now);
  return { value: district === null ? all.city : all.districts.get(district) ?? all.none, asOf };
}

/** The 总览 of a period and district: every number is a count over the store, read in one snapshot. */
export async function buildOverview(ctx: AppContext, period: Period, now: Date = new Date()): Promise<Overview> {
  const { start, end } = periodBounds(period);
  const nowIso = now.toISOString();
  const l = labels(ctx);
  const { from, to, district } = period;
  // the orders' figures come from a reader thread's snapshot; the lead figures are summary rows read here in one
  const { value: orders, asOf } = await orderSummary(ctx, start, end, district, now);
  const leads = keptRead(ctx.db, `overview|${from}|${to}|${district}`, () => ({
    cells: leadCells(ctx.db, from, to, district),
    days: leadDays(ctx.db, from, to, district),
    streets: streetCells(ctx.db, from, to, district),
    posts: postCells(ctx.db, from, to),
    leadPlatforms: leadPlatformCounts(ctx.db, from, to, district),
  }));
  // overdue depends on the time asked, not only on the store
  const data = { ...leads, orders, overdue: overdueByDistrict(ctx.db, nowIso) };
  const { cells } = data;
  const { clocks } = data.orders;
  const judged = judgedAt(clocks, nowIso);
  const overdue = period.district === null ? data.overdue : data.overdue.filter((o) => o.district === period.district);
  const overdueNow = overdue.reduce((n, o) => n + o.n, 0);
  const status = (s: LeadCell['status']) => sum(cells, (c) => c.status === s);

  return {
    period,
    generatedAt: nowIso,
    asOf,
    totals: {
      posts: data.posts.reduce((n, p) => n + p.n, 0),
      leads: sum(cells),
      pending: status('new'),
      confirmed: status('confirmed'),
      rejected: status('rejected'),
      merged: status('merged'),
      orders: clocks.total,
      overdueNow,
      dispatchedOnTime: clocks.onTime,
      dispatchJudged: judged,
      dispatchOnTimeShare: share(clocks.onTime, judged),
      firstDispatchOk: clocks.firstDispatchOk,
      firstDispatchShare: share(clocks.firstDispatchOk, clocks.total),
    },
    figures: [
      ...trends(period, data.days, data.posts),
      figure('rejected_by_reason', '驳回原因', 'bar', ['驳回原因', '线索数'],
        countBy(cells.filter((c) => c.status === 'rejected'), (c) => c.reject_reason, (c) => c.n).map(([r, n]) => ({ cells: [REJECT_REASONS[r as RejectReason] ?? r ?? '未填写原因', n] }))),
      figure('orders_by_status', '工单状态', 'bar', ['工单状态', '工单数'],
        WORK_ORDER_STATUSES.map((s) => ({ cells: [WORK_ORDER_STATUS_LABELS[s], data.orders.byStatus.get(s) ?? 0] }))),
      figure('step_medians', '各环节中位用时', 'bar', ['环节', '中位用时（分钟）', '样本数'], clocks.steps.map((s) => ({ cells: [s.label, s.medianMinutes, s.n] }))),
      ...breakdowns(l, cells, data, overdue),
    ],
    glossary: GLOSSARY,
  };
}

function trends(period: Period, leads: { day: string; status: LeadCell['status']; n: number }[], posts: { day: string; n: number }[]): Figure[] {
  const days = periodDays(period);
  // one pass over the days: per day [posts, leads, confirmed, rejected]
  const perDay = new Map(days.map((d) => [d, [0, 0, 0, 0] as [number, number, number, number]]));
  for (const p of posts) perDay.get(p.day)![0] += p.n;
  for (const c of leads) {
    const r = perDay.get(c.day)!;
    r[1] += c.n;
    if (c.status === 'confirmed') r[2] += c.n;
    if (c.status === 'rejected') r[3] += c.n;
  }
  const total = (from: string, to: string) => days.filter((d) => d >= from && d <= to).reduce((acc, d) => acc.map((v, i) => v + perDay.get(d)![i]!), [0, 0, 0, 0]);
  const columns = ['采集帖子', '发现线索', '已确认', '已驳回'];
  const weeks = [...new Set(days.map(weekOf))];
  return [
    figure('trend_day', '按日趋势', 'line', ['日期', ...columns], days.map((d) => ({ cells: [d, ...perDay.get(d)!], drill: { from: d, to: d } }))),
    figure('trend_week', '按周趋势', 'line', ['周（周一起）', ...columns], weeks.map((w) => {
      const from = w < period.from ? period.from : w;
      const to = addDays(w, 6) > period.to ? period.to : addDays(w, 6);
      return { cells: [w, ...total(from, to)], drill: { from, to } };
    })),
  ];
}

/** Leads, confirmed, orders and overdue-now per district (the overview's table and the map's colours). */
export function districtFigure(cells: LeadCell[], ordersBy: Map<string | null, number>, overdue: { district: string | null; n: number }[]): Figure {
  const overdueBy = new Map(overdue.map((o) => [o.district, o.n]));
  // districts with orders or overdue orders but no lead in the period still get their row
  const districts: { key: string | null; n: number; confirmed: number }[] = leadBreakdown(cells, (c) => c.district, 50);
  for (const d of new Set([...ordersBy.keys(), ...overdueBy.keys()])) {
    if (!districts.some((x) => x.key === d)) districts.push({ key: d, n: 0, confirmed: 0 });
  }
  return figure('by_district', '按区', 'bar', ['区', '线索', '已确认', '工单', '当前超时'],
    districts.map((r) => ({ cells: [r.key ?? UNPLACED, r.n, r.confirmed, ordersBy.get(r.key) ?? 0, overdueBy.get(r.key) ?? 0], drill: (r.key ? { district: r.key } : { unplaced: '1' }) as Record<string, string> })));
}

/** Leads per street (district + street), the largest `limit`. */
export function streetFigure(cells: StreetCell[], limit: number): Figure {
  return figure('by_street', `按街道（前 ${limit}）`, 'bar', ['街道', '线索', '已确认', '已驳回'],
    leadBreakdown(cells, (c) => `${c.district ?? ''}\u0000${c.street}`, limit).map((r) => ({
      cells: [`${r.sample.district ?? ''}${r.sample.street}`, r.n, r.confirmed, r.rejected],
      drill: { ...(r.sample.district ? { district: r.sample.district } : {}), street: r.sample.street },
    })));
}

function breakdowns(
  l: Labels,
  cells: LeadCell[],
  data: { streets: StreetCell[]; posts: { platform: string; n: number }[]; leadPlatforms: { platform: string; n: number }[]; orders: OrderSummary },
  overdue: { district: string | null; n: number }[],
): Figure[] {
  const platforms = new Map<string, [number, number]>();
  for (const p of data.posts) platforms.set(p.platform, [(platforms.get(p.platform)?.[0] ?? 0) + p.n, 0]);
  for (const p of data.leadPlatforms) platforms.set(p.platform, [platforms.get(p.platform)?.[0] ?? 0, p.n]);
  return [
    figure('by_category', '按分类', 'bar', ['分类', '线索', '已确认', '已驳回'],
      leadBreakdown(cells, (c) => c.category, 50).map((r) => ({ cells: [l.category(r.key!), r.n, r.confirmed, r.rejected], drill: { category: r.key! } }))),
    figure('by_sub_item', '按事项（前 20）', 'bar', ['事项', '线索', '已确认', '已驳回'],
      leadBreakdown(cells, (c) => `${c.category}\u0000${c.sub_item ?? ''}`, 20).map((r) => ({
        cells: [`${l.category(r.sample.category)} · ${l.subItem(r.sample.sub_item)}`, r.n, r.confirmed, r.rejected],
        drill: (r.sample.sub_item ? { category: r.sample.category, sub_item: r.sample.sub_item } : { category: r.sample.category }) as Record<string, string>,
      }))),
    districtFigure(cells, data.orders.byDistrict, overdue),
    streetFigure(data.streets, 20),
    figure('by_platform', '按平台', 'bar', ['平台', '采集帖子', '线索'],
      [...platforms].sort((a, b) => b[1][0] - a[1][0] || a[0].localeCompare(b[0])).map(([p, [posts, leads]]) => ({ cells: [l.platform(p), posts, leads] }))),
  ];
}
