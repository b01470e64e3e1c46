import type { AppContext } from '../context.js';
import { WORK_ORDER_STATUS_LABELS, type WorkOrderStatus } from '../domain/work-order-status.js';
import { NotFoundError } from '../errors.js';
import { findWeeklyReport, insertWeeklyReport, listWeeklyReports, overdueOrders } from '../storage/analytics.js';
import { inTransaction } from '../storage/database.js';
import { countOpenSupervisions, listSupervisions } from '../storage/supervisions.js';
import { LIST_KINDS } from '../supervision/list-kinds.js';
import { figure, type Figure } from './figures.js';
import { buildHotspots, type HotspotReport } from './hotspot-report.js';
import { labels } from './labels.js';
import { buildOverview, type Overview } from './overview.js';
import { periodQuery, previousPeriod, type Period } from './period.js';

const TOP = 10;
const OVERDUE_LISTED = 30;
const SUPERVISED_LISTED = 30;

/** POST /api/analytics/reports: any period and district (defaults as the overview's). */
export const reportBody = periodQuery.strict();

export interface WeeklyReport {
  id: number;
  trigger: 'schedule' | 'manual';
  generatedAt: string;
  period: Period;
  previous: Period;
  totals: Overview['totals'];
  previousTotals: Overview['totals'];
  topProblems: { label: string; current: number; previous: number; change: number; filter: Record<string, string> }[];
  hotspots: HotspotReport['hotspots'];
  recurrences: HotspotReport['recurrences'];
  classes: HotspotReport['classes'];
  overdue: { total: number; orders: { number: string; status: string; category: string; subItem: string; department: string; where: string; dueAt: string }[] };
  /** Orders under 督办 when the report was made (newest first); absent in reports made before it was added. */
  supervised?: { total: number; orders: { number: string; reason: string; note: string; since: string }[] };
  figures: Figure[];
}

/**
 * 每周一议 of a period: top problems and their change against the period before, hotspots,
 * recurrences and classes, overdue and supervised (督办) orders, with figures. The same counts as the overview and
 * hotspot pages (they are built here by the same functions), frozen at generation.
 */
export async function buildWeeklyReport(ctx: AppContext, period: Period, now: Date = new Date()): Promise<Omit<WeeklyReport, 'id' | 'trigger'>> {
  const previous = previousPeriod(period);
  const [current, before, spots] = await Promise.all([buildOverview(ctx, period, now), buildOverview(ctx, previous, now), buildHotspots(ctx, { from: period.from, to: period.to, district: period.district ?? undefined, level: 'place' }, now)]);
  const subItems = (o: Overview) => o.figures.find((f) => f.id === 'by_sub_item')!;
  const prevBy = new Map(subItems(before).rows.map((r) => [r[0], Number(r[1])]));
  const cur = subItems(current);
  const topProblems = cur.rows.slice(0, TOP).map((r, i) => {
    const previousCount = prevBy.get(r[0]) ?? 0;
    return { label: String(r[0]), current: Number(r[1]), previous: previousCount, change: Number(r[1]) - previousCount, filter: cur.drill[i] ?? {} };
  });
  const l = labels(ctx);
  const overdueRows = overdueOrders(ctx.db, now.toISOString(), period.district, OVERDUE_LISTED);
  const fig = (id: string) => current.figures.find((f) => f.id === id)!;
  return {
    generatedAt: now.toISOString(),
    period,
    previous,
    totals: current.totals,
    previousTotals: before.totals,
    topProblems,
    hotspots: spots.hotspots.slice(0, TOP),
    recurrences: spots.recurrences.slice(0, TOP),
    classes: spots.classes.slice(0, TOP),
    overdue: {
      total: current.totals.overdueNow,
      orders: overdueRows.map((o) => ({
        number: o.number, status: WORK_ORDER_STATUS_LABELS[o.status as WorkOrderStatus] ?? o.status, category: l.category(o.category), subItem: l.subItem(o.sub_item),
        department: o.department, where: [o.district, o.street, o.place].filter(Boolean).join(' ') || '未定位', dueAt: o.due_at,
      })),
    },
    supervised: {
      total: countOpenSupervisions(ctx.db),
      orders: listSupervisions(ctx.db, 'open', SUPERVISED_LISTED).map((x) => ({
        number: x.number, reason: x.reason ? LIST_KINDS[x.reason].name : '其他', note: x.note, since: x.created_at,
      })),
    },
    figures: [
      figure('top_problems', '高频问题（本期与上期）', 'bar', ['事项', '本期线索', '上期线索'], topProblems.map((p) => ({ cells: [p.label, p.current, p.previous], drill: p.filter }))),
      fig('trend_day'),
      fig('by_district'),
      spots.figures.find((f) => f.id === 'hotspots')!,
    ],
  };
}

/** Builds and stores a report; keeps the newest `weeklyReportKeep`. */
export async function generateWeeklyReport(ctx: AppContext, period: Period, trigger: 'schedule' | 'manual', now: Date = new Date()): Promise<WeeklyReport> {
  const data = await buildWeeklyReport(ctx, period, now);
  const id = inTransaction(ctx.db, () =>
    insertWeeklyReport(ctx.db, { period_from: period.from, period_to: period.to, trigger, data: JSON.stringify(data), generated_at: data.generatedAt }, ctx.config.weeklyReportKeep));
  return { id, trigger, ...data };
}

export function listReports(ctx: AppContext) {
  return {
    keep: ctx.config.weeklyReportKeep,
    items: listWeeklyReports(ctx.db).map((r) => ({ id: r.id, from: r.period_from, to: r.period_to, trigger: r.trigger, generatedAt: r.generated_at })),
  };
}

export function getReport(ctx: AppContext, id: number): WeeklyReport {
  const row = findWeeklyReport(ctx.db, id);
  if (!row) throw new NotFoundError(`报告 ${id} 不存在（只保留最近 ${ctx.config.weeklyReportKeep} 份）；请返回报告列表`);
  return { id: row.id, trigger: row.trigger, ...(JSON.parse(row.data) as Omit<WeeklyReport, 'id' | 'trigger'>) };
}

