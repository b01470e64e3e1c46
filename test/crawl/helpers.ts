import path from 'node:path';
import { loadDefinitionFile } from '../../src/crawl/loader.js';
import type { CrawlerDefinition } from '../../src/crawl/definition.js';
import type { Db } from '../../src/storage/database.js';
import type { PostRow } from '../../src/storage/posts.js';

/** Tests crawl imitation sites on 127.0.0.1: their files say so, as an admin's file must. */
export const LOCAL_SITE = { allow: true, reason: "the test's imitation site runs on 127.0.0.1" } as const;

/** A shipped crawler file, pointed at a local imitation site through its env placeholders. */
export function shippedDefinition(file: string, env: Record<string, string>, patch: Partial<CrawlerDefinition> = {}): CrawlerDefinition {
  const def = loadDefinitionFile(path.resolve('crawlers', file));
  return { ...def, env: { ...def.env, ...env }, enabled: true, privateNetwork: LOCAL_SITE, ...patch, limits: { ...def.limits, maxRequestsPerMinute: 10_000, maxConcurrency: 4, ...patch.limits } };
}

export function postsOf(db: Db, platform: string): PostRow[] {
  return db.prepare('SELECT * FROM posts WHERE platform = ? ORDER BY platform_post_id').all(platform) as PostRow[];
}
