import type { Browser, Page } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertLead } from '../helpers/lead-fixtures.js';
import { tempContext, type TempContext } from '../helpers/temp-context.js';
import { closeInOrder, launchBrowser, loginInBrowser } from '../helpers/web-browser.js';
import { createUser, startApp, type RunningApp } from '../helpers/web-app.js';

/** The queue's tools in Chromium: post time, orders, urgency filter with counts, bulk reject by keyboard, 我的处理记录. */
let ctx: TempContext;
let app: RunningApp;
let browser: Browser;
let page: Page;
const errors: string[] = [];
const ids: Record<string, number> = {};
const ago = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();
const summaries = () => page.locator('table.list tbody td.summary a').allTextContents();

beforeAll(async () => {
  ctx = tempContext();
  await createUser(ctx, 'zhao', 'verifier');
  ids.stale = insertLead(ctx.db, { posts: [{ text: '三个月前的旧帖：桥下井盖丢失', publishedAt: ago(90) }], urgency: 'urgent', score: 0.9, category: 'municipal', heat: 1, discoveredAt: ago(0.01) }).leadId;
  ids.hot = insertLead(ctx.db, { posts: [{ text: '热议：地铁口积水很深', publishedAt: ago(0.3) }], score: 0.5, category: 'municipal', heat: 50, discoveredAt: ago(0.2) }).leadId;
  ids.adA = insertLead(ctx.db, { posts: [{ text: '楼盘广告甲：首付五万', publishedAt: ago(0.1) }], score: 0.3, category: 'property', discoveredAt: ago(0.1) }).leadId;
  ids.adB = insertLead(ctx.db, { posts: [{ text: '楼盘广告乙：买房送车位', publishedAt: ago(0.1) }], score: 0.2, category: 'property', discoveredAt: ago(0.1) }).leadId;
  app = await startApp(ctx);
  browser = await launchBrowser(ctx);
  page = await browser.newPage();
  page.on('pageerror', (err) => errors.push(err.message));
  page.on('console', (msg) => msg.type() === 'error' && errors.push(msg.text()));
  await loginInBrowser(page, app.baseUrl, 'zhao');
});
afterAll(() => closeInOrder(browser, app, ctx));

describe('the queue tools', () => {
  it('shows when each problem was posted, and flags a post found long after it was written', async () => {
    await expect.poll(summaries).toEqual(['三个月前的旧帖：桥下井盖丢失', '热议：地铁口积水很深', '楼盘广告甲：首付五万', '楼盘广告乙：买房送车位']);
    const first = page.locator('table.list tbody tr').first();
    expect(await first.locator('td.posted').textContent()).toMatch(/90 天前.*旧帖/);
    expect(await first.locator('td.posted').getAttribute('title')).toMatch(/^发帖于 \d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    expect(await page.locator('#queue-summary').textContent()).toContain('待核实 4 条，其中紧急 1 条');
  });

  it('the filters carry counts, and choosing an order or an urgency applies at once', async () => {
    expect(await page.locator('select[name=urgency] option').allTextContents()).toEqual(['全部', '紧急（1）', '一般（3）']);
    expect((await page.locator('select[name=category] option').allTextContents()).filter((t) => /（[1-9]）/.test(t))).toHaveLength(2);
    await page.selectOption('select[name=sort]', 'heat');
    await expect.poll(async () => (await summaries())[0]).toBe('热议：地铁口积水很深');
    expect(page.url()).toContain('sort=heat');
    await page.selectOption('select[name=urgency]', 'urgent');
    await expect.poll(summaries).toEqual(['三个月前的旧帖：桥下井盖丢失']);
    await page.selectOption('select[name=urgency]', '');
    await page.selectOption('select[name=sort]', 'urgency');
    await expect.poll(summaries).toHaveLength(4);
  });

  it('x selects rows, and the bar rejects them all with one reason', async () => {
    await page.locator('main').focus();
    for (const key of ['j', 'j', 'x', 'j', 'x']) await page.keyboard.press(key);
    await expect.poll(() => page.locator('#bulk-bar').textContent()).toContain('已选 2 条');
    await page.selectOption('select[name=bulk-reason]', 'advertising');
    await page.fill('input[name=bulk-note]', '同一楼盘的广告');
    await page.click('#bulk-bar button[type=submit]');
    await expect.poll(() => page.locator('#toast').textContent()).toBe('已驳回 2 条。');
    await expect.poll(summaries).toEqual(['三个月前的旧帖：桥下井盖丢失', '热议：地铁口积水很深']);
    for (const id of [ids.adA, ids.adB]) {
      expect(ctx.db.prepare('SELECT status, reject_reason, reject_note FROM leads WHERE id = ?').get(id)).toEqual({ status: 'rejected', reject_reason: 'advertising', reject_note: '同一楼盘的广告' });
    }
    expect(await page.locator('#bulk-bar').isHidden()).toBe(true);
  });

  it('我的处理记录 lists what I decided today, in Chinese, linking to the leads', async () => {
    await page.click('nav a[href="/mine"]');
    await page.waitForSelector('#mine-summary');
    expect(await page.locator('#mine-summary').textContent()).toMatch(/^\d{4}-\d{2}-\d{2}：驳回 2 条。$/);
    const rows = page.locator('section.mine tbody tr');
    expect(await rows.count()).toBe(2);
    expect(await rows.first().locator('td').allTextContents()).toEqual([expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/), '驳回', '楼盘广告乙：买房送车位', expect.stringContaining('原因：'), '已驳回']);
    await rows.first().locator('td.summary a').click();
    await page.waitForURL(`${app.baseUrl}/leads/${ids.adB}`);
    await page.waitForSelector('.facts dl');
    expect(await page.locator('.facts dl').textContent()).toMatch(/发帖时间\d{4}-\d{2}-\d{2} \d{2}:\d{2}（\d+ 小时前）/);
    expect(errors).toEqual([]);
  });
});
