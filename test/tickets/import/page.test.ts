/**
 * 热线工单导入 in Chromium: an admin uploads an export, follows it to 已完成 with its counts, and
 * downloads the rejected rows; a hostile file name and cell are shown as text, never run.
 */
import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { SYSTEM } from '../../../src/audit/actor.js';
import { addUser } from '../../../src/auth/user-accounts.js';
import { tempContext, type TempContext } from '../../helpers/temp-context.js';
import { fitsWindow, problems, readable } from '../../helpers/readable-page.js';
import { closeInOrder, launchBrowser, loggedInPage } from '../../helpers/web-browser.js';
import { startApp, TEST_PASSWORD, type RunningApp } from '../../helpers/web-app.js';
import { ROWS, writeCsv } from './fixtures.js';

let ctx: TempContext;
let app: RunningApp;
let browser: Browser;
const errors: string[] = [];
const HOSTILE = '<img src=x onerror="window.__pwned=1">';

beforeAll(async () => {
  ctx = tempContext();
  await addUser(ctx.db, { name: 'boss', displayName: '刘强', role: 'admin', password: TEST_PASSWORD }, SYSTEM);
  app = await startApp(ctx);
  browser = await launchBrowser(ctx);
}, 60_000);
afterAll(() => closeInOrder(browser, app, ctx));

it('uploads an export, shows its progress to 已完成 with the counts, and offers the rejected rows', async () => {
  const page = await loggedInPage(browser, app.baseUrl, 'boss', errors);
  await page.goto(`${app.baseUrl}/admin/ticket-imports`);
  await page.waitForSelector('#ticket-upload select[name=source] option[value="demo-hotline"]', { state: 'attached' });
  expect(problems(await readable(page))).toEqual([]);
  const file = writeCsv(ctx.dir, 'export.csv', [...ROWS, { no: 'GD0099', at: '2026/12/7 14:00', text: `工地噪音${HOSTILE}` }]);
  await page.setInputFiles('#ticket-upload input[type=file]', { name: `十二月工单${HOSTILE}.csv`, mimeType: 'text/csv', buffer: readFileSync(file) });
  await page.click('#ticket-upload button[type=submit]');
  const row = page.locator('table.ticket-imports-table tr[data-import]').first();
  await row.locator('td.import-status', { hasText: '已完成' }).waitFor({ timeout: 30_000 });
  expect(await row.locator('td.inserted').innerText()).toBe('4');
  expect(await row.locator('td.rejected').innerText()).toBe('3');
  expect(await row.innerText()).toContain(`十二月工单${HOSTILE}.csv`);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  const [download] = await Promise.all([page.waitForEvent('download'), row.locator('a', { hasText: '下载未导入的行' }).click()]);
  const csv = readFileSync((await download.path())!, 'utf8');
  expect(csv.split('\r\n')[1]).toBe('3,工单编号（ticket_no）,非空文本,空,第 3 行：字段“工单编号”（工单编号 / 工单号）应为非空文本，实际为空');
  expect(problems((await readable(page)).replaceAll(HOSTILE, ''))).toEqual([]);
  await fitsWindow(page);
  expect(errors).toEqual([]);
}, 90_000);
