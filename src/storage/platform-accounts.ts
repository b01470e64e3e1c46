import type { Db } from './database.js';
import { stmt } from './statements.js';

export interface PlatformAccountRow {
  id: number;
  platform: string;
  label: string;
  secrets: string;
  fields: string;
  enabled: number;
  created_by: string;
  created_at: string;
  updated_at: string;
  /** When the crawler last met a login wall with it (the rotation then skips it for a while). */
  login_wall_at: string | null;
}

export function insertPlatformAccount(db: Db, a: Omit<PlatformAccountRow, 'id' | 'enabled' | 'updated_at' | 'login_wall_at'>): number {
  const info = stmt(db, 'INSERT INTO platform_accounts (platform, label, secrets, fields, created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
    a.platform, a.label, a.secrets, a.fields, a.created_by, a.created_at, a.created_at,
  );
  return Number(info.lastInsertRowid);
}

export function platformAccount(db: Db, id: number): PlatformAccountRow | undefined {
  return stmt(db, 'SELECT * FROM platform_accounts WHERE id = ?').get(id) as PlatformAccountRow | undefined;
}

export function platformAccountByLabel(db: Db, platform: string, label: string): PlatformAccountRow | undefined {
  return stmt(db, 'SELECT * FROM platform_accounts WHERE platform = ? AND label = ?').get(platform, label) as PlatformAccountRow | undefined;
}

/** All accounts, or one platform's, oldest first (the rotation order). */
export function listPlatformAccounts(db: Db, platform?: string): PlatformAccountRow[] {
  if (platform === undefined) return stmt(db, 'SELECT * FROM platform_accounts ORDER BY platform, id').all() as PlatformAccountRow[];
  return stmt(db, 'SELECT * FROM platform_accounts WHERE platform = ? ORDER BY id').all(platform) as PlatformAccountRow[];
}

export function setPlatformAccountEnabled(db: Db, id: number, enabled: boolean, at: string): boolean {
  return stmt(db, 'UPDATE platform_accounts SET enabled = ?, updated_at = ? WHERE id = ?').run(enabled ? 1 : 0, at, id).changes > 0;
}

export function deletePlatformAccount(db: Db, id: number): boolean {
  return stmt(db, 'DELETE FROM platform_accounts WHERE id = ?').run(id).changes > 0;
}

export function markPlatformAccountLoginWall(db: Db, id: number, at: string): void {
  stmt(db, 'UPDATE platform_accounts SET login_wall_at = ? WHERE id = ?').run(at, id);
}
