/** How many submissions the limits allow, and what has been used (from the attempts table). */
export interface RateLimits {
  perHour: number;
  perDay: number;
  globalPerDay: number;
}

export interface Usage {
  /** Attempts from this address in the last hour / 24 hours, and from everyone in the last 24 hours, each with its oldest. */
  hour: { n: number; oldest: string | null };
  day: { n: number; oldest: string | null };
  global: { n: number; oldest: string | null };
}

export type RateDecision = { ok: true } | { ok: false; limit: 'hour' | 'day' | 'global'; retryAt: string; message: string };

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** "12-07 18:30" in Beijing time: when the resident may try again. */
function beijingClock(ms: number): string {
  const d = new Date(ms + 8 * HOUR).toISOString();
  return `${d.slice(5, 10)} ${d.slice(11, 16)}`;
}

/**
 * Whether one more report may be sent now. Rolling windows: the oldest attempt in a full window
 * leaves it one hour (or 24 hours) after it was made, which is when to try again.
 */
export function rateDecision(usage: Usage, limits: RateLimits, now: Date): RateDecision {
  const checks = [
    { limit: 'global' as const, used: usage.global, max: limits.globalPerDay, span: DAY, words: `今天全市的随手拍提交量已达上限（${limits.globalPerDay} 条）` },
    { limit: 'day' as const, used: usage.day, max: limits.perDay, span: DAY, words: `同一网络地址 24 小时内最多提交 ${limits.perDay} 次` },
    { limit: 'hour' as const, used: usage.hour, max: limits.perHour, span: HOUR, words: `同一网络地址每小时最多提交 ${limits.perHour} 次` },
  ];
  for (const c of checks) {
    if (c.used.n < c.max) continue;
    const retry = Math.max(now.getTime() + 1000, Date.parse(c.used.oldest ?? now.toISOString()) + c.span);
    return {
      ok: false, limit: c.limit, retryAt: new Date(retry).toISOString(),
      message: `提交太频繁：${c.words}。请在 ${beijingClock(retry)}（北京时间）之后再试；紧急情况请拨打 12345 热线。`,
    };
  }
  return { ok: true };
}
