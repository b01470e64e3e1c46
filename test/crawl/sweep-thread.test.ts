import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCrawl } from '../../src/crawl/runner.js';
import { sweepThread } from '../../src/crawl/sweep-thread/client.js';
import { weiboRoutes } from '../../src/demo/platform-routes.js';
import { makePosts } from '../../src/demo/site-post.js';
import { startSite, type RunningSite } from '../../src/demo/site-server.js';
import { tempContext } from '../helpers/temp-context.js';
import { shippedDefinition } from './helpers.js';

const TOTAL = 200; // 20 pages of 10, each page slow enough to stop the thread mid-run

describe('the sweep thread (parsing and storing off the fetching event loop)', () => {
  let site: RunningSite;
  beforeAll(async () => {
    site = await startSite(weiboRoutes(makePosts(TOTAL, new Date(), { spacingMinutes: 1 }), { pageSize: 10, delayMs: 40 }));
  });
  afterAll(() => site.close());

  const count = (ctx: ReturnType<typeof tempContext>, sql: string) => ctx.db.prepare(sql).pluck().get() as number;

  it('stopped mid-run: the run ends with a clear error, what was stored stays, and the next run resumes to the end without duplicates', async () => {
    const ctx = tempContext();
    try {
      const def = shippedDefinition('weibo-search.yaml', { WEIBO_BASE: site.baseUrl }, {
        keywords: { city: ['深圳'], problem: ['井盖'] },
        pagination: { type: 'page', start: 1, maxPages: 40 },
        stopAtSeen: false,
        limits: { maxConcurrency: 1, maxRequestsPerMinute: 100_000, maxRetries: 2, timeoutSeconds: 10, connectTimeoutSeconds: 5, maxBackoffSeconds: 1 },
      });
      const first = runCrawl(ctx, def, { steps: [] });
      const until = Date.now() + 20_000;
      while (count(ctx, 'SELECT count(*) FROM posts') < 30 && Date.now() < until) await new Promise((r) => setTimeout(r, 10));
      await sweepThread.stop();
      const stopped = await first;
      expect(stopped.status).not.toBe('ok');
      expect(stopped.errors.join('\n')).toMatch(/sweep thread .*stopped/);
      const kept = count(ctx, 'SELECT count(*) FROM posts');
      expect(kept).toBeGreaterThanOrEqual(30);
      expect(kept).toBeLessThan(TOTAL);
      expect(count(ctx, 'SELECT count(*) FROM crawl_frontier')).toBeGreaterThan(0); // where the next run picks up

      const second = await runCrawl(ctx, def, { steps: [] }); // a new thread starts on demand
      expect(second.status).toBe('ok');
      expect(count(ctx, 'SELECT count(*) FROM posts')).toBe(TOTAL);
      expect(count(ctx, 'SELECT count(DISTINCT platform_post_id) FROM posts')).toBe(TOTAL);
      expect(ctx.db.prepare('SELECT request_key, kind, data FROM crawl_frontier').all()).toEqual([]);
    } finally {
      ctx.cleanup();
    }
  });
});
