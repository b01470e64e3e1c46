import type { Db } from './database.js';
import { nowIso } from './database.js';
import { stmt } from './statements.js';

export type CrawlRunStatus = 'running' | 'ok' | 'partial' | 'failed' | 'interrupted';

export interface CrawlRunRow {
  id: number;
  platform: string;
  trigger: string;
  status: CrawlRunStatus;
  started_at: string;
  ended_at: string | null;
  pages: number;
  new_posts: number;
  seen_posts: number;
  errors: number;
  error_summary: string | null;
}

export interface CrawlRunTotals {
  pages: number;
  newPosts: number;
  seenPosts: number;
  errors: number;
  errorSummary: string | null;
}

export function startCrawlRun(db: Db, platform: string, trigger: string, now: string = nowIso()): number {
  const row = stmt(db, `INSERT INTO crawl_runs (platform, trigger, status, started_at) VALUES (?, ?, 'running', ?) RETURNING id`)
    .get(platform, trigger, now) as { id: number };
  return row.id;
}

/** Progress written as the run goes, so an interrupted run still shows what it did. */
export function updateCrawlRun(db: Db, id: number, totals: Omit<CrawlRunTotals, 'errorSummary'>): void {
  stmt(db, 'UPDATE crawl_runs SET pages = ?, new_posts = ?, seen_posts = ?, errors = ? WHERE id = ?').run(
    totals.pages, totals.newPosts, totals.seenPosts, totals.errors, id,
  );
}

export function finishCrawlRun(db: Db, id: number, status: CrawlRunStatus, totals: CrawlRunTotals, now: string = nowIso()): void {
  stmt(db, 
    'UPDATE crawl_runs SET status = ?, ended_at = ?, pages = ?, new_posts = ?, seen_posts = ?, errors = ?, error_summary = ? WHERE id = ?',
  ).run(status, now, totals.pages, totals.newPosts, totals.seenPosts, totals.errors, totals.errorSummary, id);
}

/** Runs left 'running' by a killed process; returns the platforms they belonged to. */
export function markInterruptedRuns(db: Db, now: string = nowIso()): string[] {
  return stmt(db, `UPDATE crawl_runs SET status = 'interrupted', ended_at = ? WHERE status = 'running' RETURNING platform`)
    .pluck()
    .all(now) as string[];
}

export function recentCrawlRuns(db: Db, platform: string, limit = 5): CrawlRunRow[] {
  return stmt(db, 'SELECT * FROM crawl_runs WHERE platform = ? ORDER BY id DESC LIMIT ?').all(platform, limit) as CrawlRunRow[];
}

export function getCrawlRun(db: Db, id: number): CrawlRunRow | undefined {
  return stmt(db, 'SELECT * FROM crawl_runs WHERE id = ?').get(id) as CrawlRunRow | undefined;
}
