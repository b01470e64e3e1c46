import { z } from 'zod';
import { CATEGORIES, URGENCIES } from '../domain/categories.js';
import { LEAD_STATUSES } from '../domain/lead-status.js';
import { ValidationError } from '../errors.js';
import type { Db } from '../storage/database.js';
import { QUEUE_SORTS, queueKeyAhead, queuePage, type QueueFilter, type QueueRow, type QueueSort } from '../storage/lead-queue.js';
import { chooseKeywordPlan, parseKeywords, type KeywordPlan } from './keyword-plan.js';
import { keywordStats } from './keyword-stats.js';

export const queueQuery = z
  .object({
    status: z.enum(LEAD_STATUSES).default('new'),
    sort: z.enum(Object.keys(QUEUE_SORTS) as [QueueSort, ...QueueSort[]]).default('urgency'),
    urgency: z.enum(URGENCIES).optional(),
    category: z.string().min(1).max(40).optional(),
    district: z.string().min(1).max(40).optional(),
    platform: z.string().min(1).max(40).optional(),
    /** 12345: reported = a linked hotline ticket came before the lead (已诉); unreported = none did (未诉). */
    hotline: z.enum(['reported', 'unreported']).optional(),
    from: z.iso.datetime({ offset: true }).optional(),
    to: z.iso.datetime({ offset: true }).optional(),
    q: z.string().trim().max(100).optional(),
    after: z.string().max(200).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();
export type QueueQuery = z.infer<typeof queueQuery>;

/** What a sort key looks like (see the migration that defines each): a cursor must be one. */
const KEY_SHAPE: Record<QueueSort, RegExp> = {
  urgency: /^[01][\d.]{40}\d{4}-.+\d{12}$/,
  heat: /^[\d.]{20}\d{12}$/,
  posted: /^\d{4}-.+\d{12}$/,
  discovered: /^\d{4}-.+\d{12}$/,
};

/** Opaque cursor = base64url of "sort|last row's sort key": a cursor only continues its own order. */
export function encodeCursor(sort: QueueSort, key: string): string {
  return Buffer.from(`${sort}|${key}`, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string, sort: QueueSort): string {
  const [cursorSort, key = ''] = Buffer.from(cursor, 'base64url').toString('utf8').split('|', 2);
  if (cursorSort !== sort || !KEY_SHAPE[sort].test(key))
    throw new ValidationError('翻页游标无效或属于另一种排序；请使用上一页返回的 nextCursor，或从第一页重新开始', 'query.after');
  return key;
}

export interface QueueItem {
  id: number;
  status: string;
  category: string;
  categoryName: string;
  subItem: string | null;
  urgency: (typeof URGENCIES)[number];
  district: string | null;
  street: string | null;
  place: string | null;
  score: number;
  heat: number;
  postCount: number;
  summary: string | null;
  platforms: string[];
  /** When the earliest of its posts was published (null: no post said). */
  postedAt: string | null;
  discoveredAt: string;
  lastPostAt: string;
  version: number;
  claim: { userId: number; name: string | null; until: string } | null;
}

function toItem(r: QueueRow, names: Record<string, string>): QueueItem {
  return {
    id: r.id, status: r.status, category: r.category, categoryName: names[r.category] ?? r.category, subItem: r.sub_item, urgency: r.urgency,
    district: r.district, street: r.street, place: r.place, score: r.score, heat: r.heat, postCount: r.post_count, summary: r.summary,
    platforms: r.platforms ? r.platforms.split(',') : [], postedAt: r.posted_at, discoveredAt: r.discovered_at, lastPostAt: r.last_post_at, version: r.version,
    claim: r.claimed_by !== null && r.claim_expires_at ? { userId: r.claimed_by, name: r.claimed_by_name, until: r.claim_expires_at } : null,
  };
}

/**
 * A keyword page by the cheaper plan (see keyword-plan.ts). A walk is bounded to a few times the
 * rows it is expected to touch; if the page is not full by then (the term was rarer than its
 * trigrams said), the match list serves the rest of the page from where the walk stopped.
 * `force` (tests) picks the plan and the walk's budget.
 */
export function keywordPage(db: Db, f: QueueFilter, kw: KeywordPlan, total: number, force?: { walk: boolean; budget?: number }): QueueRow[] {
  const base: QueueFilter = { ...f, likePatterns: kw.likePatterns };
  const chosen = chooseKeywordPlan(kw, f.limit, total);
  const walk = force?.walk ?? chosen.walk;
  if (!walk) return queuePage(db, { ...base, ftsQuery: kw.ftsQuery });
  if (kw.ftsQuery === undefined) return queuePage(db, base); // only very common short terms: nothing narrower exists
  const budget = force?.budget ?? Math.min(2 ** 31, Math.max(WALK_MIN_BUDGET, Math.ceil(WALK_BUDGET_FACTOR * chosen.expectedRows)));
  const upTo = queueKeyAhead(db, f, budget - 1);
  const walked = queuePage(db, { ...base, upTo: upTo ?? undefined });
  if (walked.length >= f.limit || upTo === null) return walked;
  return walked.concat(queuePage(db, { ...base, ftsQuery: kw.ftsQuery, after: upTo, limit: f.limit - walked.length }));
}
const WALK_MIN_BUDGET = 1000;
const WALK_BUDGET_FACTOR = 4;

export function listQueue(db: Db, query: QueueQuery, categoryNames: Record<string, string> = CATEGORIES, now = new Date()) {
  const filter: QueueFilter = {
    status: query.status, sort: query.sort, urgency: query.urgency, category: query.category, district: query.district, platform: query.platform, hotline: query.hotline, from: query.from, to: query.to,
    after: query.after ? decodeCursor(query.after, query.sort) : undefined, limit: query.limit + 1, now: now.toISOString(),
  };
  let rows: QueueRow[];
  if (query.q) {
    const stats = keywordStats(db);
    const kw = parseKeywords(query.q, stats, stats.total);
    if (!kw) return { items: [], nextCursor: null };
    rows = kw.likePatterns.length ? keywordPage(db, filter, kw, stats.total) : queuePage(db, filter);
  } else rows = queuePage(db, filter);
  const more = rows.length > query.limit;
  const page = more ? rows.slice(0, query.limit) : rows;
  return { items: page.map((r) => toItem(r, categoryNames)), nextCursor: more ? encodeCursor(query.sort, page[page.length - 1]!.sort_key) : null };
}
