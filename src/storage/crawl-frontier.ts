import type { Db } from './database.js';
import { nowIso } from './database.js';
import { stmt } from './statements.js';

export interface FrontierEntry {
  requestKey: string;
  url: string;
  kind: 'listing' | 'detail';
  data: Record<string, unknown>;
}

interface FrontierRow {
  request_key: string;
  url: string;
  kind: 'listing' | 'detail';
  data: string;
}

export function pendingFrontier(db: Db, platform: string): FrontierEntry[] {
  const rows = stmt(db, 'SELECT request_key, url, kind, data FROM crawl_frontier WHERE platform = ? ORDER BY rowid')
    .all(platform) as FrontierRow[];
  return rows.map((r) => ({ requestKey: r.request_key, url: r.url, kind: r.kind, data: JSON.parse(r.data) as Record<string, unknown> }));
}

/** Call inside the transaction that stores the page's posts. */
export function addFrontier(db: Db, platform: string, entries: readonly FrontierEntry[], now: string = nowIso()): void {
  if (entries.length === 0) return;
  const insert = stmt(db, 'INSERT OR IGNORE INTO crawl_frontier (platform, request_key, url, kind, data, added_at) VALUES (?, ?, ?, ?, ?, ?)');
  for (const e of entries) insert.run(platform, e.requestKey, e.url, e.kind, JSON.stringify(e.data), now);
}

export function removeFrontier(db: Db, platform: string, requestKey: string): void {
  stmt(db, 'DELETE FROM crawl_frontier WHERE platform = ? AND request_key = ?').run(platform, requestKey);
}

export function clearFrontier(db: Db, platform: string): number {
  return stmt(db, 'DELETE FROM crawl_frontier WHERE platform = ?').run(platform).changes;
}
