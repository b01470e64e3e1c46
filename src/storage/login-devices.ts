import type { Db } from './database.js';
import { stmt } from './statements.js';

export function isKnownDevice(db: Db, id: string, userId: number): boolean {
  return stmt(db, 'SELECT 1 FROM login_devices WHERE id = ? AND user_id = ?').get(id, userId) !== undefined;
}

export function rememberDevice(db: Db, id: string, userId: number, now: string): void {
  stmt(db, 'INSERT INTO login_devices (id, user_id, created_at, last_used_at) VALUES (?, ?, ?, ?) ON CONFLICT (id, user_id) DO UPDATE SET last_used_at = excluded.last_used_at')
    .run(id, userId, now, now);
}

export function deleteUserDevices(db: Db, userId: number): void {
  stmt(db, 'DELETE FROM login_devices WHERE user_id = ?').run(userId);
}

export function pruneDevices(db: Db, unusedSince: string): void {
  stmt(db, 'DELETE FROM login_devices WHERE last_used_at < ?').run(unusedSince);
}
