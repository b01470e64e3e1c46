import { randomBytes } from 'node:crypto';
import type { Db } from '../storage/database.js';
import { isKnownDevice, rememberDevice } from '../storage/login-devices.js';
import { tokenDigest } from './token-digest.js';

/** How long a browser stays known without logging in (cookie lifetime; housekeeping forgets older ones). */
export const KNOWN_DEVICE_DAYS = 180;

/** The device id of a browser that logged in to this user before (its cr_dev cookie token), or null. */
export function knownDevice(db: Db, token: string | undefined, userId: number | undefined): string | null {
  if (!token || userId === undefined) return null;
  const id = tokenDigest(token);
  return isKnownDevice(db, id, userId) ? id : null;
}

/**
 * After a successful login: remembers the browser for the user and returns the token its cookie
 * should carry. A token already known for this user is kept; any other (absent, or one the browser
 * was handed by someone else) is replaced, so nobody can plant a token to become "known" later.
 */
export function rememberBrowser(db: Db, token: string | undefined, userId: number): string {
  const kept = knownDevice(db, token, userId) ? token! : randomBytes(32).toString('base64url');
  rememberDevice(db, tokenDigest(kept), userId, new Date().toISOString());
  return kept;
}
