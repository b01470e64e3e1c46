import type { Config } from '../config/schema.js';
import { inTransaction, type Db } from '../storage/database.js';
import { deviceFailures, forgiveFailures, insertLoginAttempt, markAttemptSucceeded, newDeviceFailures, type AttemptSource, type FailureCount } from '../storage/login-attempts.js';

type ThrottleConfig = Pick<Config, 'loginMaxFailuresPerAccount' | 'loginMaxFailuresPerAddress' | 'loginMaxFailuresNewDevices' | 'loginWindowMinutes'>;

/** Allowed (the attempt is recorded; settle it after the check), or how long to wait and whether new browsers are held back for the account. */
export type Reservation = { attemptId: number } | { waitSeconds: number; newDevicesHeld: boolean };

/**
 * Login throttling. Guessing must stop, but failing on purpose must not let a stranger lock the
 * real user out (an admin included). So failures count against where they came from, within
 * loginWindowMinutes:
 * - A browser that logged in to the account before (its cr_dev cookie, login-devices.ts) has
 *   only its own failures counted: loginMaxFailuresPerAccount. Nobody else's failures hold it back.
 * - Any other browser waits after loginMaxFailuresPerAccount failures for the account from its
 *   address, loginMaxFailuresPerAddress failures from its address for any accounts, or
 *   loginMaxFailuresNewDevices failures for the account from new browsers anywhere (guessing
 *   spread over many addresses).
 * A stranger thus holds back only their own address, and with many addresses at most the
 * browsers new to the account, never the ones its user logs in with.
 *
 * The attempt is recorded as a failure before the (slow) password check, in one synchronous
 * transaction with the limit check, and made a success after it: parallel requests see each
 * other, so no more passwords are checked than the limits allow.
 */
export function reserveLoginAttempt(db: Db, config: ThrottleConfig, source: AttemptSource, now = Date.now()): Reservation {
  const windowMs = config.loginWindowMinutes * 60_000;
  const since = new Date(now - windowMs).toISOString();
  const waitMs = (f: FailureCount, limit: number) => (f.n >= limit && f.oldest ? Math.max(1000, Date.parse(f.oldest) + windowMs - now) : 0);
  return inTransaction(db, () => {
    let wait: number;
    let newDevicesHeld = false;
    if (source.device) {
      wait = waitMs(deviceFailures(db, { ...source, device: source.device }, since), config.loginMaxFailuresPerAccount);
    } else {
      const f = newDeviceFailures(db, source, since);
      const accountWide = waitMs(f.account, config.loginMaxFailuresNewDevices);
      wait = Math.max(waitMs(f.accountAtAddress, config.loginMaxFailuresPerAccount), waitMs(f.address, config.loginMaxFailuresPerAddress), accountWide);
      newDevicesHeld = accountWide > 0;
    }
    if (wait > 0) return { waitSeconds: Math.ceil(wait / 1000), newDevicesHeld };
    return { attemptId: insertLoginAttempt(db, source, new Date(now).toISOString()) };
  });
}

/** After the password check: a success forgives its source's earlier failures for the account. */
export function settleLoginAttempt(db: Db, attemptId: number, source: AttemptSource, ok: boolean): void {
  if (!ok) return;
  inTransaction(db, () => {
    markAttemptSucceeded(db, attemptId);
    forgiveFailures(db, source);
  });
}
