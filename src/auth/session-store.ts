import { randomBytes } from 'node:crypto';
import type { Config } from '../config/schema.js';
import type { Db } from '../storage/database.js';
import { deleteExpiredSessions, deleteSession, findLiveSession, insertSession, touchSession, type SessionWithUser } from '../storage/sessions.js';
import { tokenDigest } from './token-digest.js';

export interface NewSession {
  token: string;
  csrfToken: string;
  expiresAt: string;
}

export function openSession(db: Db, config: Pick<Config, 'sessionTtlMinutes'>, userId: number, meta: { address: string | null; userAgent: string | null }): NewSession {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(32).toString('base64url');
  const now = new Date();
  const expiresAt = new Date(now.getTime() + config.sessionTtlMinutes * 60_000).toISOString();
  insertSession(db, { id: tokenDigest(token), userId, csrfToken, address: meta.address, userAgent: meta.userAgent?.slice(0, 300) ?? null, now: now.toISOString(), expiresAt });
  return { token, csrfToken, expiresAt };
}

/**
 * The live session for a cookie token, or undefined. Expiry slides with use (idle timeout),
 * written at most once a minute so reads stay reads.
 */
export function resumeSession(db: Db, config: Pick<Config, 'sessionTtlMinutes'>, token: string): SessionWithUser | undefined {
  const now = new Date();
  const session = findLiveSession(db, tokenDigest(token), now.toISOString());
  if (!session) return undefined;
  if (now.getTime() - Date.parse(session.last_seen_at) > 60_000) {
    const expiresAt = new Date(now.getTime() + config.sessionTtlMinutes * 60_000).toISOString();
    touchSession(db, session.id, now.toISOString(), expiresAt);
    session.expires_at = expiresAt;
  }
  return session;
}

/** Whether a session is still live (not logged out or expired, its user enabled); reads only, so it does not extend it. */
export function isSessionLive(db: Db, sessionId: string): boolean {
  return findLiveSession(db, sessionId, new Date().toISOString()) !== undefined;
}

export function closeSession(db: Db, token: string): void {
  deleteSession(db, tokenDigest(token));
}

export function purgeExpiredSessions(db: Db): number {
  return deleteExpiredSessions(db, new Date().toISOString());
}
