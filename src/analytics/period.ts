import { z } from 'zod';
import { ValidationError } from '../errors.js';

/** Supervisors count by Beijing calendar day (UTC+8, no DST): a period is whole days, both ends included. */
export interface Period {
  from: string;
  to: string;
  district: string | null;
}

const DAY = 86_400_000;
const OFFSET = 8 * 3_600_000;
const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
export const MAX_PERIOD_DAYS = 366;

/** '2026-12-06T17:00:00.000Z' → '2026-12-07' (Beijing day); the same as SQL date(t, '+8 hours'). */
export function beijingDay(iso: string | number): string {
  const ms = typeof iso === 'number' ? iso : Date.parse(iso);
  return new Date(ms + OFFSET).toISOString().slice(0, 10);
}

/** Start of a Beijing day as a UTC instant (ISO), comparable with the stored times. */
export function dayStart(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00.000Z`) - OFFSET).toISOString();
}

export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00.000Z`) + n * DAY).toISOString().slice(0, 10);
}

/** The UTC instants [start, end) of a period, for indexed range conditions. */
export function periodBounds(p: Pick<Period, 'from' | 'to'>): { start: string; end: string } {
  return { start: dayStart(p.from), end: dayStart(addDays(p.to, 1)) };
}

export function periodDays(p: Pick<Period, 'from' | 'to'>): string[] {
  const out: string[] = [];
  for (let d = p.from; d <= p.to; d = addDays(d, 1)) out.push(d);
  return out;
}

/** The Monday of a day's week (周一开始, as Chinese calendars and the 每周一议 count). */
export function weekOf(day: string): string {
  const weekday = new Date(`${day}T00:00:00.000Z`).getUTCDay();
  return addDays(day, -((weekday + 6) % 7));
}

/** The same number of days right before `p` (for "change" and new/rising). */
export function previousPeriod(p: Period): Period {
  const len = periodDays(p).length;
  return { ...p, from: addDays(p.from, -len), to: addDays(p.from, -1) };
}

/** The last full Monday–Sunday week before `now` (the scheduled weekly report's period). */
export function lastFullWeek(now: Date): Pick<Period, 'from' | 'to'> {
  const monday = weekOf(beijingDay(now.getTime()));
  return { from: addDays(monday, -7), to: addDays(monday, -1) };
}

const day = z.string().regex(DAY_PATTERN, { error: (i) => `expected a Beijing day like 2026-12-01, received ${JSON.stringify(i.input)}` });

/** ?from=&to=&district= (defaults: the 30 days ending today in Beijing, the whole city). */
export const periodQuery = z.object({
  from: day.optional(),
  to: day.optional(),
  district: z.string().trim().min(1).max(20).optional(),
});

function realDay(d: string): boolean {
  const ms = Date.parse(`${d}T00:00:00.000Z`);
  return !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 10) === d;
}

export function toPeriod(q: z.infer<typeof periodQuery>, now: Date = new Date()): Period {
  const to = q.to ?? beijingDay(now.getTime());
  const from = q.from ?? addDays(to, -29);
  if (!realDay(from) || !realDay(to)) {
    throw new ValidationError(`日期无效：应为存在的日期（如 2026-12-01），收到 from=${from} to=${to}`, 'query.from');
  }
  if (from > to) throw new ValidationError(`起始日期应不晚于结束日期，收到 from=${from} to=${to}`, 'query.from');
  const len = periodDays({ from, to }).length;
  if (len > MAX_PERIOD_DAYS) throw new ValidationError(`统计区间最长 ${MAX_PERIOD_DAYS} 天，收到 ${len} 天（${from} 至 ${to}）`, 'query.to');
  return { from, to, district: q.district ?? null };
}
