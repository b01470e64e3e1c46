/**
 * Published times as platforms show them, to UTC ISO. Relative and partial forms
 * ("3分钟前", "昨天 12:30", "10-12") are read against `now` in the platform's zone
 * (Asia/Shanghai, UTC+8 all year: no DST), so the same text gives the same instant
 * whatever the server's TZ.
 */
const SHANGHAI_OFFSET_MS = 8 * 3600_000;

interface LocalParts {
  year: number;
  month: number; // 1-12
  day: number;
}

function shanghaiParts(now: Date): LocalParts {
  const d = new Date(now.getTime() + SHANGHAI_OFFSET_MS);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** Shanghai wall-clock time → UTC instant (Date.UTC normalises overflowing days, e.g. day 0). */
function fromShanghai(year: number, month: number, day: number, hour = 0, minute = 0, second = 0): Date {
  if (month < 1 || month > 12 || day > 31 || hour > 23 || minute > 59 || second > 59) return new Date(Number.NaN);
  return new Date(Date.UTC(year, month - 1, day, hour, minute, second) - SHANGHAI_OFFSET_MS);
}

const UNIT_MS: Record<string, number> = {
  秒: 1000, 分: 60_000, 分钟: 60_000, 小时: 3600_000, 时: 3600_000, 天: 86_400_000, 日: 86_400_000, 周: 7 * 86_400_000, 星期: 7 * 86_400_000,
};

function valid(d: Date): string | null {
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

export function parsePublishedTime(input: unknown, now: Date = new Date()): string | null {
  if (input === null || input === undefined) return null;
  if (typeof input === 'number') return fromEpoch(input);
  const text = String(input).replace(/\s+/g, ' ').trim().replace(/^(发布于|发表于|发布时间[:：]?|时间[:：]?)\s*/, '');
  if (!text) return null;
  if (/^\d{9,13}$/.test(text)) return fromEpoch(Number(text));
  if (/^(刚刚|刚才|just now)$/i.test(text)) return now.toISOString();

  let m = /^(\d+)\s*(秒|分钟|分|小时|时|天|日|周|星期)\s*前$/.exec(text);
  if (m) return new Date(now.getTime() - Number(m[1]) * UNIT_MS[m[2]!]!).toISOString();
  m = /^半小时前$/.exec(text);
  if (m) return new Date(now.getTime() - 1800_000).toISOString();

  const today = shanghaiParts(now);
  m = /^(今天|昨天|前天)\s*(?:(\d{1,2})[:：](\d{2}))?$/.exec(text);
  if (m) {
    const back = m[1] === '今天' ? 0 : m[1] === '昨天' ? 1 : 2;
    return valid(fromShanghai(today.year, today.month, today.day - back, Number(m[2] ?? 0), Number(m[3] ?? 0)));
  }

  // 2026-10-12 08:31[:05], 2026/10/12, 2026年10月12日 08:30
  m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[ T](\d{1,2})[:：](\d{2})(?:[:：](\d{2}))?)?$/.exec(text);
  if (m) return valid(fromShanghai(+m[1]!, +m[2]!, +m[3]!, +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0)));

  // 10-12, 10月12日 08:30: this year, or last year when that would be in the future
  m = /^(\d{1,2})[-/月](\d{1,2})日?(?: (\d{1,2})[:：](\d{2}))?$/.exec(text);
  if (m) {
    let d = fromShanghai(today.year, +m[1]!, +m[2]!, +(m[3] ?? 0), +(m[4] ?? 0));
    if (d.getTime() > now.getTime() + 86_400_000) d = fromShanghai(today.year - 1, +m[1]!, +m[2]!, +(m[3] ?? 0), +(m[4] ?? 0));
    return valid(d);
  }

  // 12:30 alone: today
  m = /^(\d{1,2})[:：](\d{2})$/.exec(text);
  if (m) return valid(fromShanghai(today.year, today.month, today.day, +m[1]!, +m[2]!));

  // RFC 2822 (Weibo created_at "Sat Aug 20 18:29:52 +0800 2022", RSS pubDate) and ISO 8601 with zone
  const weibo = /^\w{3} (\w{3}) (\d{1,2}) (\d{2}:\d{2}:\d{2}) ([+-]\d{4}) (\d{4})$/.exec(text);
  if (weibo) return valid(new Date(`${weibo[2]} ${weibo[1]} ${weibo[5]} ${weibo[3]} ${weibo[4]}`));
  if (/^\d{4}-\d{2}-\d{2}T/.test(text) && !/(Z|[+-]\d{2}:?\d{2})$/.test(text)) {
    return parsePublishedTime(text.replace('T', ' ').replace(/\.\d+$/, ''), now);
  }
  if (/[A-Za-z]{3}|T\d|Z$/.test(text)) return valid(new Date(text));
  return null;
}

function fromEpoch(n: number): string | null {
  if (!Number.isFinite(n) || n <= 0) return null;
  return valid(new Date(n < 1e12 ? n * 1000 : n));
}
