import { getEventListeners } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCrawl } from '../../src/crawl/runner.js';
import { weiboRoutes } from '../../src/demo/platform-routes.js';
import { makePosts } from '../../src/demo/site-post.js';
import { startSite, type RunningSite } from '../../src/demo/site-server.js';
import { tempContext } from '../helpers/temp-context.js';
import { shippedDefinition } from './helpers.js';

describe('runs for weeks', () => {
  let site: RunningSite;
  beforeAll(async () => {
    site = await startSite(weiboRoutes(makePosts(12, new Date())));
  });
  afterAll(() => site.close());

  it('a run leaves nothing attached to the scheduler\'s long-lived abort signal (a listener there retained every crawler)', async () => {
    const ctx = tempContext();
    const scheduler = new AbortController();
    try {
      const def = shippedDefinition('weibo-search.yaml', { WEIBO_BASE: site.baseUrl }, { keywords: { city: ['深圳'], problem: ['井盖'] } });
      for (let i = 0; i < 3; i++) {
        const result = await runCrawl(ctx, def, { signal: scheduler.signal });
        expect(result.status).toBe('ok');
        expect(getEventListeners(scheduler.signal, 'abort')).toHaveLength(0);
      }
    } finally {
      ctx.cleanup();
    }
  });
});
