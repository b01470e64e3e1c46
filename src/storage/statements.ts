import type { Statement } from 'better-sqlite3';
import type { Db } from './database.js';

const caches = new WeakMap<Db, Map<string, Statement>>();

/**
 * A prepared statement, prepared once per connection (preparing costs ~50 µs, more than most of
 * our statements take to run). SQL strings are fixed or built from a bounded set of filters.
 */
export function stmt(db: Db, sql: string): Statement {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map()));
  let s = cache.get(sql);
  if (!s) {
    s = db.prepare(sql);
    if (cache.size > 500) cache.clear(); // filter combinations are few; this only bounds a pathological caller
    cache.set(sql, s);
  }
  return s;
}
