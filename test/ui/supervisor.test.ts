/**
 * A supervisor in real Chromium: reads the queue, a lead and a work order; sees no action they may
 * not take (no claim is made by opening a lead); keys that would act do nothing. On 重点工单 they
 * find an overdue order, put it under 督办 with a note, and read the record on the order's page.
 */
import type { Browser, Page } from 'playwright';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { SYSTEM } from '../../src/audit/actor.js';
import { confirmLead } from '../../src/workorders/confirm-lead.js';
import { insertLead } from '../helpers/lead-fixtures.js';
import { tempContext, type TempContext } from '../helpers/temp-context.js';
import { closeInOrder, launchBrowser, loggedInPage } from '../helpers/web-browser.js';
import { createUser, startApp, type RunningApp } from '../helpers/web-app.js';

let ctx: TempContext;
let app: RunningApp;
let browser: Browser;
let page: Page;
let leadId: number;
let number: string;
const errors: string[] = [];
const HOSTILE = '<img src=x onerror="window.__pwned=1">';

beforeAll(async () => {
  ctx = tempContext();
  await createUser(ctx, 'wangdu', 'supervisor');
  leadId = insertLead(ctx.db, { posts: [{ text: `河道漂浮大量垃圾${HOSTILE}` }] }).leadId;
  number = confirmLead(ctx, { leadId: insertLead(ctx.db, { posts: [{ text: '路灯不亮' }], place: HOSTILE }).leadId, actor: SYSTEM, now: new Date(Date.now() - 2 * 86_400_000) }).number;
  app = await startApp(ctx);
  browser = await launchBrowser(ctx);
  page = await loggedInPage(browser, app.baseUrl, 'wangdu', errors);
});
afterAll(() => closeInOrder(browser, app, ctx));

it('shows the queue without selection or personal-record links', async () => {
  expect(await page.locator('#whoami').textContent()).toContain('（监督员）');
  expect(await page.locator('nav a[href="/mine"]').isVisible()).toBe(false);
  expect(await page.locator('nav a[href="/missed"]').isVisible()).toBe(false);
  expect(await page.locator('nav a[href="/work-orders"]').isVisible()).toBe(true);
  await page.locator(`tr[data-id="${leadId}"]`).waitFor();
  expect(await page.locator('table.list input[type=checkbox]').first().isVisible()).toBe(false);
  await page.keyboard.press('x');
  expect(await page.locator('#bulk-bar').isVisible()).toBe(false);
});

it('opens a lead read-only: no action buttons, no claim, hostile text inert', async () => {
  await page.goto(`${app.baseUrl}/leads/${leadId}`);
  await page.locator('.post-text').first().waitFor();
  expect(await page.locator('.post-text').first().textContent()).toContain(HOSTILE);
  expect(await page.locator('button[data-key="c"]').count()).toBe(0);
  expect(await page.locator('button[data-key="j"]').count()).toBe(1);
  await page.keyboard.press('r');
  expect(await page.locator('#reject-panel').count()).toBe(0);
  expect(ctx.db.prepare('SELECT claimed_by FROM leads WHERE id = ?').pluck().get(leadId)).toBeNull();
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
});

it('opens a work order without status or edit actions', async () => {
  await page.goto(`${app.baseUrl}/work-orders/${number}`);
  await page.locator('h1', { hasText: number }).waitFor();
  expect(await page.getByRole('button', { name: '修改工单' }).count()).toBe(0);
  expect(await page.getByRole('button', { name: /改为「/ }).count()).toBe(0);
  expect(errors).toEqual([]);
});

it('puts an overdue order under 督办 from 重点工单 and reads the record on the order page', async () => {
  await page.click('nav a[href="/supervision"]');
  await page.waitForURL(/\/supervision\?list=overdue/);
  const row = page.locator(`tr[data-number="${number}"]`);
  await row.waitFor();
  expect(await row.textContent()).toContain(HOSTILE);
  expect(await page.locator('#supervision-csv').getAttribute('href')).toBe('/api/supervision/orders.csv?list=overdue');
  await row.getByRole('button', { name: '督办' }).click();
  await row.locator('textarea[name=note]').fill(`请三日内修复${HOSTILE}`);
  await row.getByRole('button', { name: '列入督办' }).click();
  await row.locator('.supervise-cell', { hasText: '督办中' }).waitFor();

  await page.click('button[data-list="supervised"]');
  const record = page.locator(`article.supervision-record[data-number="${number}"]`);
  await record.waitFor();
  expect(await record.locator('.supervision-note').textContent()).toBe(`请三日内修复${HOSTILE}`);
  expect(await record.textContent()).toContain('wangdu 于');

  await page.goto(`${app.baseUrl}/work-orders/${number}`);
  await page.locator('#supervision .supervision-note').waitFor();
  expect(await page.locator('#supervision').textContent()).toContain('督办中');
  expect(await page.locator('main img').count()).toBe(0);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  expect(errors).toEqual([]);
});
