import type { Db } from './database.js';
import { stmt } from './statements.js';
import type { Role } from './users.js';

export interface SessionRow {
  id: string;
  user_id: number;
  csrf_token: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
}

/** A live session joined with its (enabled) user. */
export interface SessionWithUser extends SessionRow {
  user_name: string;
  display_name: string | null;
  role: Role;
}

export function insertSession(
  db: Db,
  s: { id: string; userId: number; csrfToken: string; address: string | null; userAgent: string | null; now: string; expiresAt: string },
): void {
  stmt(
    db,
    'INSERT INTO sessions (id, user_id, csrf_token, address, user_agent, created_at, last_seen_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  ).run(s.id, s.userId, s.csrfToken, s.address, s.userAgent, s.now, s.now, s.expiresAt);
}

/** The session if it has not expired and its user is enabled. */
export function findLiveSession(db: Db, id: string, now: string): SessionWithUser | undefined {
  return stmt(
    db,
      `SELECT s.*, u.name AS user_name, u.display_name, u.role FROM sessions s JOIN users u ON u.id = s.user_id
       WHERE s.id = ? AND s.expires_at > ? AND u.disabled = 0`,
    )
    .get(id, now) as SessionWithUser | undefined;
}

export function touchSession(db: Db, id: string, now: string, expiresAt: string): void {
  stmt(db, 'UPDATE sessions SET last_seen_at = ?, expires_at = ? WHERE id = ?').run(now, expiresAt, id);
}

export function deleteSession(db: Db, id: string): void {
  stmt(db, 'DELETE FROM sessions WHERE id = ?').run(id);
}

export function deleteUserSessions(db: Db, userId: number): number {
  return stmt(db, 'DELETE FROM sessions WHERE user_id = ?').run(userId).changes;
}

export function deleteExpiredSessions(db: Db, now: string): number {
  return stmt(db, 'DELETE FROM sessions WHERE expires_at <= ?').run(now).changes;
}
