import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadDefinitionFile } from '../../src/crawl/loader.js';
import { runCrawl } from '../../src/crawl/runner.js';
import { makePosts } from '../../src/demo/site-post.js';
import { startSite, type RunningSite } from '../../src/demo/site-server.js';
import { walledRoutes } from '../sites/walled-site.js';
import { tempContext, type TempContext } from '../helpers/temp-context.js';
import { closeInOrder, launchBrowser, loggedInPage } from '../helpers/web-browser.js';
import { createUser, startApp, type RunningApp } from '../helpers/web-app.js';

/** #12: crawls that meet a login wall, a captcha and empty pages show it on 采集平台 and the platform's page. */
let ctx: TempContext;
let app: RunningApp;
let browser: Browser;
let site: RunningSite;
let crawlers: string;
const errors: string[] = [];
const WALLS = { 'wall-login': ['/walled/redirect', '需要登录'], 'wall-captcha': ['/walled/captcha', '出现验证码'], 'wall-empty': ['/walled/empty', '返回空页'] } as const;

beforeAll(async () => {
  site = await startSite(walledRoutes(makePosts(3, new Date()), []).routes);
  crawlers = mkdtempSync(path.join(tmpdir(), 'civic-radar-ui-walls-'));
  ctx = tempContext({ crawlersDir: crawlers });
  for (const [name, [route]] of Object.entries(WALLS)) {
    const file = path.join(crawlers, `${name}.yaml`);
    writeFileSync(file, `engine: cheerio
startUrls: ["${site.baseUrl}${route}"]
extract: { type: json, items: "data.cards[].mblog", fields: { id: id, text: text } }
schedule: { cron: "*/10 * * * *" }
privateNetwork: { allow: true, reason: "the test's imitation site runs on 127.0.0.1" }
limits: { maxRetries: 0 }
`);
    await runCrawl(ctx, loadDefinitionFile(file));
  }
  await createUser(ctx, 'admin1', 'admin');
  app = await startApp(ctx);
  browser = await launchBrowser(ctx);
});
afterAll(async () => {
  await closeInOrder(browser, app, site, ctx);
  rmSync(crawlers, { recursive: true, force: true });
});

it('采集平台 and the platform page name the wall each platform met', async () => {
  const page = await loggedInPage(browser, app.baseUrl, 'admin1', errors);
  await page.goto(`${app.baseUrl}/platforms`);
  for (const [name, [, label]] of Object.entries(WALLS)) {
    const row = page.locator(`tr[data-platform="${name}"]`);
    await row.waitFor();
    expect(await row.locator('.platform-state').textContent()).toBe(label);
  }
  await page.goto(`${app.baseUrl}/platforms/wall-captcha`);
  await page.locator('.platform-state').first().waitFor();
  expect(await page.locator('.platform-state').first().textContent()).toBe('出现验证码');
  expect(await page.locator('main').textContent()).toContain('出现验证码：期望页面内容，收到验证码页面');
  expect(errors).toEqual([]);
});
