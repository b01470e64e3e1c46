import type { Config } from '../config/schema.js';
import type { Db } from '../storage/database.js';
import { pruneLoginAttempts } from '../storage/login-attempts.js';
import { pruneDevices } from '../storage/login-devices.js';
import { KNOWN_DEVICE_DAYS } from './login-devices.js';
import { purgeExpiredSessions } from './session-store.js';

const EVERY_MS = 10 * 60_000;
const lastRun = new WeakMap<Db, number>();

/**
 * Deletes expired sessions, login attempts older than the throttling window (they no longer
 * count) and browsers that have not logged in for KNOWN_DEVICE_DAYS, at most every ten minutes per connection; called from the login path so no extra
 * service is needed.
 */
export function tidyAuthTables(db: Db, config: Pick<Config, 'loginWindowMinutes'>, now = Date.now()): void {
  if (now - (lastRun.get(db) ?? 0) < EVERY_MS) return;
  lastRun.set(db, now);
  purgeExpiredSessions(db);
  pruneLoginAttempts(db, new Date(now - config.loginWindowMinutes * 60_000 * 2).toISOString());
  pruneDevices(db, new Date(now - KNOWN_DEVICE_DAYS * 86_400_000).toISOString());
}
