import type { Db } from './database.js';
import { inTransaction, nowIso } from './database.js';
import { stmt } from './statements.js';

/** A post as a crawler hands it over (already cleaned; `raw` is the platform's payload, stored as-is). */
export interface NewPost {
  platform: string;
  platformPostId: string;
  url?: string | null;
  author?: string | null;
  authorId?: string | null;
  title?: string | null;
  text: string;
  publishedAt?: string | null;
  ipLocation?: string | null;
  likes?: number | null;
  comments?: number | null;
  shares?: number | null;
  views?: number | null;
  raw: string;
}

export interface PostRow {
  id: number;
  platform: string;
  platform_post_id: string;
  url: string | null;
  author: string | null;
  author_id: string | null;
  title: string | null;
  text: string;
  published_at: string | null;
  ip_location: string | null;
  likes: number | null;
  comments: number | null;
  shares: number | null;
  views: number | null;
  raw: string;
  first_seen_at: string;
  last_seen_at: string;
  processed_at: string | null;
}

export interface StoreResult {
  /** Row ids of posts stored for the first time, in input order. */
  newIds: number[];
  /** Posts already known: engagement and last_seen_at refreshed. */
  seen: number;
}

/**
 * Stores a batch in one transaction: a post is inserted once per (platform, platform_post_id);
 * a post seen again only refreshes engagement and last_seen_at (posts are never edited otherwise).
 */
export function storePosts(db: Db, posts: readonly NewPost[], now: string = nowIso()): StoreResult {
  const insert = stmt(
    db,
    `INSERT INTO posts (platform, platform_post_id, url, author, author_id, title, text, published_at, ip_location,
       likes, comments, shares, views, raw, first_seen_at, last_seen_at)
     VALUES (@platform, @platformPostId, @url, @author, @authorId, @title, @text, @publishedAt, @ipLocation,
       @likes, @comments, @shares, @views, @raw, @now, @now)
     ON CONFLICT (platform, platform_post_id) DO NOTHING RETURNING id`,
  );
  const refresh = stmt(
    db,
    `UPDATE posts SET last_seen_at = @now, likes = coalesce(@likes, likes), comments = coalesce(@comments, comments),
       shares = coalesce(@shares, shares), views = coalesce(@views, views)
     WHERE platform = @platform AND platform_post_id = @platformPostId`,
  );
  return inTransaction(db, () => {
    const result: StoreResult = { newIds: [], seen: 0 };
    for (const p of posts) {
      const params = {
        url: null, author: null, authorId: null, title: null, publishedAt: null, ipLocation: null,
        likes: null, comments: null, shares: null, views: null, ...p, now,
      };
      const row = insert.get(params) as { id: number } | undefined;
      if (row) result.newIds.push(row.id);
      else {
        refresh.run(params);
        result.seen++;
      }
    }
    return result;
  });
}

/**
 * Which of these platform post ids are already stored (incremental crawling: do not fetch them again).
 * One query for the whole list (a page's ids), each id an index seek on (platform, platform_post_id).
 */
export function knownPostIds(db: Db, platform: string, platformPostIds: readonly string[]): Set<string> {
  if (platformPostIds.length === 0) return new Set();
  const rows = stmt(db, 'SELECT platform_post_id FROM posts WHERE platform = ? AND platform_post_id IN (SELECT value FROM json_each(?))')
    .pluck()
    .all(platform, JSON.stringify(platformPostIds)) as string[];
  return new Set(rows);
}

export function getPost(db: Db, id: number): PostRow | undefined {
  return stmt(db, 'SELECT * FROM posts WHERE id = ?').get(id) as PostRow | undefined;
}

/** The newest `limit` stored posts (by id: the order they were stored), what a rule edit is tried on. */
export function latestPosts(db: Db, limit: number): Pick<PostRow, 'id' | 'title' | 'text' | 'ip_location'>[] {
  return stmt(db, 'SELECT id, title, text, ip_location FROM posts ORDER BY id DESC LIMIT ?').all(limit) as Pick<PostRow, 'id' | 'title' | 'text' | 'ip_location'>[];
}

export function getPostsByIds(db: Db, ids: readonly number[]): PostRow[] {
  const byId = stmt(db, 'SELECT * FROM posts WHERE id = ?');
  return ids.map((id) => byId.get(id) as PostRow | undefined).filter((p): p is PostRow => p !== undefined);
}

/** A post as pipeline steps see it: everything but the platform's raw payload (the largest column, which no step reads). */
export type PostForSteps = Omit<PostRow, 'raw'>;

/** Posts the pipeline has not processed yet, oldest first (restart-safe: processed_at is set in the same transaction as the step's writes). */
export function unprocessedPosts(db: Db, limit: number): PostForSteps[] {
  return stmt(
    db,
    `SELECT id, platform, platform_post_id, url, author, author_id, title, text, published_at, ip_location,
       likes, comments, shares, views, first_seen_at, last_seen_at, processed_at
     FROM posts WHERE processed_at IS NULL ORDER BY id LIMIT ?`,
  ).all(limit) as PostForSteps[];
}

export function markProcessed(db: Db, ids: readonly number[], now: string = nowIso()): void {
  stmt(db, 'UPDATE posts SET processed_at = ? WHERE id IN (SELECT value FROM json_each(?))').run(now, JSON.stringify(ids));
}

/** The post key of the labelling guide's JSON Lines format: "weibo:4951234567890123". */
export function postKey(post: Pick<PostRow, 'platform' | 'platform_post_id'>): string {
  return `${post.platform}:${post.platform_post_id}`;
}

/** Whether any post is stored (a seek, not a count). */
export function hasPosts(db: Db): boolean {
  return stmt(db, 'SELECT EXISTS (SELECT 1 FROM posts)').pluck().get() === 1;
}
