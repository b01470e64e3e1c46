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
  pid: number | null;
  heartbeat_at: string | null;
  /** JSON array of the run's warnings ({kind, field, message}), null before it ends. */
  warnings: string | null;
}

export interface CrawlRunTotals {
  pages: number;
  newPosts: number;
  seenPosts: number;
  errors: number;
  errorSummary: string | null;
}

/** A run whose process has not written a heartbeat for this long is dead, whatever its pid says (pids are reused). */
export const HEARTBEAT_STALE_MS = 2 * 60_000;

export function startCrawlRun(db: Db, platform: string, trigger: string, now: string = nowIso(), pid: number = process.pid): number {
  const row = stmt(db, `INSERT INTO crawl_runs (platform, trigger, status, started_at, pid, heartbeat_at) VALUES (?, ?, 'running', ?, ?, ?) RETURNING id`)
    .get(platform, trigger, now, pid, now) as { id: number };
  return row.id;
}

/** Progress written as the run goes (with its errors so far), so a running or interrupted run shows what it did. */
export function updateCrawlRun(db: Db, id: number, totals: CrawlRunTotals, now: string = nowIso()): void {
  stmt(db, 'UPDATE crawl_runs SET pages = ?, new_posts = ?, seen_posts = ?, errors = ?, error_summary = ?, heartbeat_at = ? WHERE id = ?').run(
    totals.pages, totals.newPosts, totals.seenPosts, totals.errors, totals.errorSummary, now, id,
  );
}

/** The running process is alive: written every few seconds, even when a run has nothing new to say. */
export function heartbeatCrawlRun(db: Db, id: number, now: string = nowIso()): void {
  stmt(db, `UPDATE crawl_runs SET heartbeat_at = ? WHERE id = ? AND status = 'running'`).run(now, id);
}

export function finishCrawlRun(db: Db, id: number, status: CrawlRunStatus, totals: CrawlRunTotals & { warnings?: unknown[] }, now: string = nowIso()): void {
  stmt(db,
    'UPDATE crawl_runs SET status = ?, ended_at = ?, heartbeat_at = ?, pages = ?, new_posts = ?, seen_posts = ?, errors = ?, error_summary = ?, warnings = ? WHERE id = ?',
  ).run(status, now, now, totals.pages, totals.newPosts, totals.seenPosts, totals.errors, totals.errorSummary, totals.warnings?.length ? JSON.stringify(totals.warnings) : null, id);
}

/**
 * Runs left 'running' by a process that is gone (killed, crashed): marked interrupted. A run of a
 * live process (another CLI run, the service) is left alone: its pid answers and its heartbeat is
 * fresh. Returns the platforms of the runs marked.
 */
export function markInterruptedRuns(db: Db, alive: (pid: number) => boolean, now: Date = new Date()): string[] {
  const running = stmt(db, `SELECT id, platform, pid, heartbeat_at FROM crawl_runs WHERE status = 'running'`).all() as Pick<CrawlRunRow, 'id' | 'platform' | 'pid' | 'heartbeat_at'>[];
  const stale = now.getTime() - HEARTBEAT_STALE_MS;
  const dead = running.filter((r) => r.pid === null || !alive(r.pid) || !r.heartbeat_at || Date.parse(r.heartbeat_at) < stale);
  const mark = stmt(db, `UPDATE crawl_runs SET status = 'interrupted', ended_at = ? WHERE id = ? AND status = 'running'`);
  for (const r of dead) mark.run(now.toISOString(), r.id);
  return dead.map((r) => r.platform);
}

export function recentCrawlRuns(db: Db, platform: string, limit = 5): CrawlRunRow[] {
  return stmt(db, 'SELECT * FROM crawl_runs WHERE platform = ? ORDER BY id DESC LIMIT ?').all(platform, limit) as CrawlRunRow[];
}

export function getCrawlRun(db: Db, id: number): CrawlRunRow | undefined {
  return stmt(db, 'SELECT * FROM crawl_runs WHERE id = ?').get(id) as CrawlRunRow | undefined;
}
