import type { AppContext } from '../context.js';
import { CATEGORIES, type Category } from '../domain/categories.js';
import { periodBounds, type Period } from '../analytics/period.js';
import { figure, share, type Figure } from '../analytics/figures.js';
import { inReadTransaction } from '../storage/database.js';
import { headStartRows, type HeadStartRow } from '../storage/ticket-links.js';

const HOUR = 3_600_000;

/** The value below which `p` of the sorted values lie (nearest rank); null for none. */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
}

const hours = (h: number | null) => (h === null ? null : Math.round(h * 10) / 10);

/** The counts of one group of leads (the whole period, or one category). */
export function headStartCounts(rows: readonly HeadStartRow[]) {
  const unreported = rows.filter((r) => r.first_before === null);
  const ahead = unreported.filter((r) => r.first_after !== null).map((r) => (Date.parse(r.first_after!) - Date.parse(r.at)) / HOUR).sort((a, b) => a - b);
  return {
    leads: rows.length,
    /** 未诉先办: found before any hotline ticket about the same problem. */
    unreported: unreported.length,
    unreportedShare: share(unreported.length, rows.length),
    /** 已诉: a linked ticket was received before the lead's first post. */
    reported: rows.length - unreported.length,
    /** Of the 未诉 leads, how many later got a ticket (the ones whose head start can be measured). */
    laterTicket: ahead.length,
    leadHoursMedian: hours(percentile(ahead, 0.5)),
    leadHoursP90: hours(percentile(ahead, 0.9)),
  };
}

export const HEAD_START_GLOSSARY = {
  leads: '统计期内首帖时间（无发帖时间时为发现时间）落在期内的待核实与已确认线索；已驳回、已合并的不计',
  unreported: '未诉先办：没有任何「热线在先」的关联工单（关联由系统按地点、分类、时间窗与文本相似度判定，人工撤销的不计）',
  reported: '已诉：至少一张关联的 12345 工单受理时间早于线索首帖时间',
  laterTicket: '未诉线索中，之后又收到关联热线工单的条数；提前量 = 首张在后工单受理时间 − 线索首帖时间（小时）',
};

/** 未诉先办: for a period and district, how many leads were found before any hotline ticket, and how long before. */
export function buildHeadStart(ctx: AppContext, period: Period) {
  const { start, end } = periodBounds(period);
  const rows = inReadTransaction(ctx.db, () => headStartRows(ctx.db, start, end, period.district));
  const byCategory = new Map<string, HeadStartRow[]>();
  for (const r of rows) {
    const list = byCategory.get(r.category);
    if (list) list.push(r);
    else byCategory.set(r.category, [r]);
  }
  const categories = [...byCategory].map(([code, list]) => ({ code, name: CATEGORIES[code as Category] ?? code, ...headStartCounts(list) }))
    .sort((a, b) => b.leads - a.leads || a.code.localeCompare(b.code));
  const drill = (category?: string) => ({ from: period.from, to: period.to, ...(period.district ? { district: period.district } : {}), ...(category ? { category } : {}) });
  const pct = (x: number | null) => (x === null ? null : Math.round(x * 1000) / 10);
  const figures: Figure[] = [
    figure('head-start-by-category', '未诉先办（按分类）', 'bar',
      ['分类', '线索数', '未诉先办', '未诉先办占比（%）', '已诉', '之后收到热线工单', '提前量中位数（小时）', '提前量 P90（小时）'],
      categories.map((c) => ({ cells: [c.name, c.leads, c.unreported, pct(c.unreportedShare), c.reported, c.laterTicket, c.leadHoursMedian, c.leadHoursP90], drill: drill(c.code) }))),
  ];
  return { period, totals: headStartCounts(rows), categories, glossary: HEAD_START_GLOSSARY, figures };
}
