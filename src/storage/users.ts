import type { Db } from './database.js';
import { nowIso } from './database.js';
import { stmt } from './statements.js';
import { userNameKey } from './user-name-key.js';

export const ROLES = ['verifier', 'admin', 'supervisor'] as const;
/** supervisor: reads what staff read, takes no lead or work-order actions, supervises orders (督办). */
export type Role = (typeof ROLES)[number];

export interface UserRow {
  id: number;
  name: string;
  /** userNameKey(name): unique, what lookups compare */
  name_key: string;
  display_name: string | null;
  role: Role;
  password_hash: string;
  disabled: number;
  created_at: string;
  updated_at: string;
}

/** A user as shown to others: never the hash. */
export type PublicUser = Omit<UserRow, 'password_hash' | 'name_key' | 'disabled'> & { disabled: boolean };

export function toPublicUser(row: UserRow): PublicUser {
  const { password_hash: _hash, name_key: _key, disabled, ...rest } = row;
  return { ...rest, disabled: disabled === 1 };
}

/** The user whose name equals `name` ignoring case and width (userNameKey). */
export function findUserByName(db: Db, name: string): UserRow | undefined {
  return stmt(db, 'SELECT * FROM users WHERE name_key = ?').get(userNameKey(name)) as UserRow | undefined;
}

export function findUserById(db: Db, id: number): UserRow | undefined {
  return stmt(db, 'SELECT * FROM users WHERE id = ?').get(id) as UserRow | undefined;
}

export function listUsers(db: Db): UserRow[] {
  return stmt(db, 'SELECT * FROM users ORDER BY id').all() as UserRow[];
}

export function insertUser(db: Db, input: { name: string; displayName?: string | null; role: Role; passwordHash: string }): number {
  const now = nowIso();
  const info = stmt(db, 'INSERT INTO users (name, name_key, display_name, role, password_hash, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
    .run(input.name, userNameKey(input.name), input.displayName ?? null, input.role, input.passwordHash, now, now);
  return Number(info.lastInsertRowid);
}

export function updateUser(db: Db, id: number, fields: { passwordHash?: string; disabled?: boolean; role?: Role; displayName?: string | null }): void {
  const current = findUserById(db, id);
  if (!current) return;
  stmt(db, 'UPDATE users SET password_hash = ?, disabled = ?, role = ?, display_name = ?, updated_at = ? WHERE id = ?').run(
    fields.passwordHash ?? current.password_hash,
    fields.disabled === undefined ? current.disabled : fields.disabled ? 1 : 0,
    fields.role ?? current.role,
    fields.displayName === undefined ? current.display_name : fields.displayName,
    nowIso(),
    id,
  );
}

/** Enabled admins: the last one may not be disabled or demoted (nobody could manage people then). */
export function countActiveAdmins(db: Db): number {
  return stmt(db, "SELECT count(*) FROM users WHERE role = 'admin' AND disabled = 0").pluck().get() as number;
}

/** user id → time of the last successful login (from the audit log, which records each one). */
export function lastLogins(db: Db): Map<number, string> {
  const rows = stmt(db, "SELECT CAST(entity_id AS INTEGER) AS id, max(at) AS at FROM audit_log WHERE entity = 'user' AND action = 'login' GROUP BY entity_id").all() as { id: number; at: string }[];
  return new Map(rows.map((r) => [r.id, r.at]));
}
