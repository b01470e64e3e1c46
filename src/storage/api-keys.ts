import type { Db } from './database.js';
import { stmt } from './statements.js';

export interface ApiKeyRow {
  id: number;
  name: string;
  prefix: string;
  key_hash: string;
  scopes: string; // JSON array
  created_by: string;
  created_at: string;
  revoked_at: string | null;
  last_used_at: string | null;
}

export function insertApiKey(db: Db, k: Omit<ApiKeyRow, 'id' | 'revoked_at' | 'last_used_at'>): number {
  return stmt(db, 'INSERT INTO api_keys (name, prefix, key_hash, scopes, created_by, created_at) VALUES (@name, @prefix, @key_hash, @scopes, @created_by, @created_at) RETURNING id')
    .pluck()
    .get(k) as number;
}

export function apiKeyByHash(db: Db, hash: string): ApiKeyRow | undefined {
  return stmt(db, 'SELECT * FROM api_keys WHERE key_hash = ?').get(hash) as ApiKeyRow | undefined;
}

export function apiKeyById(db: Db, id: number): ApiKeyRow | undefined {
  return stmt(db, 'SELECT * FROM api_keys WHERE id = ?').get(id) as ApiKeyRow | undefined;
}

export function listApiKeys(db: Db): ApiKeyRow[] {
  return stmt(db, 'SELECT * FROM api_keys ORDER BY id').all() as ApiKeyRow[];
}

export function revokeApiKey(db: Db, id: number, at: string): boolean {
  return stmt(db, 'UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL').run(at, id).changes === 1;
}

/** Records use at most once a minute per key, so a busy consumer does not turn every read into a write. */
export function touchApiKey(db: Db, id: number, at: string): void {
  const cutoff = new Date(Date.parse(at) - 60_000).toISOString();
  stmt(db, 'UPDATE api_keys SET last_used_at = ? WHERE id = ? AND (last_used_at IS NULL OR last_used_at < ?)').run(at, id, cutoff);
}
