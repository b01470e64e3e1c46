import type { Db } from './database.js';
import type { LeadRow } from './lead-row.js';
import { stmt } from './statements.js';

/**
 * The orders a verifier can read the queue in: each is one indexed key column, unique per lead
 * (it ends in the id), so a keyset cursor is a single comparison at any depth.
 * `urgency`: urgent first, then score and heat (high first), then discovery (old first).
 * The others: hottest, most recently posted (posts with no time by discovery), newest found.
 */
export const QUEUE_SORTS = {
  urgency: { column: 'queue_key', descending: false },
  heat: { column: 'heat_key', descending: true },
  posted: { column: 'posted_key', descending: true },
  discovered: { column: 'discovered_key', descending: true },
} as const;
export type QueueSort = keyof typeof QUEUE_SORTS;

export interface QueueFilter {
  status: 'new' | 'confirmed' | 'rejected' | 'merged';
  /** Default `urgency`. */
  sort?: QueueSort;
  urgency?: 'urgent' | 'normal';
  category?: string;
  district?: string;
  platform?: string;
  /** 已诉 (a live linked 12345 ticket received before the lead) or 未诉. */
  hotline?: 'reported' | 'unreported';
  from?: string;
  to?: string;
  /**
   * Keyword terms as LIKE patterns on the lead's search text, all required: THE definition of a
   * keyword match (ASCII case-insensitive substring), whichever plan finds the rows.
   */
  likePatterns?: string[];
  /**
   * FTS5 query whose matches include every row the patterns accept. Present = the match-list
   * plan: take the (small) match list, test it and sort it. Absent = walk the queue in order.
   */
  ftsQuery?: string;
  /** Keyset cursor: rows strictly after this sort key. */
  after?: string;
  /** Walk no further than this sort key (inclusive). */
  upTo?: string;
  limit: number;
  now: string;
}

export type QueueRow = Pick<LeadRow, 'id' | 'status' | 'category' | 'sub_item' | 'urgency' | 'district' | 'street' | 'place' | 'score' | 'heat' | 'post_count' | 'summary' | 'discovered_at' | 'last_post_at' | 'version' | 'claimed_by' | 'claim_expires_at'> & {
  posted_at: string | null;
  /** The row's key in the page's order (the cursor of the next page). */
  sort_key: string;
  claimed_by_name: string | null;
  platforms: string | null;
};

const sortOf = (f: Pick<QueueFilter, 'sort'>) => QUEUE_SORTS[f.sort ?? 'urgency'];

/**
 * The index whose order is the page's order: for urgency-first, narrowed by the equality filters
 * present; the other orders have one index each (filters are tested per row).
 */
function queueIndex(f: Pick<QueueFilter, 'sort' | 'category' | 'district'>): string {
  if (f.sort && f.sort !== 'urgency') return `leads_sort_${f.sort}`;
  if (f.category && f.district) return 'leads_review_category_district';
  return f.category ? 'leads_review_category' : f.district ? 'leads_review_district' : 'leads_review_queue';
}

/** WHERE terms and parameters of the filters on the lead itself (not the keywords). */
function leadFilters(f: QueueFilter): { where: string[]; params: Record<string, unknown> } {
  const where = ['l.status = @status'];
  const params: Record<string, unknown> = { status: f.status };
  if (f.category) (where.push('l.category = @category'), (params.category = f.category));
  if (f.district) (where.push('l.district = @district'), (params.district = f.district));
  if (f.from) (where.push('l.discovered_at >= @from'), (params.from = f.from));
  if (f.to) (where.push('l.discovered_at < @to'), (params.to = f.to));
  const { column, descending } = sortOf(f);
  if (f.urgency) {
    where.push('l.urgency = @urgency');
    params.urgency = f.urgency;
    // queue_key starts with 0 (urgent) or 1: a range the index can seek.
    if (column === 'queue_key') where.push(f.urgency === 'urgent' ? "l.queue_key < '1'" : "l.queue_key >= '1'");
  }
  if (f.after) (where.push(`l.${column} ${descending ? '<' : '>'} @after`), (params.after = f.after));
  if (f.upTo) (where.push(`l.${column} ${descending ? '>=' : '<='} @upTo`), (params.upTo = f.upTo));
  if (f.platform) {
    // lead_posts_lead (lead_id, post_id) then the post by primary key: a seek per row, never a scan.
    where.push('EXISTS (SELECT 1 FROM lead_posts lp JOIN posts p ON p.id = lp.post_id WHERE lp.lead_id = l.id AND p.platform = @platform)');
    params.platform = f.platform;
  }
  if (f.hotline) {
    // ticket_links (lead_id, ticket_id) unique: a seek per row.
    where.push(`${f.hotline === 'reported' ? '' : 'NOT '}EXISTS (SELECT 1 FROM ticket_links k WHERE k.lead_id = l.id AND k.state <> 'undone' AND k.relation = 'ticket_before')`);
  }
  return { where, params };
}

const columns = (sortColumn: string) => `l.id, l.status, l.category, l.sub_item, l.urgency, l.district, l.street, l.place, l.score, l.heat, l.post_count,
      l.summary, l.discovered_at, l.last_post_at, l.posted_at, l.version, l.${sortColumn} AS sort_key,
      CASE WHEN l.claim_expires_at > @now THEN l.claimed_by END AS claimed_by,
      CASE WHEN l.claim_expires_at > @now THEN coalesce(u.display_name, u.name) END AS claimed_by_name,
      CASE WHEN l.claim_expires_at > @now THEN l.claim_expires_at END AS claim_expires_at,
      (SELECT group_concat(DISTINCT p.platform) FROM lead_posts lp JOIN posts p ON p.id = lp.post_id WHERE lp.lead_id = l.id) AS platforms`;

/** The SQL of one page (exported so tests can check its query plan). */
export function queuePageSql(f: QueueFilter): { sql: string; params: Record<string, unknown> } {
  const { where, params } = leadFilters(f);
  const { column, descending } = sortOf(f);
  const order = `l.${column}${descending ? ' DESC' : ''}`;
  Object.assign(params, { limit: f.limit, now: f.now });
  const likes = (f.likePatterns ?? []).map((pattern, i) => ((params[`like${i}`] = pattern), `body LIKE @like${i} ESCAPE '\\'`));
  // A keyword is tested on the row's search text in lead_text, a plain table looked up by primary
  // key (through the full-text table's rowid lookup it cost ~1.6x; through a MATCH cursor ~5x).
  if (likes.length) where.push(`(SELECT ${likes.join(' AND ')} FROM lead_text WHERE lead_id = l.id)`);
  if (f.ftsQuery !== undefined) {
    // Match-list plan: the FTS rowids (few: leads containing the terms' rarest trigrams), each lead
    // by primary key, its text tested, the survivors' keys sorted; only the page's rows then get
    // their columns (a sort computes every column of every row).
    params.fts = f.ftsQuery;
    return {
      params,
      sql: `SELECT ${columns(column)}
    FROM (SELECT l.id FROM lead_search s CROSS JOIN leads l
          WHERE s.lead_search MATCH @fts AND l.id = s.rowid AND ${where.join(' AND ')}
          ORDER BY ${order} LIMIT @limit) m
      CROSS JOIN leads l LEFT JOIN users u ON u.id = l.claimed_by
    WHERE l.id = m.id
    ORDER BY ${order}`,
    };
  }
  // Walk plan: the index in the page's order from the cursor, stopping at `limit` rows that pass.
  return {
    params,
    sql: `SELECT ${columns(column)}
    FROM leads l INDEXED BY ${queueIndex(f)} LEFT JOIN users u ON u.id = l.claimed_by
    WHERE ${where.join(' AND ')}
    ORDER BY ${order} LIMIT @limit`,
  };
}

/** One page of the queue in the filter's order. */
export function queuePage(db: Db, f: QueueFilter): QueueRow[] {
  const { sql, params } = queuePageSql(f);
  return stmt(db, sql).all(params) as QueueRow[];
}

/**
 * The sort key `offset` entries past the cursor in the order's index for these equality filters
 * (a covering index scan), or null when the queue ends first: how far a bounded walk may go.
 */
export function queueKeyAhead(db: Db, f: Pick<QueueFilter, 'status' | 'sort' | 'category' | 'district' | 'after'>, offset: number): string | null {
  const { column, descending } = sortOf(f);
  const byQueueKey = column === 'queue_key';
  const where = ['status = @status'];
  if (f.category && byQueueKey) where.push('category = @category');
  if (f.district && byQueueKey) where.push('district = @district');
  if (f.after) where.push(`${column} ${descending ? '<' : '>'} @after`);
  const sql = `SELECT ${column} FROM leads INDEXED BY ${queueIndex(f)} WHERE ${where.join(' AND ')} ORDER BY ${column}${descending ? ' DESC' : ''} LIMIT 1 OFFSET @offset`;
  const params = { status: f.status, category: byQueueKey ? f.category : undefined, district: byQueueKey ? f.district : undefined, after: f.after, offset };
  for (const k of Object.keys(params) as (keyof typeof params)[]) if (params[k] === undefined) delete params[k];
  return (stmt(db, sql).pluck().get(params) as string | undefined) ?? null;
}

/**
 * Trigrams of the full-text index that start with `prefix` (at most `limit`), with how many leads
 * contain each: how a 1–2 character term is searched through the trigram index.
 */
export function trigramsStartingWith(db: Db, prefix: string, limit: number): { term: string; docs: number }[] {
  return stmt(db, 'SELECT term, doc AS docs FROM lead_search_terms WHERE term >= ? AND term < ? LIMIT ?').all(prefix, `${prefix}\uffff`, limit) as { term: string; docs: number }[];
}

/** How many leads contain this trigram (0 when none): the selectivity of a keyword. */
export function trigramDocs(db: Db, trigram: string): number {
  return (stmt(db, 'SELECT doc FROM lead_search_terms WHERE term = ?').pluck().get(trigram) as number | undefined) ?? 0;
}

/** Upper bound of the number of leads (max id: a seek, where count(*) would scan). */
export function leadIdBound(db: Db): number {
  return (stmt(db, 'SELECT coalesce(max(id), 0) FROM leads').pluck().get() as number) ?? 0;
}

/**
 * The newest lead id and the newest lead change: two seeks that name the state of the leads (every
 * change to a lead appends to change_log), for caches of figures over them.
 */
export function leadStateMarker(db: Db): string {
  const row = stmt(
    db,
    `SELECT (SELECT coalesce(max(id), 0) FROM leads) AS id,
       coalesce((SELECT seq FROM change_log WHERE entity = 'lead' ORDER BY seq DESC LIMIT 1), 0) AS seq`,
  ).get() as { id: number; seq: number };
  return `${row.id}:${row.seq}`;
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

export interface QueueCounts {
  total: number;
  byUrgency: { urgency: string; count: number }[];
  byCategory: { category: string; count: number }[];
  /** `district` null: not located yet. */
  byDistrict: { district: string | null; count: number }[];
}

/** How many leads of one status per urgency, category and district (covering index scans). */
export function queueCounts(db: Db, status: QueueFilter['status']): QueueCounts {
  const group = (column: string, index: string) =>
    stmt(db, `SELECT ${column}, count(*) AS count FROM leads INDEXED BY ${index} WHERE status = ? GROUP BY ${column} ORDER BY count DESC, ${column}`).all(status);
  const byUrgency = group('urgency', 'leads_queue') as QueueCounts['byUrgency'];
  return {
    total: byUrgency.reduce((n, r) => n + r.count, 0),
    byUrgency,
    byCategory: group('category', 'leads_category') as QueueCounts['byCategory'],
    byDistrict: group('district', 'leads_district') as QueueCounts['byDistrict'],
  };
}
