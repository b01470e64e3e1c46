import type { CrawlHealthRow, HealthState } from '../storage/crawl-health.js';
import type { CrawlRunStatus } from '../storage/crawl-runs.js';
import type { Block } from './accounts/block-detect.js';
import type { BlockCounts } from './sweep.js';

/** After this many failed runs in a row a platform backs off instead of retrying on every tick. */
export const FAILURES_BEFORE_BACKOFF = 3;
const BACKOFF_BASE_MS = 5 * 60_000;
const BACKOFF_CAP_MS = 6 * 3600_000;

export interface RunOutcome {
  status: CrawlRunStatus;
  error: string | null;
  /** The platform asked for a pause longer than we wait inside a run (Retry-After). */
  retryAfterUntil: string | null;
  /** The wall the run met (runBlock), if any. */
  block?: Block | null;
}

const BLOCK_STATE: Record<Block, HealthState> = { login_required: 'login_required', captcha: 'captcha', empty: 'empty_pages' };

/**
 * The wall a run met, worst first: a login wall or a captcha on any page; empty pages only when
 * the run found nothing at all (a keyword with no results is not a wall).
 */
export function runBlock(blocks: BlockCounts, items: number): Block | null {
  if (blocks.login_required > 0) return 'login_required';
  if (blocks.captcha > 0) return 'captcha';
  return items === 0 && blocks.empty > 0 ? 'empty' : null;
}

type Health = Omit<CrawlHealthRow, 'updated_at'>;

export function initialHealth(platform: string, file: string | null): Health {
  return { platform, state: 'ok', definition_file: file, last_run_at: null, last_success_at: null, consecutive_failures: 0, next_attempt_at: null, last_error: null };
}

/**
 * The health after a run: ok resets; failures count up, then back off exponentially (5 min … 6 h).
 * A wall counts as a failure (backing off too) but its state names the wall; pages that did come
 * still count as a success.
 */
export function healthAfterRun(previous: Health, outcome: RunOutcome, now: Date): Health {
  const at = now.toISOString();
  const succeeded = outcome.status === 'ok' || outcome.status === 'partial';
  if (succeeded && !outcome.block) {
    return { ...previous, state: 'ok', last_run_at: at, last_success_at: at, consecutive_failures: 0, next_attempt_at: null, last_error: outcome.error };
  }
  const failures = previous.consecutive_failures + 1;
  let next: number | null = null;
  if (failures >= FAILURES_BEFORE_BACKOFF) next = now.getTime() + Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** (failures - FAILURES_BEFORE_BACKOFF));
  if (outcome.retryAfterUntil) next = Math.max(next ?? 0, Date.parse(outcome.retryAfterUntil));
  const state: HealthState = outcome.block ? BLOCK_STATE[outcome.block] : next !== null ? 'backing_off' : 'failing';
  return {
    ...previous,
    state,
    last_run_at: at,
    last_success_at: succeeded ? at : previous.last_success_at,
    consecutive_failures: failures,
    next_attempt_at: next !== null ? new Date(next).toISOString() : null,
    last_error: outcome.error,
  };
}

/** May a scheduled run start now? (Runs from the CLI always may.) */
export function mayRun(health: Pick<Health, 'state' | 'next_attempt_at'> | undefined, now: Date): boolean {
  if (!health) return true;
  if (health.state === 'disabled' || health.state === 'invalid') return false;
  return !health.next_attempt_at || Date.parse(health.next_attempt_at) <= now.getTime();
}
