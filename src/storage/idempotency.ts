import type { Db } from './database.js';
import { stmt } from './statements.js';

export interface StoredResponse {
  request_hash: string;
  status_code: number;
  response: string;
}

export function findIdempotent(db: Db, apiKeyId: number, key: string): StoredResponse | undefined {
  return stmt(db, 'SELECT request_hash, status_code, response FROM idempotency_keys WHERE api_key_id = ? AND idem_key = ?').get(apiKeyId, key) as StoredResponse | undefined;
}

export function storeIdempotent(db: Db, apiKeyId: number, key: string, r: StoredResponse, at: string): void {
  stmt(db, 'INSERT INTO idempotency_keys (api_key_id, idem_key, request_hash, status_code, response, created_at) VALUES (?, ?, ?, ?, ?, ?)').run(
    apiKeyId, key, r.request_hash, r.status_code, r.response, at,
  );
}

/** Stored answers older than `before` are forgotten (retries come within minutes, not weeks). */
export function pruneIdempotent(db: Db, before: string): number {
  return stmt(db, 'DELETE FROM idempotency_keys WHERE created_at < ?').run(before).changes;
}
