import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { saveCrawlHealth } from '../../src/storage/crawl-health.js';
import { tempContext, type TempContext } from '../helpers/temp-context.js';
import { closeInOrder, launchBrowser, loggedInPage } from '../helpers/web-browser.js';
import { createUser, startApp, type RunningApp } from '../helpers/web-app.js';

let ctx: TempContext;
let app: RunningApp;
let browser: Browser;
let crawlers: string;
const errors: string[] = [];

const HOSTILE = '<img src=x onerror="window.__pwned=1">HTTP 503 from https://bbs.example.cn/forum.php';

beforeAll(async () => {
  crawlers = mkdtempSync(path.join(tmpdir(), 'civic-radar-ui-crawlers-'));
  writeFileSync(path.join(crawlers, 'forum.yaml'), `engine: cheerio
displayName: 本地论坛
startUrls: ["https://bbs.example.cn/forum.php?page={page}"]
pagination: { type: page, start: 1, maxPages: 2 }
extract: { type: html, items: ".post", fields: { id: { selector: "", attr: "data-id" }, text: ".content" } }
schedule: { cron: "*/10 * * * *" }
`);
  writeFileSync(path.join(crawlers, 'broken.yaml'), 'engine: cheerio\nstartUrls: []\n');
  ctx = tempContext({ crawlersDir: crawlers });
  saveCrawlHealth(ctx.db, { platform: 'forum', state: 'backing_off', definition_file: 'forum.yaml', last_run_at: new Date().toISOString(), last_success_at: null, consecutive_failures: 3, next_attempt_at: new Date(Date.now() + 3_600_000).toISOString(), last_error: HOSTILE });
  await createUser(ctx, 'admin1', 'admin');
  await createUser(ctx, 'li', 'verifier');
  app = await startApp(ctx);
  browser = await launchBrowser(ctx);
});
afterAll(async () => {
  await closeInOrder(browser, app, ctx);
  rmSync(crawlers, { recursive: true, force: true });
});

const pageFor = (name: string): Promise<Page> => loggedInPage(browser, app.baseUrl, name, errors);

it('admins open 采集平台 from the top bar: state, failures, last error (as text) and the files that do not load', async () => {
  const page = await pageFor('admin1');
  await page.click('#nav-platforms');
  await page.waitForURL(`${app.baseUrl}/platforms`);
  const row = page.locator('tr[data-platform="forum"]');
  await row.waitFor();
  expect(await row.locator('.platform-state').textContent()).toBe('退避中');
  expect(await row.textContent()).toContain('本地论坛');
  expect(await row.textContent()).toContain(HOSTILE); // shown, never parsed
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  expect(await row.locator('img').count()).toBe(0);
  expect(await page.locator('.banner.error').textContent()).toMatch(/broken\.yaml.*startUrls/s);
  expect(errors).toEqual([]);
});

it('verifiers do not see the page: no link in the top bar, and the address answers 403', async () => {
  const page = await pageFor('li');
  expect(await page.locator('#nav-platforms').isHidden()).toBe(true);
  const res = await page.goto(`${app.baseUrl}/platforms`);
  expect(res?.status()).toBe(403);
});
