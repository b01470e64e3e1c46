import type { Db } from '../storage/database.js';
import { leadIdBound, trigramDocs, trigramsStartingWith } from '../storage/lead-queue.js';
import type { KeywordStats } from './keyword-plan.js';

/**
 * The trigram vocabulary's counts, cached per connection for a minute: an fts5vocab lookup costs
 * ~0.5–4 ms (it merges the index's segments), more than the page itself, and a plan only needs the
 * order of magnitude. Results never depend on these figures, only the choice of plan does.
 */
const TTL_MS = 60_000;
const MAX_ENTRIES = 5_000;
const caches = new WeakMap<Db, Map<string, { at: number; value: unknown }>>();

function cached<T>(db: Db, key: string, load: () => T, now: number): T {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map()));
  const hit = cache.get(key);
  if (hit && now - hit.at < TTL_MS) return hit.value as T;
  const value = load();
  if (cache.size >= MAX_ENTRIES) cache.clear();
  cache.set(key, { at: now, value });
  return value;
}

export function keywordStats(db: Db, now = Date.now()): KeywordStats & { total: number } {
  return {
    total: cached(db, 'total', () => leadIdBound(db), now),
    expand: (prefix, limit) => cached(db, `e:${limit}:${prefix}`, () => trigramsStartingWith(db, prefix, limit), now),
    docs: (trigram) => cached(db, `d:${trigram}`, () => trigramDocs(db, trigram), now),
  };
}
