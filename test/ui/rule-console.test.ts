import type { Browser } from 'playwright';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { storePosts } from '../../src/storage/posts.js';
import { problems, readable } from '../helpers/readable-page.js';
import { NEW_PHRASE, PHRASE_TEXT, tempRules, withPhrase } from '../helpers/rule-files.js';
import { tempContext, type TempContext } from '../helpers/temp-context.js';
import { expectInert as inert, setEditorText } from '../helpers/page-checks.js';
import { closeInOrder, launchBrowser, loggedInPage } from '../helpers/web-browser.js';
import { createUser, startApp, type RunningApp } from '../helpers/web-app.js';

/** 规则 console in Chromium: open a pack, an invalid edit refused, an edit tested (gained posts), activated, its version, rolled back. */
let ctx: TempContext;
let app: RunningApp;
let browser: Browser;
let rules: ReturnType<typeof tempRules>;
const errors: string[] = [];
const XSS = '<img src=x onerror="window.__pwned=1">';

beforeAll(async () => {
  rules = tempRules(XSS);
  ctx = tempContext({ rulesDir: rules.rulesDir, trainingDirs: [rules.labelled], model: false });
  storePosts(ctx.db, [{ platform: 'weibo', platformPostId: 's1', text: `${XSS}${PHRASE_TEXT}`, raw: '{}' }]);
  await createUser(ctx, '王管理', 'admin');
  await createUser(ctx, 'li', 'verifier');
  app = await startApp(ctx);
  browser = await launchBrowser(ctx);
}, 60_000);
afterAll(() => closeInOrder(browser, app, ctx, rules));

it('open a pack → an invalid edit cannot be activated → test an added phrase (gained posts) → activate → version and diff → roll back', async () => {
  const original = rules.noise();
  const page = await loggedInPage(browser, app.baseUrl, '王管理', errors);
  await page.click('#nav-rules');
  await page.waitForURL(`${app.baseUrl}/admin/rules`);
  const row = page.locator('tr[data-rule-file="noise"]');
  expect(await row.innerText()).toMatch(/噪声扰民\s+packs\/noise\.yaml\s+\d+\s+.+\s+（随系统提供）/);
  expect(problems(await readable(page))).toEqual([]);

  await row.locator('a').click();
  await page.waitForURL(`${app.baseUrl}/admin/rules/noise`);
  await page.waitForSelector('.cm-content');
  await page.locator('.editor-issues', { hasText: '检查通过' }).waitFor();
  expect(problems(await readable(page))).toEqual([]);

  // invalid: the field and line shown as typed; activation refused, the file untouched
  await setEditorText(page, original.replace('weight: 0.75', 'weight: 高'));
  const issue = page.locator('.editor-issues li').first();
  await issue.waitFor();
  expect(await issue.innerText()).toMatch(/第 9 行 字段 sub_items\[0\]\.rules\[0\]\.weight：expected a number, received/);
  expect(await page.locator('button:text-is("启用")').isDisabled()).toBe(true);
  await page.keyboard.press('Control+S');
  await page.locator('#toast', { hasText: '不能启用' }).waitFor();
  expect(rules.noise()).toBe(original);

  // a phrase added: tested (not activated), the labelled post and the stored post it gains
  const edited = withPhrase(original);
  await setEditorText(page, edited);
  await page.locator('.editor-issues', { hasText: '检查通过' }).waitFor();
  await page.fill('#trial-posts', '500');
  await page.click('.cm-content');
  await page.keyboard.press('Control+Enter');
  const gained = page.locator('details[data-set="mini"] .trial-gained li[data-post="m1"]');
  await gained.waitFor({ timeout: 60_000 });
  expect(await gained.innerText()).toContain(`${XSS}${PHRASE_TEXT}`);
  expect(await page.locator('tr[data-set="mini"]').innerText()).toMatch(/3\s+100\.0% → 100\.0%\s+0\.0% → 100\.0%\s+0\.0% → 100\.0%\s+1\s+0/);
  expect(await page.locator('p[data-set="stored"]').innerText()).toContain('判为线索 0 → 1 条，新判为线索 1 条');
  expect(await page.locator('details[data-set="stored"] .trial-gained').innerText()).toContain(`${XSS}${PHRASE_TEXT}`);
  expect(rules.noise()).toBe(original);
  await inert(page);

  // activate: written, a version with who
  page.once('dialog', (d) => void d.accept());
  await page.click('.cm-content');
  await page.keyboard.press('Control+S');
  await page.locator('tr[data-version="2"]').waitFor({ timeout: 60_000 });
  expect(await page.locator('tr[data-version="2"]').innerText()).toMatch(/第 2 版\s+启用\s+王管理/);
  expect(await page.locator('tr[data-version="1"]').innerText()).toMatch(/第 1 版\s+导入（磁盘上的内容）\s+系统/);
  expect(rules.noise()).toBe(edited);
  await page.click('tr[data-version="2"] button:text-is("与上一版比较")');
  expect(await page.locator('pre.diff .diff-add').allInnerTexts()).toContain(`+         any: [${NEW_PHRASE}]`);

  // roll back to the shipped text
  page.once('dialog', (d) => void d.accept());
  await page.click('tr[data-version="1"] button:text-is("回滚到此版本")');
  await page.locator('tr[data-version="3"]', { hasText: '回滚' }).waitFor({ timeout: 60_000 });
  expect(rules.noise()).toBe(original);
  await inert(page);
  expect(errors).toEqual([]);
  await page.close();
}, 180_000);

it('the rule pages are for admins: a verifier gets 403 and no menu entry', async () => {
  const page = await loggedInPage(browser, app.baseUrl, 'li', errors);
  expect(await page.locator('#nav-rules').isHidden()).toBe(true);
  for (const url of ['/admin/rules', '/admin/rules/noise']) expect((await page.goto(app.baseUrl + url))?.status(), url).toBe(403);
  await page.close();
  expect(errors).toEqual([]);
});
