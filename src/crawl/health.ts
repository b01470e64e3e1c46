import type { CrawlHealthRow, HealthState } from '../storage/crawl-health.js';
import type { CrawlRunStatus } from '../storage/crawl-runs.js';

/** After this many failed runs in a row a platform backs off instead of retrying on every tick. */
export const FAILURES_BEFORE_BACKOFF = 3;
const BACKOFF_BASE_MS = 5 * 60_000;
const BACKOFF_CAP_MS = 6 * 3600_000;

export interface RunOutcome {
  status: CrawlRunStatus;
  error: string | null;
  /** The platform asked for a pause longer than we wait inside a run (Retry-After). */
  retryAfterUntil: string | null;
}

type Health = Omit<CrawlHealthRow, 'updated_at'>;

export function initialHealth(platform: string, file: string | null): Health {
  return { platform, state: 'ok', definition_file: file, last_run_at: null, last_success_at: null, consecutive_failures: 0, next_attempt_at: null, last_error: null };
}

/** The health after a run: ok resets; failures count up, then back off exponentially (5 min … 6 h). */
export function healthAfterRun(previous: Health, outcome: RunOutcome, now: Date): Health {
  const at = now.toISOString();
  if (outcome.status === 'ok' || outcome.status === 'partial') {
    return { ...previous, state: 'ok', last_run_at: at, last_success_at: at, consecutive_failures: 0, next_attempt_at: null, last_error: outcome.error };
  }
  const failures = previous.consecutive_failures + 1;
  let next: number | null = null;
  if (failures >= FAILURES_BEFORE_BACKOFF) next = now.getTime() + Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** (failures - FAILURES_BEFORE_BACKOFF));
  if (outcome.retryAfterUntil) next = Math.max(next ?? 0, Date.parse(outcome.retryAfterUntil));
  const state: HealthState = next !== null ? 'backing_off' : 'failing';
  return {
    ...previous,
    state,
    last_run_at: at,
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
