import type { Db } from './database.js';
import { stmt } from './statements.js';

export interface SetupCodeRow {
  user_id: number;
  code_hash: string;
  expires_at: string;
  created_by: string;
  created_at: string;
}

/** Replaces any earlier code of the user: only the newest one works. */
export function putSetupCode(db: Db, row: SetupCodeRow): void {
  stmt(db, 'INSERT OR REPLACE INTO user_setup_codes (user_id, code_hash, expires_at, created_by, created_at) VALUES (?, ?, ?, ?, ?)').run(
    row.user_id, row.code_hash, row.expires_at, row.created_by, row.created_at,
  );
}

export function setupCodeOf(db: Db, userId: number): SetupCodeRow | undefined {
  return stmt(db, 'SELECT * FROM user_setup_codes WHERE user_id = ?').get(userId) as SetupCodeRow | undefined;
}

export function deleteSetupCode(db: Db, userId: number): void {
  stmt(db, 'DELETE FROM user_setup_codes WHERE user_id = ?').run(userId);
}

/** user id → when its unused code expires (expired ones included: the list says so). */
export function setupCodeExpiries(db: Db): Map<number, string> {
  const rows = stmt(db, 'SELECT user_id, expires_at FROM user_setup_codes').all() as { user_id: number; expires_at: string }[];
  return new Map(rows.map((r) => [r.user_id, r.expires_at]));
}
