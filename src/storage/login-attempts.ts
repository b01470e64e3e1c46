import type { Db } from './database.js';
import { stmt } from './statements.js';

export function recordLoginAttempt(db: Db, a: { account: string; address: string; ok: boolean; at: string }): void {
  stmt(db, 'INSERT INTO login_attempts (account, address, ok, at) VALUES (?, ?, ?, ?)').run(a.account, a.address, a.ok ? 1 : 0, a.at);
}

/** Failed attempts since `since` for the account and for the address, and the oldest of each (for Retry-After). */
export function recentFailures(db: Db, account: string, address: string, since: string) {
  const q = (col: 'account' | 'address', value: string) =>
    stmt(db, `SELECT count(*) AS n, min(at) AS oldest FROM login_attempts WHERE ${col} = ? AND ok = 0 AND at > ?`).get(value, since) as {
      n: number;
      oldest: string | null;
    };
  return { account: q('account', account), address: q('address', address) };
}

/** A successful login forgives the account's earlier failures (not the address's). */
export function clearAccountFailures(db: Db, account: string): void {
  stmt(db, 'DELETE FROM login_attempts WHERE account = ? AND ok = 0').run(account);
}

export function pruneLoginAttempts(db: Db, before: string): void {
  stmt(db, 'DELETE FROM login_attempts WHERE at < ?').run(before);
}
