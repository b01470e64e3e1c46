import type { Db } from './database.js';
import { nowIso } from './database.js';
import { stmt } from './statements.js';

/** login_required / captcha / empty_pages: the platform answered with a wall (crawl/accounts/block-detect.ts). */
export type HealthState = 'ok' | 'failing' | 'backing_off' | 'disabled' | 'invalid' | 'login_required' | 'captcha' | 'empty_pages';

export interface CrawlHealthRow {
  platform: string;
  state: HealthState;
  definition_file: string | null;
  last_run_at: string | null;
  last_success_at: string | null;
  consecutive_failures: number;
  next_attempt_at: string | null;
  last_error: string | null;
  updated_at: string;
}

export function getCrawlHealth(db: Db, platform: string): CrawlHealthRow | undefined {
  return stmt(db, 'SELECT * FROM crawl_health WHERE platform = ?').get(platform) as CrawlHealthRow | undefined;
}

export function allCrawlHealth(db: Db): CrawlHealthRow[] {
  return stmt(db, 'SELECT * FROM crawl_health ORDER BY platform').all() as CrawlHealthRow[];
}

/** Writes the whole health row (the health module computes it; this only stores it). */
export function saveCrawlHealth(db: Db, row: Omit<CrawlHealthRow, 'updated_at'>, now: string = nowIso()): void {
  stmt(db, 
    `INSERT INTO crawl_health (platform, state, definition_file, last_run_at, last_success_at, consecutive_failures, next_attempt_at, last_error, updated_at)
     VALUES (@platform, @state, @definition_file, @last_run_at, @last_success_at, @consecutive_failures, @next_attempt_at, @last_error, @now)
     ON CONFLICT (platform) DO UPDATE SET state = excluded.state, definition_file = excluded.definition_file,
       last_run_at = excluded.last_run_at, last_success_at = excluded.last_success_at,
       consecutive_failures = excluded.consecutive_failures, next_attempt_at = excluded.next_attempt_at,
       last_error = excluded.last_error, updated_at = excluded.updated_at`,
  ).run({ ...row, now });
}
