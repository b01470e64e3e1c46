import type { Config } from '../config/schema.js';
import { CivicRadarError } from '../errors.js';
import { inTransaction, type Db } from '../storage/database.js';
import { attemptsSince, forgetAddresses, insertAttempt, pruneAttempts } from '../storage/citizen-reports.js';
import { rateDecision } from './rate-limit.js';

/** 429: too many reports; `retryAfter` seconds until one may be sent. */
export class RateLimitedError extends CivicRadarError {
  readonly status = 429;
  constructor(message: string, readonly retryAfter: number) {
    super(message);
  }
}

/**
 * Counts a submission from `address` against the limits (per address per hour and per 24 hours,
 * everyone per 24 hours), persisted in SQLite so a restart does not reset them; throws
 * RateLimitedError (with when to try again) instead of counting when one is used up. Old attempts
 * go, and reports older than `citizenAddressDays` forget their sender's address, in the same step.
 */
export function reserveSubmission(db: Db, config: Config, address: string, now: Date): void {
  const ago = (ms: number) => new Date(now.getTime() - ms).toISOString();
  const decision = inTransaction(db, () => {
    pruneAttempts(db, ago(48 * 3_600_000));
    forgetAddresses(db, ago(config.citizenAddressDays * 86_400_000));
    const d = rateDecision(
      { hour: attemptsSince(db, address, ago(3_600_000)), day: attemptsSince(db, address, ago(86_400_000)), global: attemptsSince(db, null, ago(86_400_000)) },
      { perHour: config.citizenReportsPerHour, perDay: config.citizenReportsPerDay, globalPerDay: config.citizenReportsGlobalPerDay },
      now,
    );
    if (d.ok) insertAttempt(db, address, now.toISOString());
    return d;
  });
  if (!decision.ok) throw new RateLimitedError(decision.message, Math.ceil((Date.parse(decision.retryAt) - now.getTime()) / 1000));
}
