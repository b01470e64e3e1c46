import type { Db } from './database.js';
import { stmt } from './statements.js';

/** Where an attempt comes from: the account (user name key), the client's address, and the known browser (device id) if any. */
export interface AttemptSource {
  account: string;
  address: string;
  device: string | null;
}

export interface FailureCount {
  n: number;
  oldest: string | null;
}

/** Records an attempt as failed (until markAttemptSucceeded); returns its id. */
export function insertLoginAttempt(db: Db, s: AttemptSource, at: string): number {
  return Number(stmt(db, 'INSERT INTO login_attempts (account, address, device, ok, at) VALUES (?, ?, ?, 0, ?)').run(s.account, s.address, s.device, at).lastInsertRowid);
}

export function markAttemptSucceeded(db: Db, id: number): void {
  stmt(db, 'UPDATE login_attempts SET ok = 1 WHERE id = ?').run(id);
}

const failures = (db: Db, where: string, since: string, ...values: string[]): FailureCount =>
  stmt(db, `SELECT count(*) AS n, min(at) AS oldest FROM login_attempts WHERE ${where} AND ok = 0 AND at > ?`).get(...values, since) as FailureCount;

/** Failures since `since` of one known browser for the account. */
export function deviceFailures(db: Db, s: AttemptSource & { device: string }, since: string): FailureCount {
  return failures(db, 'account = ? AND device = ?', since, s.account, s.device);
}

/** Failures since `since` from browsers new to the account: for it from this address, from this address, for it from anywhere. */
export function newDeviceFailures(db: Db, s: AttemptSource, since: string) {
  return {
    accountAtAddress: failures(db, 'account = ? AND address = ? AND device IS NULL', since, s.account, s.address),
    address: failures(db, 'address = ? AND device IS NULL', since, s.address),
    account: failures(db, 'account = ? AND device IS NULL', since, s.account),
  };
}

/** A successful login forgives the failures of its own source (that browser, or new browsers at that address) for the account. */
export function forgiveFailures(db: Db, s: AttemptSource): void {
  if (s.device) stmt(db, 'DELETE FROM login_attempts WHERE account = ? AND device = ? AND ok = 0').run(s.account, s.device);
  else stmt(db, 'DELETE FROM login_attempts WHERE account = ? AND address = ? AND device IS NULL AND ok = 0').run(s.account, s.address);
}

export function pruneLoginAttempts(db: Db, before: string): void {
  stmt(db, 'DELETE FROM login_attempts WHERE at < ?').run(before);
}
