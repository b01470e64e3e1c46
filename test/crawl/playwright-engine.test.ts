import { afterAll, beforeAll, expect, it } from 'vitest';
import { runCrawl } from '../../src/crawl/runner.js';
import { makePosts } from '../../src/demo/site-post.js';
import { jsRoutes } from '../../src/demo/platform-routes.js';
import { startSite, type RunningSite } from '../../src/demo/site-server.js';
import { tempContext, type TempContext } from '../helpers/temp-context.js';
import { postsOf, shippedDefinition } from './helpers.js';

const posts = makePosts(35, new Date());
let site: RunningSite;
let ctx: TempContext;

beforeAll(async () => {
  site = await startSite(jsRoutes(posts, { pageSize: 10 }));
  ctx = tempContext();
});
afterAll(async () => {
  await site.close();
  ctx.cleanup();
});

it('renders a script-built page in Debian chromium, scrolls until the feed ends, then stops scrolling at stored posts', async () => {
  const def = shippedDefinition('gov-message-board.yaml', { MESSAGE_BOARD_URL: `${site.baseUrl}/js/feed` }, { pagination: { type: 'scroll', maxScrolls: 10, waitMs: 400 } });
  const first = await runCrawl(ctx, def);
  expect(first.errors).toEqual([]);
  expect(first.status).toBe('ok');
  const rows = postsOf(ctx.db, 'gov-message-board');
  expect(rows).toHaveLength(35); // 4 loads of 10 via infinite scroll
  const p = rows.find((r) => r.platform_post_id === posts[12]!.id)!;
  expect(p.text).toBe(posts[12]!.text);
  expect(p.ip_location).toBe(posts[12]!.region);
  expect(p.published_at).toBe(new Date(Math.floor(posts[12]!.createdAt.getTime() / 60_000) * 60_000).toISOString());
  const apiCalls = site.hits.filter((h) => h.startsWith('/js/api')).length;
  expect(apiCalls).toBeGreaterThanOrEqual(4);

  // second sweep: the first rendered batch holds stored posts, so it does not scroll
  const second = await runCrawl(ctx, def);
  expect(second.totals.newPosts).toBe(0);
  expect(site.hits.filter((h) => h.startsWith('/js/api')).length - apiCalls).toBe(1);
}, 120_000);
