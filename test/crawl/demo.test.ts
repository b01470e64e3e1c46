import path from 'node:path';
import { expect, it } from 'vitest';
import { loadDefinitions } from '../../src/crawl/loader.js';
import { runCrawl } from '../../src/crawl/runner.js';
import { postsByPlatform } from '../../src/storage/crawl-summary.js';
import { DEMO_POSTS } from '../../src/demo/demo-posts.js';
import { startDemoSite } from '../../src/demo/demo-site.js';
import { tempContext } from '../helpers/temp-context.js';

it('the demo site crawls completely with the demo files, which the production crawlers/ never lists', async () => {
  const production = loadDefinitions(path.resolve('crawlers')).definitions;
  expect(production.some((d) => d.demo || d.name.startsWith('demo'))).toBe(false);
  const { definitions, errors } = loadDefinitions(path.resolve('crawlers/demo'));
  expect(errors).toEqual([]);
  expect(definitions.every((d) => d.demo)).toBe(true);

  const site = await startDemoSite();
  const ctx = tempContext();
  try {
    for (const def of definitions) {
      const r = await runCrawl(ctx, { ...def, env: { DEMO_BASE: site.baseUrl } }, { trigger: 'demo', steps: [] }); // crawling only: the rules engine has its own tests
      expect(r.status, `${def.name}: ${r.errors.join('; ')}`).toBe('ok');
    }
    const total = postsByPlatform(ctx.db).reduce((n, p) => n + p.posts, 0);
    expect(total).toBe(DEMO_POSTS.length);
    const forum = ctx.db.prepare("SELECT text, ip_location FROM posts WHERE platform = 'demo-forum' AND text LIKE '%固戍%'").get() as { text: string; ip_location: string };
    expect(forum.text).toContain('烧垃圾'); // full GBK thread text from the detail page
    expect(forum.ip_location).toBe('广东');
    expect(ctx.db.prepare('SELECT count(*) FROM posts WHERE processed_at IS NULL').pluck().get()).toBe(0);
  } finally {
    await site.close();
    ctx.cleanup();
  }
}, 60_000);
