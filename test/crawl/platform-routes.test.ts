import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runCrawl } from '../../src/crawl/runner.js';
import { loadDefinitionFile } from '../../src/crawl/loader.js';
import { weiboRoutes } from '../../src/demo/platform-routes.js';
import { makePosts } from '../../src/demo/site-post.js';
import { startSite, type RunningSite } from '../../src/demo/site-server.js';
import { tempContext, type TempContext } from '../helpers/temp-context.js';
import { createUser, login, request, startApp, type RunningApp } from '../helpers/web-app.js';

let site: RunningSite;
let ctx: TempContext;
let app: RunningApp;
let crawlers: string;

beforeAll(async () => {
  site = await startSite(weiboRoutes(makePosts(12, new Date())));
  crawlers = mkdtempSync(path.join(tmpdir(), 'civic-radar-crawlers-'));
  mkdirSync(crawlers, { recursive: true });
  writeFileSync(path.join(crawlers, 'weibo.yaml'), `engine: cheerio
privateNetwork: { allow: true, reason: "the test's imitation site runs on 127.0.0.1" }
startUrls: ["${site.baseUrl}/api/container/getIndex?containerid=100103type%3D61%26q%3D%E6%B7%B1%E5%9C%B3&page={page}"]
pagination: { type: page, start: 1, maxPages: 2 }
extract: { type: json, items: "data.cards[].mblog", fields: { id: id, text: text } }
schedule: { cron: "*/10 * * * *" }
`);
  writeFileSync(path.join(crawlers, 'broken.yaml'), 'engine: cheerio\nstartUrls: []\n');
  ctx = tempContext({ crawlersDir: crawlers });
  await createUser(ctx, 'admin1', 'admin');
  await createUser(ctx, 'verifier1', 'verifier');
  app = await startApp(ctx);
});
afterAll(async () => {
  await app.close();
  await site.close();
  ctx.cleanup();
  rmSync(crawlers, { recursive: true, force: true });
});

it('admins see every platform\'s health and recent runs, and the crawler files that do not load; others may not', async () => {
  await runCrawl(ctx, loadDefinitionFile(path.join(crawlers, 'weibo.yaml')), { steps: [] });
  const admin = await login(app.baseUrl, 'admin1');
  const res = await admin.get('/api/admin/platforms?runs=1');
  expect(res.status).toBe(200);
  expect(res.body.platforms).toEqual([
    expect.objectContaining({ platform: 'broken', state: 'invalid', valid: false, error: expect.objectContaining({ issues: expect.arrayContaining([{ field: 'startUrls', message: 'expected at least 1 item(s), received []' }]) }) }),
    expect.objectContaining({ platform: 'weibo', state: 'ok', health: expect.objectContaining({ consecutive_failures: 0 }), runs: [expect.objectContaining({ status: 'ok', pages: 2, new_posts: 10 })] }),
  ]);
  expect(res.body.invalidFiles).toEqual([expect.objectContaining({ file: expect.stringContaining('broken.yaml'), error: expect.stringMatching(/startUrls/) })]);

  expect((await admin.get('/api/admin/platforms?runs=x')).status).toBe(400);
  expect((await (await login(app.baseUrl, 'verifier1')).get('/api/admin/platforms')).status).toBe(403);
  expect((await request(app.baseUrl, 'GET', '/api/admin/platforms')).status).toBe(401);
});
