import { randomBytes } from 'node:crypto';
import type { Browser } from 'playwright';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { SYSTEM } from '../../src/audit/actor.js';
import { addUser } from '../../src/auth/user-accounts.js';
import { tempContext, type TempContext } from '../helpers/temp-context.js';
import { fitsWindow, problems, readable } from '../helpers/readable-page.js';
import { closeInOrder, launchBrowser, loggedInPage } from '../helpers/web-browser.js';
import { startApp, TEST_PASSWORD, type RunningApp } from '../helpers/web-app.js';

/** 平台账号 in Chromium (#12): saved secrets come back masked, never as typed. */
let ctx: TempContext;
let app: RunningApp;
let browser: Browser;
const errors: string[] = [];
const COOKIE = 'SUB=_2A25Lsecret-cookie-value; SUBP=0033WrSXqPxfM725';
const TOKEN = 'tok-secret-value-0123456789';
const HOSTILE = '<img src=x onerror="window.__pwned=1">';

beforeAll(async () => {
  ctx = tempContext({ secretsKey: randomBytes(32).toString('hex') });
  await addUser(ctx.db, { name: 'boss', displayName: '刘强', role: 'admin', password: TEST_PASSWORD }, SYSTEM);
  app = await startApp(ctx);
  browser = await launchBrowser(ctx);
}, 60_000);
afterAll(() => closeInOrder(browser, app, ctx));

it('adds an account whose cookie and token are shown masked, and not in the page or any answer', async () => {
  const page = await loggedInPage(browser, app.baseUrl, 'boss', errors);
  const answers: string[] = [];
  page.on('response', async (r) => {
    if (r.url().includes('/api/')) answers.push(await r.text().catch(() => ''));
  });
  await page.goto(`${app.baseUrl}/admin/platform-accounts`);
  await page.waitForSelector('table.accounts-table td.empty');
  expect(problems(await readable(page))).toEqual([]);
  await page.keyboard.press('n');
  await page.keyboard.type(`账号一${HOSTILE}`);
  await page.fill('#new-account input[name=cookie]', COOKIE);
  await page.fill('#new-account input[name=header_name]', 'X-Token');
  await page.fill('#new-account input[name=header_value]', TOKEN);
  await page.click('#new-account button[type=submit]');
  const row = page.locator('table.accounts-table tr[data-account]');
  await row.waitFor();
  expect(await row.locator('td.masked').innerText()).toMatch(/Cookie：••••••••（\d+ 个字符）\s+X-Token：••••••••（\d+ 个字符）/);
  expect(await row.innerText()).toContain(HOSTILE);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  expect(await page.inputValue('#new-account input[name=cookie]')).toBe(''); // the form forgets it too
  await page.reload();
  await row.waitFor();
  answers.push(await page.content());
  for (const text of answers) for (const secret of [COOKIE, TOKEN]) expect(text).not.toContain(secret);
  expect(problems((await readable(page)).replaceAll(HOSTILE, ''))).toEqual([]);
  await fitsWindow(page);
  page.on('dialog', (d) => void d.accept());
  await row.locator('button', { hasText: '停用' }).click();
  await expect.poll(() => row.innerText()).toContain('已停用');
  await row.locator('button', { hasText: '删除' }).click();
  await page.waitForSelector('table.accounts-table td.empty');
  expect(errors).toEqual([]);
});
