import type { Statement } from 'better-sqlite3';
import type { Db } from './database.js';

const caches = new WeakMap<Db, Map<string, Statement>>();

/**
 * A prepared statement per (connection, SQL text): hot read paths (queue pages, lead pages, session
 * lookups) skip re-compiling their SQL on every request, which profiling showed costs as much as
 * running it.
 */
export function cached(db: Db, sql: string): Statement {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map()));
  let stmt = cache.get(sql);
  if (!stmt) {
    stmt = db.prepare(sql);
    if (cache.size > 500) cache.clear(); // filter combinations are few; this only bounds a pathological caller
    cache.set(sql, stmt);
  }
  return stmt;
}
