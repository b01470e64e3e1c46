import { z } from 'zod';
import { actorRef, type Actor } from '../audit/actor.js';
import type { Db } from '../storage/database.js';
import { decisionsBy } from '../storage/review-history.js';
import { actionName } from '../text/audit-lines.js';

/** What counts as a verifier's decision on a lead (claims and releases do not). */
export const DECISION_ACTIONS = ['confirm', 'reject', 'merge', 'reopen', 'edit', 'create'] as const;
const LIMIT = 1000;

export const myDecisionsQuery = z
  .object({ date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期应为 YYYY-MM-DD（北京时间的某一天），例如 2026-12-07').optional() })
  .strict();

/** The Beijing calendar day (UTC+8, no DST) containing `now`, as YYYY-MM-DD. */
export function beijingDate(now: Date): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** [from, to) in UTC ISO of a Beijing calendar day. */
export function beijingDayBounds(date: string): { from: string; to: string } {
  const start = Date.parse(`${date}T00:00:00+08:00`);
  return { from: new Date(start).toISOString(), to: new Date(start + 86_400_000).toISOString() };
}

export interface MyDecisions {
  date: string;
  counts: Record<(typeof DECISION_ACTIONS)[number], number>;
  /** The counts that are not zero, in words ("驳回 3 条"). */
  summary: string[];
  items: { at: string; action: string; what: string; leadId: number; summary: string | null; category: string; leadStatus: string; workOrder: string | null; reason: string | null; into: number | null }[];
  truncated: boolean;
}

/** "我的处理记录": what this person decided on one Beijing day (default today), newest first. */
export function myDecisions(db: Db, actor: Actor, date: string | undefined, now = new Date()): MyDecisions {
  const day = date ?? beijingDate(now);
  const { from, to } = beijingDayBounds(day);
  const rows = decisionsBy(db, actorRef(actor), from, to, DECISION_ACTIONS, LIMIT + 1);
  const counts = Object.fromEntries(DECISION_ACTIONS.map((a) => [a, 0])) as MyDecisions['counts'];
  const items = rows.slice(0, LIMIT).map((r) => {
    const after = (r.after ? JSON.parse(r.after) : {}) as { reason_label?: string; into?: number };
    counts[r.action as keyof MyDecisions['counts']] += 1;
    return {
      at: r.at, action: r.action, what: actionName(r.action), leadId: r.lead_id, summary: r.summary, category: r.category, leadStatus: r.status,
      workOrder: r.action === 'confirm' ? r.work_order : null, reason: after.reason_label ?? null, into: after.into ?? null,
    };
  });
  const summary = DECISION_ACTIONS.filter((a) => counts[a] > 0).map((a) => `${actionName(a)} ${counts[a]} 条`);
  return { date: day, counts, summary, items, truncated: rows.length > LIMIT };
}
