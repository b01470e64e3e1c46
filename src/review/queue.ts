import { z } from 'zod';
import { CATEGORIES, URGENCIES } from '../domain/categories.js';
import { LEAD_STATUSES } from '../domain/lead-status.js';
import { ValidationError } from '../errors.js';
import type { Db } from '../storage/database.js';
import { queuePage, type QueueRow } from '../storage/lead-queue.js';

export const queueQuery = z
  .object({
    status: z.enum(LEAD_STATUSES).default('new'),
    category: z.string().min(1).max(40).optional(),
    district: z.string().min(1).max(40).optional(),
    platform: z.string().min(1).max(40).optional(),
    from: z.iso.datetime({ offset: true }).optional(),
    to: z.iso.datetime({ offset: true }).optional(),
    q: z.string().trim().max(100).optional(),
    after: z.string().max(200).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();
export type QueueQuery = z.infer<typeof queueQuery>;

/**
 * Splits a keyword query into an FTS5 trigram query (terms of >= 3 characters, each a quoted
 * phrase, AND-ed) and LIKE patterns for 1–2 character terms (trigram cannot index those; common
 * Chinese words like 噪音 or 漏水 are two characters, so they must still work).
 */
export function parseKeywords(q: string | undefined): { ftsQuery?: string; likePatterns: string[] } {
  const terms = (q ?? '').split(/[\s\u3000]+/u).filter(Boolean).slice(0, 8);
  const long = terms.filter((t) => [...t].length >= 3);
  const short = terms.filter((t) => [...t].length < 3);
  return {
    ftsQuery: long.length ? long.map((t) => `"${t.replace(/"/g, '""')}"`).join(' AND ') : undefined,
    likePatterns: short.map((t) => `%${t.replace(/[\\%_]/g, (c) => `\\${c}`)}%`),
  };
}

/** Opaque cursor = base64url of the last row's queue_key. */
export function encodeCursor(key: string): string {
  return Buffer.from(key, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): string {
  const key = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!/^[01][\d.]{40}\d{4}-/.test(key)) throw new ValidationError('invalid cursor; use the nextCursor value of the previous page', 'query.after');
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
  discoveredAt: string;
  lastPostAt: string;
  version: number;
  claim: { userId: number; name: string | null; until: string } | null;
}

function toItem(r: QueueRow, names: Record<string, string>): QueueItem {
  return {
    id: r.id, status: r.status, category: r.category, categoryName: names[r.category] ?? r.category, subItem: r.sub_item, urgency: r.urgency,
    district: r.district, street: r.street, place: r.place, score: r.score, heat: r.heat, postCount: r.post_count, summary: r.summary,
    platforms: r.platforms ? r.platforms.split(',') : [], discoveredAt: r.discovered_at, lastPostAt: r.last_post_at, version: r.version,
    claim: r.claimed_by !== null && r.claim_expires_at ? { userId: r.claimed_by, name: r.claimed_by_name, until: r.claim_expires_at } : null,
  };
}

export function listQueue(db: Db, query: QueueQuery, categoryNames: Record<string, string> = CATEGORIES, now = new Date()) {
  const { ftsQuery, likePatterns } = parseKeywords(query.q);
  const rows = queuePage(db, {
    status: query.status, category: query.category, district: query.district, platform: query.platform, from: query.from, to: query.to,
    ftsQuery, likePatterns, after: query.after ? decodeCursor(query.after) : undefined, limit: query.limit + 1, now: now.toISOString(),
  });
  const more = rows.length > query.limit;
  const page = more ? rows.slice(0, query.limit) : rows;
  return { items: page.map((r) => toItem(r, categoryNames)), nextCursor: more ? encodeCursor(page[page.length - 1]!.queue_key) : null };
}
