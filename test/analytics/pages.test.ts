import type { Browser } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM } from '../../src/audit/actor.js';
import { confirmLead } from '../../src/workorders/confirm-lead.js';
import { tempContext, type TempContext } from '../helpers/temp-context.js';
import { closeInOrder, launchBrowser, loggedInPage } from '../helpers/web-browser.js';
import { createUser, startApp, type RunningApp } from '../helpers/web-app.js';
import { insertLead } from '../workorders/fixtures.js';

/** The supervisors' pages in real Chromium, for each role that reads them; hostile lead text stays inert in charts and tables. */
let ctx: TempContext;
let app: RunningApp;
let browser: Browser;
const errors: string[] = [];
const HOSTILE = '<img src=x onerror="window.__pwned=1">{a|x}';
const ago = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();

beforeAll(async () => {
  ctx = tempContext();
  for (let i = 0; i < 4; i++) insertLead(ctx.db, { district: '宝安区', street: HOSTILE, place: HOSTILE, category: 'sanitation', sub_item: 'sanitation.garbage', discovered_at: ago(60 + i), posts: [{ text: HOSTILE }] });
  confirmLead(ctx, { leadId: insertLead(ctx.db, { district: '南山区', street: '粤海街道', discovered_at: ago(20) }), actor: SYSTEM });
  app = await startApp(ctx);
  await createUser(ctx, 'boss', 'admin');
  await createUser(ctx, 'wang', 'verifier');
  await createUser(ctx, 'jian', 'supervisor');
  browser = await launchBrowser(ctx);
}, 60_000);
afterAll(() => closeInOrder(browser, app, ctx));

describe('总览 in Chromium', () => {
  for (const user of ['jian', 'wang', 'boss']) {
    it(`shows totals, a chart, table and CSV per figure, and the glossary (${user})`, async () => {
      const page = await loggedInPage(browser, app.baseUrl, user, errors);
      await page.click('nav a[href="/overview"]');
      await page.waitForSelector('#overview-totals');
      await page.waitForSelector('#figure-by_district canvas');
      expect(await page.locator('#overview-totals .stat-value').first().textContent()).toBe(String(ctx.db.prepare('SELECT count(*) FROM posts').pluck().get()));
      const figures = await page.locator('section.figure').count();
      expect(figures).toBeGreaterThanOrEqual(10);
      expect(await page.locator('section.figure a.csv').count()).toBe(figures);
      expect(await page.locator('#glossary dt').count()).toBeGreaterThan(5);
      // hostile street name: a text cell, and the chart's tooltip draws it as text
      await page.locator('#figure-by_street summary').click();
      expect(await page.locator('#figure-by_street td a').first().textContent()).toBe(`宝安区${HOSTILE}`);
      const box = (await page.locator('#figure-by_street canvas').first().boundingBox())!;
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      await page.waitForTimeout(200);
      expect(await page.evaluate(() => (window as any).__pwned)).toBeUndefined();
      expect(await page.locator('main img').count()).toBe(0);
      // drill-down: the district's row opens its list
      await page.locator('#figure-by_district summary').click();
      await page.locator('#figure-by_district td a', { hasText: '宝安区' }).click();
      await page.waitForSelector('#period-leads-summary');
      expect(await page.locator('#period-leads-summary').textContent()).toContain('共 4 条');
      await page.close();
      expect(errors).toEqual([]);
    }, 60_000);
  }
});

describe('热点与类案 in Chromium', () => {
  it('lists the hostile-named hotspot as text, watches it, and opens its leads', async () => {
    const page = await loggedInPage(browser, app.baseUrl, 'jian', errors);
    await page.click('nav a[href="/hotspots"]');
    await page.waitForSelector('#hotspot-list');
    const row = page.locator('#hotspot-list tbody tr').first();
    expect(await row.locator('td').first().textContent()).toContain(`宝安区 ${HOSTILE} ${HOSTILE}`);
    await page.waitForSelector('#figure-hotspots canvas');
    const box = (await page.locator('#figure-hotspots canvas').first().boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await row.locator('button.watch').click();
    await page.waitForSelector('#topics a');
    expect(await page.locator('#topics a').first().textContent()).toBe(`宝安区 ${HOSTILE} ${HOSTILE}`);
    expect(await page.evaluate(() => (window as any).__pwned)).toBeUndefined();
    expect(await page.locator('main img').count()).toBe(0);
    await row.locator('a', { hasText: '4 条线索' }).click();
    await page.waitForSelector('#period-leads-summary');
    expect(await page.locator('#period-leads-summary').textContent()).toContain('共 4 条');
    await page.close();
    expect(errors).toEqual([]);
  }, 60_000);
});

describe('地图 in Chromium', () => {
  it('draws the districts from the shipped boundaries, lists counts, and drills down to a district\'s streets and leads', async () => {
    const page = await loggedInPage(browser, app.baseUrl, 'jian', errors);
    const outside: string[] = [];
    page.on('request', (r) => { if (!r.url().startsWith(app.baseUrl)) outside.push(r.url()); });
    await page.click('nav a[href="/map"]');
    await page.waitForSelector('#district-map canvas');
    const box = (await page.locator('#district-map canvas').first().boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.locator('#figure-by_district summary').click();
    await page.locator('#figure-by_district td a', { hasText: '宝安区' }).click();
    await page.waitForSelector('#period-leads-summary');
    await page.goBack();
    await page.goto(`${app.baseUrl}/map?district=${encodeURIComponent('宝安区')}`);
    await page.waitForSelector('#figure-by_street');
    expect(await page.locator('#map-period').textContent()).toContain('宝安区');
    expect(outside).toEqual([]);
    expect(await page.evaluate(() => (window as any).__pwned)).toBeUndefined();
    await page.close();
    expect(errors).toEqual([]);
  }, 60_000);
});


describe('figures read before a change, in Chromium', () => {
  it('the pages say when their figures were read while a newer read is on its way, and nothing when current', async () => {
    const page = await loggedInPage(browser, app.baseUrl, 'jian', errors);
    await page.goto(`${app.baseUrl}/hotspots`);
    await page.waitForSelector('section.figure');
    expect(await page.locator('.as-of').count()).toBe(0);
    // answers as the server gives them during FIGURE_MAX_STALE_SECONDS after a change: asOf two minutes ago
    const readAt = new Date(Date.now() - 120_000);
    await page.route(/\/api\/analytics\/(overview|hotspots|map)\?/, async (route) => {
      const res = await route.fetch();
      await route.fulfill({ response: res, json: { ...(await res.json()), asOf: readAt.toISOString() } });
    });
    const hhmm = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(readAt);
    for (const [path, what] of [['/overview', '工单数据截至'], ['/hotspots', '数据截至'], ['/map', '工单数据截至']]) {
      await page.goto(`${app.baseUrl}${path}`);
      await page.waitForSelector('.as-of');
      const note = await page.locator('.as-of').textContent();
      expect(note).toContain(what);
      expect(note).toContain(hhmm);
      expect(note).toContain('正在更新');
    }
    await page.close();
    expect(errors).toEqual([]);
  });
});
