import { z } from 'zod';
import { CATEGORIES, URGENCIES } from '../domain/categories.js';
import { LEAD_STATUSES } from '../domain/lead-status.js';
import { ValidationError } from '../errors.js';
import type { Db } from '../storage/database.js';
import { queuePage, trigramsStartingWith, type QueueRow } from '../storage/lead-queue.js';

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

const phrase = (t: string) => `"${t.replace(/"/g, '""')}"`;
/** Above this many trigrams a short term is so common that walking the queue finds matches at once. */
const MAX_EXPANSION = 300;

/**
 * Turns keywords into an FTS5 trigram query plus LIKE patterns. Terms of >= 3 characters are
 * phrases. Trigram cannot match 1–2 characters directly, yet common Chinese words (噪音, 漏水)
 * are two characters: such a term becomes the OR of the index's trigrams that start with it (every
 * indexed text ends with a space, so each occurrence starts one); a very common one (more than
 * MAX_EXPANSION trigrams) becomes a LIKE filter instead, which the queue walk satisfies quickly.
 * `expand` looks up the trigrams; `null` means no term can match.
 */
export function parseKeywords(q: string | undefined, expand: (prefix: string, limit: number) => string[] = () => []): { ftsQuery?: string; likePatterns: string[] } | null {
  const terms = (q ?? '').split(/[\s\u3000]+/u).filter(Boolean).slice(0, 8);
  const groups: string[] = [];
  const likePatterns: string[] = [];
  for (const t of terms) {
    if ([...t].length >= 3) {
      groups.push(phrase(t));
      continue;
    }
    const trigrams = expand(t.toLowerCase(), MAX_EXPANSION + 1);
    if (trigrams.length === 0) return null;
    if (trigrams.length > MAX_EXPANSION) likePatterns.push(`%${t.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    else groups.push(`(${trigrams.map(phrase).join(' OR ')})`);
  }
  return { ftsQuery: groups.length ? groups.join(' AND ') : undefined, likePatterns };
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
  const keywords = parseKeywords(query.q, (prefix, limit) => trigramsStartingWith(db, prefix, limit));
  if (!keywords) return { items: [], nextCursor: null };
  const { ftsQuery, likePatterns } = keywords;
  const rows = queuePage(db, {
    status: query.status, category: query.category, district: query.district, platform: query.platform, from: query.from, to: query.to,
    ftsQuery, likePatterns, after: query.after ? decodeCursor(query.after) : undefined, limit: query.limit + 1, now: now.toISOString(),
  });
  const more = rows.length > query.limit;
  const page = more ? rows.slice(0, query.limit) : rows;
  return { items: page.map((r) => toItem(r, categoryNames)), nextCursor: more ? encodeCursor(page[page.length - 1]!.queue_key) : null };
}
