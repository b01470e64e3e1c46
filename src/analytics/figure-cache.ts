import type { Db } from '../storage/database.js';
import { figureState } from '../storage/analytics.js';

/** Entries kept per store: the periods and districts supervisors look at (this week, this month, by district). */
const LIMIT = 256;
const caches = new WeakMap<Db, Map<string, { state: string; value: unknown }>>();

/**
 * A period scan's rows, kept until the store changes (figureState): a month of leads costs
 * hundreds of milliseconds to scan and group, while the pages ask for the same few periods again
 * and again. Exact for the state it was read in; the oldest entries go first.
 */
export function cachedRead<T>(db: Db, key: string, read: () => T): T {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map()));
  const state = figureState(db);
  const hit = cache.get(key);
  if (hit?.state === state) {
    cache.delete(key);
    cache.set(key, hit);
    return hit.value as T;
  }
  const value = read();
  cache.delete(key);
  cache.set(key, { state, value });
  if (cache.size > LIMIT) cache.delete(cache.keys().next().value!);
  return value;
}
