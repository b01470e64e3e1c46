import type { Db } from './database.js';
import type { LeadRow } from './lead-row.js';
import { stmt } from './statements.js';

export interface QueueFilter {
  status: 'new' | 'confirmed' | 'rejected' | 'merged';
  category?: string;
  district?: string;
  platform?: string;
  from?: string;
  to?: string;
  /** FTS5 query string (quoted phrases, AND-ed), for terms of >= 3 characters. */
  ftsQuery?: string;
  /** LIKE patterns for 1–2 character terms, which the trigram index cannot serve. */
  likePatterns?: string[];
  /** Keyset cursor: rows strictly after this queue_key. */
  after?: string;
  limit: number;
  now: string;
}

export type QueueRow = Pick<LeadRow, 'id' | 'status' | 'category' | 'sub_item' | 'urgency' | 'district' | 'street' | 'place' | 'score' | 'heat' | 'post_count' | 'summary' | 'discovered_at' | 'last_post_at' | 'version' | 'claimed_by' | 'claim_expires_at'> & {
  queue_key: string;
  claimed_by_name: string | null;
  platforms: string | null;
};

/** One page of the queue in queue order (queue_key), seeking by index from the cursor. */
export function queuePage(db: Db, f: QueueFilter): QueueRow[] {
  const where = ['l.status = @status'];
  const params: Record<string, unknown> = { status: f.status, limit: f.limit, now: f.now };
  if (f.category) (where.push('l.category = @category'), (params.category = f.category));
  if (f.district) (where.push('l.district = @district'), (params.district = f.district));
  if (f.from) (where.push('l.discovered_at >= @from'), (params.from = f.from));
  if (f.to) (where.push('l.discovered_at < @to'), (params.to = f.to));
  if (f.after) (where.push('l.queue_key > @after'), (params.after = f.after));
  if (f.platform) {
    where.push('EXISTS (SELECT 1 FROM lead_posts lp JOIN posts p ON p.id = lp.post_id WHERE lp.lead_id = l.id AND p.platform = @platform)');
    params.platform = f.platform;
  }
  if (f.ftsQuery) {
    where.push('l.id IN (SELECT rowid FROM lead_search WHERE lead_search MATCH @fts)');
    params.fts = f.ftsQuery;
  }
  (f.likePatterns ?? []).forEach((pattern, i) => {
    where.push(`EXISTS (SELECT 1 FROM lead_search s WHERE s.rowid = l.id AND s.body LIKE @like${i} ESCAPE '\\')`);
    params[`like${i}`] = pattern;
  });
  // Walk the index whose order is the queue order; equality filters pick the narrower one.
  const index = f.category ? 'leads_review_category' : f.district ? 'leads_review_district' : 'leads_review_queue';
  const sql = `
    SELECT l.id, l.status, l.category, l.sub_item, l.urgency, l.district, l.street, l.place, l.score, l.heat, l.post_count,
      l.summary, l.discovered_at, l.last_post_at, l.version, l.queue_key,
      CASE WHEN l.claim_expires_at > @now THEN l.claimed_by END AS claimed_by,
      CASE WHEN l.claim_expires_at > @now THEN coalesce(u.display_name, u.name) END AS claimed_by_name,
      CASE WHEN l.claim_expires_at > @now THEN l.claim_expires_at END AS claim_expires_at,
      (SELECT group_concat(DISTINCT p.platform) FROM lead_posts lp JOIN posts p ON p.id = lp.post_id WHERE lp.lead_id = l.id) AS platforms
    FROM leads l INDEXED BY ${index} LEFT JOIN users u ON u.id = l.claimed_by
    WHERE ${where.join(' AND ')}
    ORDER BY l.queue_key LIMIT @limit`;
  return stmt(db, sql).all(params) as QueueRow[];
}

/**
 * Trigrams of the full-text index that start with `prefix` (at most `limit`): how a 1–2 character
 * term is searched through the trigram index.
 */
export function trigramsStartingWith(db: Db, prefix: string, limit: number): string[] {
  return stmt(db, 'SELECT term FROM lead_search_terms WHERE term >= ? AND term < ? LIMIT ?').pluck().all(prefix, `${prefix}\uffff`, limit) as string[];
}

/** Counts for the queue header and for change notifications. */
export function queueStats(db: Db): { pending: number; urgent: number; maxLeadId: number; maxLeadChange: number } {
  return stmt(
    db,
      `SELECT (SELECT count(*) FROM leads WHERE status = 'new') AS pending,
        (SELECT count(*) FROM leads WHERE status = 'new' AND urgency = 'urgent') AS urgent,
        (SELECT coalesce(max(id), 0) FROM leads) AS maxLeadId,
        coalesce((SELECT seq FROM change_log WHERE entity = 'lead' ORDER BY seq DESC LIMIT 1), 0) AS maxLeadChange`,
    )
    .get() as { pending: number; urgent: number; maxLeadId: number; maxLeadChange: number };
}

/** Distinct platforms that have posts (for the filter list): a skip-scan of posts_platform, O(platforms · log posts). */
export function knownPlatforms(db: Db): string[] {
  return stmt(
    db,
    `WITH RECURSIVE p(name) AS (
       SELECT min(platform) FROM posts
       UNION ALL SELECT (SELECT min(platform) FROM posts WHERE platform > p.name) FROM p WHERE p.name IS NOT NULL)
     SELECT name FROM p WHERE name IS NOT NULL`,
  )
    .pluck()
    .all() as string[];
}
