import type { Browser, Page } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertLead } from '../helpers/lead-fixtures.js';
import { tempContext, type TempContext } from '../helpers/temp-context.js';
import { closeInOrder, launchBrowser, loginInBrowser } from '../helpers/web-browser.js';
import { createUser, startApp, TEST_PASSWORD, type RunningApp } from '../helpers/web-app.js';

let ctx: TempContext;
let app: RunningApp;
let browser: Browser;
let page: Page;
const errors: string[] = [];
const ids = {} as Record<'first' | 'second' | 'third' | 'target' | 'fifth', number>;

/** The lead page of `id` is rendered and its claim taken. */
const claimed = (id: number) => page.waitForSelector(`section.lead[data-lead-id="${id}"] .banner.ok`);

const leadStatus = (id: number) => ctx.db.prepare('SELECT status, reject_reason, merged_into, district, edited_fields FROM leads WHERE id = ?').get(id) as Record<string, string>;

beforeAll(async () => {
  ctx = tempContext();
  await createUser(ctx, 'zhang', 'verifier');
  // Queue order: urgent first, then score.
  ids.first = insertLead(ctx.db, { posts: [{ text: '福田区华强北路口垃圾堆了三天没人清理' }], urgency: 'urgent', score: 0.9, spans: [{ postIndex: 0, start: 8, end: 10, rule: 'sanitation.garbage' }] }).leadId;
  ids.second = insertLead(ctx.db, { posts: [{ text: '这家新开的奶茶店买一送一，快来' }], score: 0.8 }).leadId;
  ids.third = insertLead(ctx.db, { posts: [{ text: '深南大道积水严重，车都过不去' }], score: 0.7 }).leadId;
  ids.target = insertLead(ctx.db, { posts: [{ text: '深南大道又积水了' }], score: 0.6, heat: 2 }).leadId;
  ids.fifth = insertLead(ctx.db, { posts: [{ text: '小区路灯坏了一个月' }], score: 0.5, district: null }).leadId;
  app = await startApp(ctx);
  browser = await launchBrowser(ctx);
  page = await browser.newPage();
  page.on('pageerror', (err) => errors.push(err.message));
  page.on('console', (msg) => msg.type() === 'error' && errors.push(msg.text()));
});
afterAll(() => closeInOrder(browser, app, ctx));

describe('working the queue with the keyboard', () => {
  it('logs in and shows the queue in order, with the keys on screen', async () => {
    await loginInBrowser(page, app.baseUrl, 'zhang');
    const rows = page.locator('table.list tbody tr');
    await expect.poll(() => rows.count()).toBe(5);
    expect(await rows.first().locator('td.summary').textContent()).toContain('华强北');
    expect(await page.locator('.keys').textContent()).toContain('打开');
  });

  it('j/k move the selection; Enter opens the lead and claims it; spans are highlighted', async () => {
    await page.keyboard.press('j');
    await page.keyboard.press('j');
    await page.keyboard.press('k');
    expect(await page.locator('tr.selected td.summary').textContent()).toContain('奶茶');
    await page.keyboard.press('k');
    await page.keyboard.press('Enter');
    await page.waitForURL(`${app.baseUrl}/leads/${ids.first}`);
    await claimed(ids.first);
    expect(await page.locator('mark').first().textContent()).toBe('垃圾');
    expect(await page.locator('.actions').textContent()).toContain('确认并生成工单');
    const claimedBy = ctx.db.prepare('SELECT claimed_by FROM leads WHERE id = ?').pluck().get(ids.first);
    expect(claimedBy).not.toBeNull();
  });

  it('c confirms the lead into a work order and moves to the next lead', async () => {
    await page.keyboard.press('c');
    await page.waitForURL(`${app.baseUrl}/leads/${ids.second}`);
    const toast = await page.locator('#toast').textContent();
    expect(toast).toMatch(/已确认，生成工单 GD\d{8}-\d{6}/);
    expect(leadStatus(ids.first).status).toBe('confirmed');
    expect(ctx.db.prepare('SELECT count(*) FROM work_orders WHERE lead_id = ?').pluck().get(ids.first)).toBe(1);
  });

  it('r then 4 rejects with the fourth reason (advertising)', async () => {
    await claimed(ids.second);
    await page.keyboard.press('r');
    await page.waitForSelector('#reject-panel');
    expect(await page.locator('#reject-panel').textContent()).toContain('广告营销');
    await page.keyboard.press('4');
    await page.waitForURL(`${app.baseUrl}/leads/${ids.third}`);
    expect(leadStatus(ids.second)).toMatchObject({ status: 'rejected', reject_reason: 'advertising' });
  });

  it('m merges into another lead by number', async () => {
    await claimed(ids.third);
    await page.keyboard.press('m');
    await page.fill('#merge-panel input[name=into]', String(ids.target));
    await page.keyboard.press('Enter');
    await claimed(ids.target);
    expect(leadStatus(ids.third)).toMatchObject({ status: 'merged', merged_into: ids.target });
    await expect.poll(() => page.locator('article.post').count()).toBe(2); // the moved post shows on the target
  });

  it('e edits a suggestion; the field is marked as edited; the audit trail shows it', async () => {
    await page.keyboard.press('j');
    await claimed(ids.fifth);
    await page.keyboard.press('e');
    await page.selectOption('#edit-panel select[name=district]', '龙岗区');
    await page.click('#edit-panel button[type=submit]');
    await expect.poll(() => leadStatus(ids.fifth).district).toBe('龙岗区');
    expect(JSON.parse(leadStatus(ids.fifth).edited_fields!)).toContain('district');
    await expect.poll(async () => page.locator('.audit').textContent()).toContain('龙岗区');
  });

  it('new leads appear in the queue without a reload (server-sent events)', async () => {
    await page.keyboard.press('q');
    await page.waitForURL(`${app.baseUrl}/`);
    await page.waitForSelector('table.list tbody tr');
    insertLead(ctx.db, { posts: [{ text: '刚刚发生：燃气泄漏味道很重' }], urgency: 'urgent', score: 1 });
    await expect.poll(() => page.locator('table.list tbody tr').first().textContent(), { timeout: 15_000 }).toContain('燃气泄漏');
  });

  it('the work order page shows the confirmed order with its history', async () => {
    const number = ctx.db.prepare('SELECT number FROM work_orders WHERE lead_id = ?').pluck().get(ids.first) as string;
    await page.goto(`${app.baseUrl}/work-orders/${number}`);
    await page.waitForSelector('.work-order h1');
    expect(await page.locator('.work-order h1').textContent()).toContain(number);
    expect(await page.locator('.audit').first().textContent()).toContain('派发');
    // Act on it through the work-order API: dispatched → accepted; the history shows the step.
    await page.getByRole('button', { name: '改为「已受理」' }).click();
    await expect.poll(() => ctx.db.prepare('SELECT status FROM work_orders WHERE number = ?').pluck().get(number)).toBe('accepted');
    await expect.poll(() => page.locator('.work-order h1').textContent()).toContain('已受理');
    await page.goto(`${app.baseUrl}/work-orders`);
    await expect.poll(() => page.locator('table.list tbody').textContent()).toContain(number);
    expect(errors).toEqual([]);
  });

  it('logs out, and after logging in again never follows ?next= to another site', async () => {
    await page.click('#logout');
    await page.waitForURL(/\/login/);
    expect((await page.request.get(`${app.baseUrl}/api/auth/session`)).status()).toBe(401);
    for (const next of ['//evil.example/', '/\\evil.example/', 'https://evil.example/']) {
      await page.goto(`${app.baseUrl}/login?next=${encodeURIComponent(next)}`);
      await page.fill('#name', 'zhang');
      await page.fill('#password', TEST_PASSWORD);
      await page.click('button[type=submit]');
      await page.waitForURL(`${app.baseUrl}/`);
      await page.click('#logout');
      await page.waitForURL(/\/login/);
    }
  });
});
