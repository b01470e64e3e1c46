import type { Config } from '../config/schema.js';
import type { Db } from '../storage/database.js';
import { pruneLoginAttempts } from '../storage/login-attempts.js';
import { purgeExpiredSessions } from './session-store.js';

const EVERY_MS = 10 * 60_000;
const lastRun = new WeakMap<Db, number>();

/**
 * Deletes expired sessions and login attempts older than the throttling window (they no longer
 * count), at most every ten minutes per connection; called from the login path so no extra
 * service is needed.
 */
export function tidyAuthTables(db: Db, config: Pick<Config, 'loginWindowMinutes'>, now = Date.now()): void {
  if (now - (lastRun.get(db) ?? 0) < EVERY_MS) return;
  lastRun.set(db, now);
  purgeExpiredSessions(db);
  pruneLoginAttempts(db, new Date(now - config.loginWindowMinutes * 60_000 * 2).toISOString());
}
