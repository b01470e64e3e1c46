import type { Config } from '../config/schema.js';
import type { Db } from '../storage/database.js';
import { clearAccountFailures, recentFailures, recordLoginAttempt } from '../storage/login-attempts.js';

type ThrottleConfig = Pick<Config, 'loginMaxFailuresPerAccount' | 'loginMaxFailuresPerAddress' | 'loginWindowMinutes'>;

/** Seconds until the next attempt is allowed for this account/address, or 0 when allowed. */
export function loginBlockedFor(db: Db, config: ThrottleConfig, account: string, address: string, now = Date.now()): number {
  const windowMs = config.loginWindowMinutes * 60_000;
  const f = recentFailures(db, account, address, new Date(now - windowMs).toISOString());
  const waits: number[] = [];
  if (f.account.n >= config.loginMaxFailuresPerAccount && f.account.oldest) waits.push(Date.parse(f.account.oldest) + windowMs - now);
  if (f.address.n >= config.loginMaxFailuresPerAddress && f.address.oldest) waits.push(Date.parse(f.address.oldest) + windowMs - now);
  return waits.length ? Math.max(1, Math.ceil(Math.max(...waits) / 1000)) : 0;
}

export function noteLoginAttempt(db: Db, account: string, address: string, ok: boolean): void {
  recordLoginAttempt(db, { account, address, ok, at: new Date().toISOString() });
  if (ok) clearAccountFailures(db, account);
}
