import type { Browser, Page } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM } from '../../src/audit/actor.js';
import { recordAudit } from '../../src/audit/audit-log.js';
import { addUser } from '../../src/auth/user-accounts.js';
import { saveCrawlHealth } from '../../src/storage/crawl-health.js';
import { addMissedCandidate } from '../../src/storage/missed-candidates.js';
import { storePosts } from '../../src/storage/posts.js';
import { setLeadDomains } from '../../src/storage/public-interest.js';
import { insertLead } from '../helpers/lead-fixtures.js';
import { tempContext, type TempContext } from '../helpers/temp-context.js';
import { fitsWindow, problems, readable } from '../helpers/readable-page.js';
import { closeInOrder, launchBrowser, loggedInPage } from '../helpers/web-browser.js';
import { login, startApp, TEST_PASSWORD, type RunningApp } from '../helpers/web-app.js';

/**
 * "The verifier's day" (#13): every page a verifier or an admin sees, in every state the seed can
 * give it, reads as Chinese — no English words, no raw ids (user:2, rule ids, field codes), no ISO
 * times — and a very long unbroken string never makes a page wider than the window.
 */
let ctx: TempContext;
let app: RunningApp;
let browser: Browser;
const errors: string[] = [];
const ids = {} as Record<'confirmed' | 'rejected' | 'merged' | 'target' | 'open', number>;
let orderNumber = '';
/** Unbroken and long: a reject note, a work-order note, a post and a crawler error carry it. */
const LONG = '9'.repeat(400);

async function visit(page: Page, path: string, ready: string): Promise<string[]> {
  await page.goto(app.baseUrl + path);
  await page.waitForSelector(ready);
  await fitsWindow(page);
  return problems(await readable(page)).map((p) => `${path}: ${p}`);
}

beforeAll(async () => {
  ctx = tempContext();
  await addUser(ctx.db, { name: 'zhang', displayName: '张伟', role: 'verifier', password: TEST_PASSWORD }, SYSTEM);
  await addUser(ctx.db, { name: 'boss', displayName: '刘强', role: 'admin', password: TEST_PASSWORD }, SYSTEM);
  const post = (text: string) => ({ text, platform: 'demo-weibo', publishedAt: '2026-12-06T10:29:54.000Z' });
  const matched = ['municipal.manhole.missing_cover', 'urgent.manhole_open', 'signal.danger'];
  ids.confirmed = insertLead(ctx.db, { posts: [post('固戍地铁站A出口井盖丢了，晚上很危险')], category: 'municipal', subItem: 'municipal.manhole', urgency: 'urgent', matched, score: 0.9,
    spans: [{ postIndex: 0, start: 9, end: 11, rule: 'municipal.manhole.missing_cover' }] }).leadId;
  ids.rejected = insertLead(ctx.db, { posts: [post('新楼盘开盘大酬宾，欢迎来电')], score: 0.8 }).leadId;
  ids.merged = insertLead(ctx.db, { posts: [post('深南大道又积水了')], category: 'municipal', score: 0.7 }).leadId;
  ids.target = insertLead(ctx.db, { posts: [post('深南大道积水严重，车都过不去')], category: 'municipal', score: 0.6 }).leadId;
  ids.open = insertLead(ctx.db, { posts: [post(`小区路灯坏了一个月${LONG}`)], category: 'municipal', matched, score: 0.5,
    spans: [{ postIndex: 0, start: 2, end: 4, rule: 'urgent.manhole_open' }] }).leadId;
  ctx.db.prepare('UPDATE leads SET evidence = ? WHERE id = ?').run(JSON.stringify({
    decided_by: 'rules+model', rules_lead: true, rules_score: 0.62, locality: 'place', urgency_by: 'rules',
    model: { version: 'm20261201-0a1b2c3d', p_lead: 0.91, p_urgent: 0.2, category: 'municipal', p_category: 0.8, for: [{ text: '路灯', weight: 0.5 }], against: [{ text: '请问', weight: -0.1 }] },
  }), ids.open);
  setLeadDomains(ctx.db, ids.open, ['ecology', 'minors']);
  recordAudit(ctx.db, { actor: SYSTEM, entity: 'lead', entityId: ids.open, action: 'created', after: { post_id: 5, category: 'municipal', urgency: 'normal', score: 0.5, matched } });

  const now = new Date().toISOString();
  const { newIds } = storePosts(ctx.db, [{ platform: 'demo-forum', platformPostId: 'cn-1', text: '我们这栋楼又停水了，也没个通知', raw: '{}', ipLocation: '广东' }]);
  addMissedCandidate(ctx.db, { postId: newIds[0]!, pLead: 0.41, category: 'municipal', evidence: JSON.stringify({ decided_by: 'neither', rules_lead: false, rules_score: 0, locality: 'none' }), day: now.slice(0, 10), now });
  saveCrawlHealth(ctx.db, { platform: 'weibo-search', state: 'backing_off', definition_file: 'weibo-search.yaml', last_run_at: now, last_success_at: null, consecutive_failures: 3,
    next_attempt_at: new Date(Date.now() + 3_600_000).toISOString(), last_error: `HTTP 429 from https://m.weibo.cn/api/container/getIndex?q=${LONG}` });

  app = await startApp(ctx);
  // The day's decisions, through the API a verifier's browser uses.
  const zhang = await login(app.baseUrl, 'zhang');
  orderNumber = (await zhang.post(`/api/leads/${ids.confirmed}/confirm`, { version: 1 })).body.workOrder.number;
  expect((await zhang.post(`/api/work-orders/${orderNumber}/transitions`, { to: 'accepted', version: 2, note: `现场已派人查看${LONG}` })).status).toBe(200);
  expect((await zhang.post(`/api/leads/${ids.rejected}/reject`, { version: 1, reason: 'advertising', note: LONG })).status).toBe(200);
  expect((await zhang.post(`/api/leads/${ids.merged}/merge`, { version: 1, into: ids.target })).status).toBe(200);
  expect((await zhang.patch(`/api/leads/${ids.open}`, { version: 1, district: '南山区', street: '粤海街道' })).status).toBe(200);
  await zhang.post(`/api/auth/logout`);
  browser = await launchBrowser(ctx);
}, 60_000);
afterAll(() => closeInOrder(browser, app, ctx));

describe('no English and no raw ids on any page a verifier or an admin sees', () => {
  it('the login page', async () => {
    const page = await browser.newPage();
    await page.goto(`${app.baseUrl}/login`);
    await page.waitForSelector('#login-form');
    expect(problems(await readable(page))).toEqual([]);
    await page.close();
  });

  it('a verifier\'s pages: queue, every lead state, work orders, one work order, 可能遗漏, 我的处理记录, 公益诉讼线索, an admin page refused', async () => {
    const page = await loggedInPage(browser, app.baseUrl, 'zhang', errors);
    const found = [
      ...(await visit(page, '/', '#queue-summary')),
      ...(await visit(page, '/?status=rejected', '#queue-summary')),
      ...(await visit(page, `/leads/${ids.open}`, 'section.lead .audit tbody tr')),
      ...(await visit(page, `/leads/${ids.rejected}`, 'section.lead .audit tbody tr')),
      ...(await visit(page, `/leads/${ids.merged}`, 'section.lead .audit tbody tr')),
      ...(await visit(page, `/leads/${ids.target}`, 'section.lead .audit tbody tr')),
      ...(await visit(page, `/leads/${ids.confirmed}`, 'section.lead .audit tbody tr')),
      ...(await visit(page, '/work-orders', 'table.list tbody td a')),
      ...(await visit(page, `/work-orders/${orderNumber}`, 'section.work-order .audit tbody tr')),
      ...(await visit(page, '/missed', '.missed-item')),
      ...(await visit(page, '/mine', '#mine-summary')),
      ...(await visit(page, '/public-interest', 'table.pi-table tbody tr[data-id]')),
      ...(await visit(page, '/platforms', 'h1')),
      ...(await visit(page, '/api/admin/platforms', 'h1')),
    ];
    expect(found).toEqual([]);
    // What the pages say, not only what they do not: names, verbs, Beijing time, rule names.
    await page.goto(`${app.baseUrl}/leads/${ids.rejected}`);
    await page.waitForSelector('section.lead .audit tbody tr');
    const audit = await page.locator('section.lead .audit').innerText();
    expect(audit).toContain('张伟');
    expect(audit).toContain('驳回');
    expect(audit).toContain('状态：待核实 → 已驳回');
    expect(audit).toMatch(/\d{4}-\d\d-\d\d \d\d:\d\d/);
    await page.goto(`${app.baseUrl}/leads/${ids.open}`);
    await page.waitForSelector('section.lead .audit tbody tr');
    expect(await page.locator('.facts').innerText()).toContain('紧急：井盖缺失或敞口');
    expect(await page.locator('.post header').first().innerText()).toContain('演示 · 微博 · 深圳市民 · 2026-12-06 18:29');
    await page.goto(`${app.baseUrl}/work-orders/${orderNumber}`);
    await page.waitForSelector('section.work-order .audit tbody tr');
    expect(await page.locator('.post-text').first().innerText()).toContain('- 演示 · 微博，2026-12-06 18:29 发布：');
    expect(await page.locator('table.history-table').innerText()).toContain('张伟');
    await page.goto(`${app.baseUrl}/platforms`);
    expect(await page.locator('h1').innerText()).toBe('无权访问');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('an admin\'s 采集平台 page, with a very long crawler error', async () => {
    const page = await loggedInPage(browser, app.baseUrl, 'boss', errors);
    expect(await visit(page, '/platforms', 'tr[data-platform="weibo-search"]')).toEqual([]);
    expect(await page.locator('tr[data-platform="demo-weibo"], tr[data-platform="weibo-search"] td').first().innerText()).toBe('微博实时搜索');
    expect(errors).toEqual([]);
    await page.close();
  });
});
