import type { Db } from './database.js';
import { stmt } from './statements.js';

/** Read-only totals for crawl summaries (demo, soak): posts per platform, leads per category. */
export function postsByPlatform(db: Db): { platform: string; posts: number; processed: number }[] {
  return stmt(db, 'SELECT platform, count(*) AS posts, count(processed_at) AS processed FROM posts GROUP BY platform ORDER BY platform')
    .all() as { platform: string; posts: number; processed: number }[];
}

export function leadsByCategory(db: Db): { category: string; urgency: string; leads: number }[] {
  return stmt(db, 'SELECT category, urgency, count(*) AS leads FROM leads GROUP BY category, urgency ORDER BY leads DESC, category')
    .all() as { category: string; urgency: string; leads: number }[];
}

export function crawlTableSizes(db: Db): { posts: number; runs: number; frontier: number } {
  return {
    posts: stmt(db, 'SELECT count(*) FROM posts').pluck().get() as number,
    runs: stmt(db, 'SELECT count(*) FROM crawl_runs').pluck().get() as number,
    frontier: stmt(db, 'SELECT count(*) FROM crawl_frontier').pluck().get() as number,
  };
}
