/**
 * 热线线索 in real Chromium. A supervisor opens the page from the nav, filters by topic (the counts
 * row) and keyword, opens a hit by keyboard, reads the ticket with the rules' words marked, the
 * reply and the engine's reading, and records decisions (不予处理 with a reason, reopened, 移送).
 * Hostile ticket text stays text and a long unbroken string never widens the page; the page reads
 * Chinese only. A verifier sees no nav entry and the server refuses the page and the API.
 */
import type { Browser, Page } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenTicketTopics } from '../../src/ticket-leads/topic-screening.js';
import { expectInert } from '../helpers/page-checks.js';
import { fitsWindow, problems, readable } from '../helpers/readable-page.js';
import { tempContext, type TempContext } from '../helpers/temp-context.js';
import { insertTicket } from '../helpers/ticket-fixtures.js';
import { closeInOrder, launchBrowser, loggedInPage } from '../helpers/web-browser.js';
import { login, startApp, TEST_PASSWORD, type RunningApp } from '../helpers/web-app.js';
import { addUser } from '../../src/auth/user-accounts.js';
import { SYSTEM } from '../../src/audit/actor.js';

let ctx: TempContext;
let app: RunningApp;
let browser: Browser;
const errors: string[] = [];
const HOSTILE = '<img src=x onerror="window.__pwned=1">';
const LONG = '井'.repeat(3) + '9'.repeat(400);
const ids = {} as Record<'cover' | 'gym', number>;
const hit = (ticket: number, topic: string) => ctx.db.prepare('SELECT id FROM ticket_leads WHERE ticket_id = ? AND topic = ?').pluck().get(ticket, topic) as number;

beforeAll(async () => {
  ctx = tempContext();
  await addUser(ctx.db, { name: 'wangdu', displayName: '王督', role: 'supervisor', password: TEST_PASSWORD }, SYSTEM);
  await addUser(ctx.db, { name: 'li', displayName: '李核', role: 'verifier', password: TEST_PASSWORD }, SYSTEM);
  const day = 86_400_000;
  ids.cover = insertTicket(ctx.db, {
    ticketNo: '2026120100001', receivedAt: new Date(Date.now() - day).toISOString(), title: `井盖缺失${HOSTILE}`, text: `学校门口的井盖不见了，孩子放学很危险${HOSTILE}${LONG}`,
    categoryRaw: '城市管理', address: `宝城小学东门${HOSTILE}`, department: '宝安区城管局', statusRaw: '已办结', reply: `已更换井盖${HOSTILE}`, repliedAt: new Date().toISOString(),
    isLead: true, category: 'municipal', subItem: 'municipal.manhole', urgency: 'urgent', district: '宝安区', street: '新安街道', place: '宝城小学',
  });
  ids.gym = insertTicket(ctx.db, { ticketNo: '2026120100002', receivedAt: new Date(Date.now() - 2 * day).toISOString(), text: '健身房老板跑路，年卡不退', isLead: false, districtRaw: '南山区' });
  screenTicketTopics(ctx);
  app = await startApp(ctx);
  browser = await launchBrowser(ctx);
}, 60_000);
afterAll(() => closeInOrder(browser, app, ctx));

const listed = (page: Page) => page.locator('table.hl-table tbody tr[data-id]').evaluateAll((rows) => rows.map((r) => Number((r as HTMLElement).dataset.id)));
/** Problems in what the page itself says: ticket text is the caller's own words. */
const ownWords = async (page: Page) => problems((await readable(page)).replaceAll(HOSTILE, ''));

async function inert(page: Page) {
  await expectInert(page);
  await fitsWindow(page);
}

describe('a supervisor', () => {
  let page: Page;
  beforeAll(async () => {
    page = await loggedInPage(browser, app.baseUrl, 'wangdu', errors);
  });

  it('opens the list from the nav and filters by topic and keyword, reading only Chinese', async () => {
    await page.click('nav a[href="/hotline-leads"]');
    await page.waitForURL(/\/hotline-leads$/);
    await expect.poll(() => listed(page)).toEqual([hit(ids.cover, 'manhole_covers'), hit(ids.cover, 'engine_lead'), hit(ids.gym, 'prepaid_cards')]);
    const row = page.locator(`tr[data-id="${hit(ids.cover, 'manhole_covers')}"]`);
    expect(await row.textContent()).toContain(HOSTILE);
    expect(await row.textContent()).toContain('规则「井盖缺失或破损」命中');
    expect(await page.locator('#hl-counts').innerText()).toMatch(/引擎线索 1\s*1[\s\S]*窨井盖 1\s*1[\s\S]*预付卡 1\s*1/);
    await page.click('#hl-topics summary');
    const guide = await page.locator('#hl-topics').innerText();
    expect(guide).toContain('井盖缺失或破损：「井盖|窨井|检查井|下水道盖|雨水井|污水井|沙井盖」与「缺失|');
    expect(guide).toContain('条件：引擎分类：消防安全、物业住房、市政公用、城管秩序');
    expect(guide).toContain('条件：受理时间（北京时间）：4、5、6、7、8、9、10 月');
    await inert(page);
    expect(await ownWords(page)).toEqual([]);

    await page.click('#hl-counts button[data-topic="prepaid_cards"]');
    await expect.poll(() => listed(page)).toEqual([hit(ids.gym, 'prepaid_cards')]);
    expect(page.url()).toContain('topic=prepaid_cards');
    expect(await page.getAttribute('#hl-csv', 'href')).toBe('/api/hotline-leads.csv?topic=prepaid_cards');
    await page.click('#hl-counts button[data-topic="prepaid_cards"]');
    await expect.poll(() => listed(page)).toHaveLength(3);

    await page.locator('main').click({ position: { x: 1, y: 1 } });
    await page.keyboard.press('/');
    await page.keyboard.type('宝城小学');
    await page.keyboard.press('Enter');
    await expect.poll(() => listed(page)).toEqual([hit(ids.cover, 'manhole_covers'), hit(ids.cover, 'engine_lead')]);
    expect(await page.locator('#hl-summary').textContent()).toBe('已显示 2 条，受理时间最新的在前。');
  });

  it('opens a hit by keyboard: the ticket with the rules\' words marked, the reply, the reading', async () => {
    await page.locator('main').click({ position: { x: 1, y: 1 } });
    await page.keyboard.press('j');
    await page.keyboard.press('o');
    const id = hit(ids.cover, 'manhole_covers');
    await page.waitForURL(new RegExp(`/hotline-leads/${id}$`));
    await page.locator('#hl-text').waitFor();
    expect(await page.locator('#hl-text mark').allTextContents()).toEqual(['井盖', '缺失']);
    expect(await page.locator('#hl-text mark').first().getAttribute('title')).toBe('命中规则：井盖缺失或破损');
    expect(await page.locator('#hl-text').textContent()).toBe(`井盖缺失${HOSTILE}\n学校门口的井盖不见了，孩子放学很危险${HOSTILE}${LONG}`);
    expect(await page.locator('#hl-reply').textContent()).toBe(`已更换井盖${HOSTILE}`);
    const facts = await page.locator('aside.facts').innerText();
    expect(facts).toMatch(/分类\s*市政公用/);
    expect(facts).toMatch(/事项\s*井盖缺失破损/);
    expect(facts).toMatch(/紧急程度\s*紧急/);
    expect(facts).toMatch(/承办单位\s*宝安区城管局/);
    expect(await page.locator('.ticket-hits li[data-topic]').evaluateAll((li) => li.map((x) => (x as HTMLElement).dataset.topic))).toEqual(['engine_lead', 'manhole_covers']);
    await inert(page);
    expect(await ownWords(page)).toEqual([]);
  });

  it('records decisions: 不予处理 needs a reason, reopen, then 移送 with a recipient', async () => {
    await page.selectOption('.review-form select[name=status]', 'dismissed');
    await page.click('.review-form button[type=submit]');
    await expect.poll(() => page.locator('#toast').textContent()).toMatch(/不予处理需要选择原因/);
    await page.selectOption('.review-form select[name=dismiss_reason]', 'misread');
    await page.fill('.review-form textarea[name=note]', `看错了${HOSTILE}`);
    await page.click('.review-form button[type=submit]');
    await expect.poll(() => page.locator('.page-head .status').textContent()).toBe('不予处理');
    expect(await page.locator('#hl-history li').allTextContents()).toEqual([expect.stringMatching(new RegExp(`^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d 王督：待核查 → 不予处理（原因：专题误命中；说明：看错了${HOSTILE.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}）$`))]);
    expect(await page.locator('.review-form select[name=status] option').allTextContents()).toEqual(['请选择', '待核查']);

    await page.selectOption('.review-form select[name=status]', 'pending');
    await page.click('.review-form button[type=submit]');
    await expect.poll(() => page.locator('.page-head .status').textContent()).toBe('待核查');
    await page.selectOption('.review-form select[name=status]', 'transferred');
    await page.fill('.review-form input[name=recipient]', '宝安区人民检察院');
    await page.click('.review-form button[type=submit]');
    await expect.poll(() => page.locator('.page-head .status').textContent()).toBe('已移送');
    expect(await page.locator('#hl-review-state').textContent()).toContain('移送至：宝安区人民检察院');
    expect(await page.locator('.review-form').count()).toBe(0);
    expect(ctx.db.prepare('SELECT status, recipient FROM ticket_leads WHERE id = ?').get(hit(ids.cover, 'manhole_covers'))).toEqual({ status: 'transferred', recipient: '宝安区人民检察院' });
    await inert(page);
    expect(await ownWords(page)).toEqual([]);

    await page.keyboard.press('q');
    await page.waitForURL(/\/hotline-leads$/);
    await page.selectOption('#hl-filters select[name=status]', 'transferred');
    await expect.poll(() => listed(page)).toEqual([hit(ids.cover, 'manhole_covers')]);
    expect(errors).toEqual([]);
  });
});

describe('a verifier', () => {
  it('sees no nav entry, and the server refuses the page and the API', async () => {
    const page = await loggedInPage(browser, app.baseUrl, 'li', errors);
    expect(await page.locator('nav a[href="/hotline-leads"]').isHidden()).toBe(true);
    const res = await page.goto(`${app.baseUrl}/hotline-leads`);
    expect(res?.status()).toBe(403);
    const verifier = await login(app.baseUrl, 'li');
    expect((await verifier.get('/api/hotline-leads')).status).toBe(403);
    expect(errors).toEqual([]);
    await page.close();
  });
});
