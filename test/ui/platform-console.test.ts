import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { makePosts } from '../../src/demo/site-post.js';
import { weiboRoutes } from '../../src/demo/platform-routes.js';
import { startSite, type RunningSite } from '../../src/demo/site-server.js';
import { tempContext, type TempContext } from '../helpers/temp-context.js';
import { expectInert as inert, setEditorText } from '../helpers/page-checks.js';
import { closeInOrder, launchBrowser, loggedInPage } from '../helpers/web-browser.js';
import { createUser, startApp, type RunningApp } from '../helpers/web-app.js';

/** 采集平台 console in Chromium: create → dry run → save → run now a platform against a local site, then break it while the old version runs. */
let ctx: TempContext;
let app: RunningApp;
let site: RunningSite;
let browser: Browser;
let crawlers: string;
const errors: string[] = [];

const XSS = '<img src=x onerror="window.__pwned=1">';
const definition = (base: string, displayName = `${XSS}本地微博`) => `displayName: '${displayName}'
engine: cheerio
privateNetwork: { allow: true, reason: "the test's imitation site runs on 127.0.0.1" }
startUrls: ["${base}/api/container/getIndex?containerid=1&page={page}"]
pagination: { type: page, maxPages: 1 }
extract:
  type: json
  items: ["data.cards[].mblog", "data.cards[].card_group[].mblog"]
  fields: { id: id, text: text, author: user.screen_name, publishedAt: created_at }
schedule: { cron: "*/5 * * * *" }
limits: { maxRequestsPerMinute: 6000 }
`;

beforeAll(async () => {
  const posts = makePosts(6, new Date());
  posts[0]!.text = `${XSS}井盖丢了`;
  site = await startSite(weiboRoutes(posts));
  crawlers = mkdtempSync(path.join(tmpdir(), 'civic-radar-ui-console-'));
  ctx = tempContext({ crawlersDir: crawlers });
  await createUser(ctx, 'admin1', 'admin');
  await createUser(ctx, 'li', 'verifier');
  await createUser(ctx, 'zhou', 'supervisor');
  app = await startApp(ctx);
  browser = await launchBrowser(ctx);
}, 60_000);
afterAll(async () => {
  await closeInOrder(browser, app, site, ctx);
  rmSync(crawlers, { recursive: true, force: true });
});

it('create → dry run → save → run now, then a broken edit is refused while the old version runs', async () => {
  const page = await loggedInPage(browser, app.baseUrl, 'admin1', errors);
  await page.click('#nav-platforms');
  await page.waitForURL(`${app.baseUrl}/platforms`);
  await page.keyboard.press('n');
  await page.waitForURL(`${app.baseUrl}/platforms/new`);
  await page.waitForSelector('.cm-content');
  await page.fill('#platform-key', 'local-weibo');
  await setEditorText(page, definition(site.baseUrl));
  await page.locator('.editor-issues', { hasText: '检查通过' }).waitFor();

  // field help follows the cursor
  await page.click('.cm-line:has-text("engine: cheerio")');
  await page.locator('.field-help', { hasText: 'cheerio / playwright' }).waitFor();

  await page.keyboard.press('Control+Enter');
  const table = page.locator('table.dry-run-posts');
  await table.waitFor();
  expect(await table.locator('tbody tr').count()).toBe(6);
  expect(await table.innerText()).toContain(`${XSS}井盖丢了`);
  expect(existsSync(path.join(crawlers, 'local-weibo.yaml'))).toBe(false);
  await inert(page);

  await page.keyboard.press('Control+S');
  await page.waitForURL(`${app.baseUrl}/platforms/local-weibo`);
  expect(await page.locator('h1').innerText()).toBe(`${XSS}本地微博`);
  expect(readFileSync(path.join(crawlers, 'local-weibo.yaml'), 'utf8')).toBe(definition(site.baseUrl));
  expect(await page.locator('tr[data-version="1"]').innerText()).toMatch(/第 1 版\s+新建\s+admin1/);

  await page.click('main button:text-is("立即运行")');
  const run = page.locator('tr[data-run][data-status="ok"]');
  await run.waitFor({ timeout: 30_000 });
  expect(await run.innerText()).toMatch(/立即运行\s+成功\s+1\s+6\s+0\s+0/);
  await inert(page);

  // break it: the check shows where, saving is refused, the file and the running version stay
  await page.keyboard.press('e');
  await page.waitForURL(`${app.baseUrl}/platforms/local-weibo/edit`);
  await page.waitForSelector('.cm-content');
  await setEditorText(page, definition(site.baseUrl).replace('engine: cheerio', `engine: '${XSS}'`));
  const issues = page.locator('.editor-issues li');
  await issues.first().waitFor();
  expect(await issues.first().innerText()).toMatch(/第 2 行 字段 engine：expected one of "cheerio", "playwright", received/);
  await page.locator('.cm-lint-marker-error').first().waitFor();
  await page.keyboard.press('Control+S');
  await page.locator('#toast', { hasText: '未保存' }).waitFor();
  expect(page.url()).toBe(`${app.baseUrl}/platforms/local-weibo/edit`);
  expect(readFileSync(path.join(crawlers, 'local-weibo.yaml'), 'utf8')).toBe(definition(site.baseUrl));
  await inert(page);

  await page.click('a:text-is("取消")');
  await page.waitForURL(`${app.baseUrl}/platforms/local-weibo`);
  await page.locator('tr[data-run]').first().waitFor(); // the page (and its keys) rendered, not only the address changed
  await page.keyboard.press('r');
  await page.locator('tr[data-run][data-status="ok"]').nth(1).waitFor({ timeout: 30_000 });
  expect(await page.locator('tr[data-run]').first().innerText()).toMatch(/立即运行\s+成功\s+1\s+0\s+6/);

  // a good edit, its diff, restore, disable and enable, delete
  await page.keyboard.press('e');
  await page.waitForSelector('.cm-content');
  await setEditorText(page, definition(site.baseUrl, '本地微博（改）'));
  await page.locator('.editor-issues', { hasText: '检查通过' }).waitFor();
  await page.click('button:text-is("保存")');
  await page.waitForURL(`${app.baseUrl}/platforms/local-weibo`);
  await page.click('tr[data-version="2"] button:text-is("与上一版比较")');
  expect(await page.locator('pre.diff .diff-add').innerText()).toBe("+ displayName: '本地微博（改）'");
  expect(await page.locator('pre.diff .diff-del').innerText()).toContain(`- displayName: '${XSS}本地微博'`);
  page.once('dialog', (d) => void d.accept());
  await page.click('tr[data-version="1"] button:text-is("恢复此版本")');
  await page.locator('tr[data-version="3"]', { hasText: '恢复' }).waitFor();
  await page.click('main button:text-is("停用")');
  await page.locator('.platform-state.disabled').first().waitFor();
  await page.click('main button:text-is("启用")');
  await page.locator('tr[data-version="5"]', { hasText: '启用' }).waitFor();
  page.once('dialog', (d) => void d.accept());
  await page.click('main button:text-is("删除")');
  await page.locator('.banner', { hasText: '已删除' }).waitFor();
  expect(existsSync(path.join(crawlers, 'local-weibo.yaml'))).toBe(false);
  await inert(page);
  expect(errors).toEqual([]);
  await page.close();
}, 120_000);

it('the console pages are for admins: verifiers and supervisors get 403, nobody is sent to log in', async () => {
  for (const who of ['li', 'zhou']) {
    const page = await loggedInPage(browser, app.baseUrl, who, errors);
    expect(await page.locator('#nav-platforms').isHidden()).toBe(true);
    for (const url of ['/platforms/new', '/platforms/local-weibo', '/platforms/local-weibo/edit']) {
      const res = await page.goto(app.baseUrl + url);
      expect(res?.status(), `${who} ${url}`).toBe(403);
    }
    await page.close();
  }
  const anon = await browser.newPage();
  await anon.goto(`${app.baseUrl}/platforms/local-weibo/edit`);
  expect(anon.url()).toContain('/login');
  await anon.close();
  expect(errors).toEqual([]);
});
