/**
 * 公益诉讼线索 in real Chromium. A supervisor filters by domain, keyword, place and time, saves the
 * search and applies it again, records a transfer to the procuratorate and later its outcome, and
 * reads the domains on the lead and its work order; all by keyboard where the page offers keys.
 * A verifier reads the same list and the records but gets no form, and the server refuses them.
 * Hostile crawled text stays text and a long unbroken string never widens the page.
 */
import type { Browser, Page } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM } from '../../src/audit/actor.js';
import { setLeadDomains } from '../../src/storage/public-interest.js';
import { confirmLead } from '../../src/workorders/confirm-lead.js';
import { insertLead } from '../helpers/lead-fixtures.js';
import { fitsWindow, problems, readable } from '../helpers/readable-page.js';
import { tempContext, type TempContext } from '../helpers/temp-context.js';
import { expectInert } from '../helpers/page-checks.js';
import { closeInOrder, launchBrowser, loggedInPage } from '../helpers/web-browser.js';
import { addUser } from '../../src/auth/user-accounts.js';
import { login, startApp, TEST_PASSWORD, type RunningApp } from '../helpers/web-app.js';

let ctx: TempContext;
let app: RunningApp;
let browser: Browser;
const errors: string[] = [];
const HOSTILE = '<img src=x onerror="window.__pwned=1">';
const LONG = '9'.repeat(400);
const ids = {} as Record<'river' | 'school' | 'old' | 'plain', number>;
let number = '';

beforeAll(async () => {
  ctx = tempContext();
  await addUser(ctx.db, { name: 'wangdu', displayName: '王督', role: 'supervisor', password: TEST_PASSWORD }, SYSTEM);
  await addUser(ctx.db, { name: 'li', displayName: '李核', role: 'verifier', password: TEST_PASSWORD }, SYSTEM);
  ids.river = insertLead(ctx.db, { posts: [{ text: `茅洲河边的工厂晚上偷排污水，河水发黑${HOSTILE}${LONG}` }], category: 'pollution', district: '宝安区', street: '松岗街道', place: `茅洲河${HOSTILE}` }).leadId;
  ids.school = insertLead(ctx.db, { posts: [{ text: '学校门口小卖部向学生卖烟' }], district: '南山区', place: '南山实验学校' }).leadId;
  ids.old = insertLead(ctx.db, { posts: [{ text: '茅洲河又有人偷排' }], district: '宝安区', place: '茅洲河', discoveredAt: new Date(Date.now() - 40 * 86_400_000).toISOString() }).leadId;
  ids.plain = insertLead(ctx.db, { posts: [{ text: '路灯不亮' }] }).leadId;
  setLeadDomains(ctx.db, ids.river, ['ecology']);
  setLeadDomains(ctx.db, ids.school, ['minors']);
  setLeadDomains(ctx.db, ids.old, ['ecology']);
  number = confirmLead(ctx, { leadId: ids.river, actor: SYSTEM }).number;
  app = await startApp(ctx);
  browser = await launchBrowser(ctx);
}, 60_000);
afterAll(() => closeInOrder(browser, app, ctx));

const listed = (page: Page) => page.locator('table.pi-table tbody tr[data-id]').evaluateAll((rows) => rows.map((r) => Number((r as HTMLElement).dataset.id)));
const beijingDay = (daysAgo: number) => new Date(Date.now() + 8 * 3_600_000 - daysAgo * 86_400_000).toISOString().slice(0, 10);

async function settled(page: Page, expected: number[]) {
  await expect.poll(() => listed(page)).toEqual(expected);
}

/** Problems in what the page itself says: crawled text is the posters' own words. */
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

  it('filters by domain, keyword, place and time, reading only Chinese', async () => {
    await page.click('nav a[href="/public-interest"]');
    await page.waitForURL(/\/public-interest$/);
    await settled(page, [ids.school, ids.river, ids.old]);
    const row = page.locator(`tr[data-id="${ids.river}"]`);
    expect(await row.textContent()).toContain(HOSTILE);
    expect(await row.textContent()).toContain('生态环境和资源保护');
    expect(await row.locator(`a[href="/work-orders/${number}"]`).count()).toBe(1);
    expect(await row.locator(`a[href="/leads/${ids.river}"]`).count()).toBe(1);
    await inert(page);

    await page.selectOption('select[name=domain]', 'ecology');
    await settled(page, [ids.river, ids.old]);
    expect(page.url()).toContain('domain=ecology');
    await page.locator('main').click({ position: { x: 1, y: 1 } });
    await page.keyboard.press('/');
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement).name)).toBe('q');
    await page.keyboard.type('偷排');
    await page.fill('input[name=place]', '茅洲河');
    await page.fill('input[name=from]', beijingDay(10));
    await page.fill('input[name=to]', beijingDay(0));
    await page.keyboard.press('Enter');
    await settled(page, [ids.river]);
    expect(await page.locator('#pi-summary').textContent()).toBe('共 1 条线索，最新发现的在前。');
    expect(await ownWords(page)).toEqual([]);
  });

  it('saves the search, applies it after clearing, and deletes it', async () => {
    await page.fill('#pi-save input[name=name]', '茅洲河偷排');
    await page.click('#pi-save button[type=submit]');
    const saved = page.locator('#pi-saved li', { hasText: '茅洲河偷排' });
    await saved.waitFor();
    expect(await saved.textContent()).toContain(`生态环境和资源保护，关键词「偷排」，地点「茅洲河」，${beijingDay(10)} 起，至 ${beijingDay(0)}`);

    await page.getByRole('button', { name: '清除' }).click();
    await settled(page, [ids.school, ids.river, ids.old]);
    expect(await page.inputValue('input[name=q]')).toBe('');
    await saved.locator('button.saved-apply').click();
    await settled(page, [ids.river]);
    expect(await page.inputValue('input[name=q]')).toBe('偷排');
    expect(await page.inputValue('select[name=domain]')).toBe('ecology');
    expect(await page.inputValue('input[name=to]')).toBe(beijingDay(0));

    await page.fill('#pi-save input[name=name]', '临时');
    await page.click('#pi-save button[type=submit]');
    const temporary = page.locator('#pi-saved li', { hasText: '临时' });
    await temporary.getByRole('button', { name: '删除已保存的搜索「临时」' }).click();
    await temporary.waitFor({ state: 'detached' });
    expect(ctx.db.prepare('SELECT name FROM public_interest_searches').pluck().all()).toEqual(['茅洲河偷排']);
  });

  it('records a transfer by keyboard and updates its outcome later', async () => {
    await page.locator('main').click({ position: { x: 1, y: 1 } });
    await page.keyboard.press('j');
    await page.keyboard.press('t');
    const panel = page.locator(`.transfers[data-lead-id="${ids.river}"]`);
    await panel.locator('.transfer-form').waitFor();
    expect(await panel.textContent()).toContain('尚未移送检察机关。');
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement).name)).toBe('recipient');
    await page.keyboard.type('宝安区人民检察院');
    await panel.locator('textarea[name=note]').fill(`附现场照片${HOSTILE}`);
    await panel.getByRole('button', { name: '记录移送' }).click();
    const record = panel.locator('article.transfer');
    await record.waitFor();
    expect(await record.locator('.transfer-recipient').textContent()).toBe('宝安区人民检察院');
    expect(await record.locator('.transfer-outcome').textContent()).toBe('待反馈');
    expect(await record.locator('.transfer-note').textContent()).toBe(`附现场照片${HOSTILE}`);
    expect(await record.locator('.transfer-by').textContent()).toMatch(/^王督 记录，最后更新 \d{4}-\d\d-\d\d \d\d:\d\d$/);
    expect(await page.locator(`tr[data-id="${ids.river}"] .transfer-count`).textContent()).toBe('1');

    await record.locator('input[name=outcome]').fill('已立案');
    await record.getByRole('button', { name: '更新结果' }).click();
    await expect.poll(() => panel.locator('.transfer-outcome').textContent()).toBe('已立案');
    expect(ctx.db.prepare('SELECT recipient, outcome, note FROM public_interest_transfers').all()).toEqual([{ recipient: '宝安区人民检察院', outcome: '已立案', note: `附现场照片${HOSTILE}` }]);
    expect(await ownWords(page)).toEqual([]);
    await inert(page);
  });

  it('reads the domains and the transfer on the lead and its work order', async () => {
    await page.keyboard.press('o');
    await page.waitForURL(new RegExp(`/leads/${ids.river}$`));
    await page.locator('section.lead .audit tbody tr').first().waitFor();
    expect(await page.locator('aside.facts').innerText()).toMatch(/公益诉讼领域\s*生态环境和资源保护/);
    expect(await page.locator('section.lead .audit').innerText()).toContain('更新移送结果');
    await page.goto(`${app.baseUrl}/work-orders/${number}`);
    await page.locator('aside.facts').waitFor();
    expect(await page.locator('aside.facts').innerText()).toMatch(/公益诉讼领域\s*生态环境和资源保护/);
    await inert(page);
    expect(errors).toEqual([]);
  });
});

describe('a verifier', () => {
  it('reads the list and the records but gets no form, and the server refuses a transfer', async () => {
    const page = await loggedInPage(browser, app.baseUrl, 'li', errors);
    await page.goto(`${app.baseUrl}/public-interest?domain=ecology`);
    await settled(page, [ids.river, ids.old]);
    await page.locator(`tr[data-id="${ids.river}"]`).getByRole('button', { name: /移送记录/ }).click();
    const panel = page.locator(`.transfers[data-lead-id="${ids.river}"]`);
    await panel.locator('article.transfer').waitFor();
    expect(await panel.locator('.transfer-outcome').textContent()).toBe('已立案');
    expect(await panel.locator('form').count()).toBe(0);
    expect(await page.locator('#pi-saved').textContent()).toBe('还没有保存的搜索。');
    expect(await ownWords(page)).toEqual([]);
    await inert(page);

    const verifier = await login(app.baseUrl, 'li');
    expect((await verifier.post('/api/public-interest/transfers', { lead_id: ids.river, recipient: '宝安区人民检察院' })).status).toBe(403);
    const transfer = ctx.db.prepare('SELECT id FROM public_interest_transfers').pluck().get();
    expect((await verifier.patch(`/api/public-interest/transfers/${transfer}`, { outcome: '不予立案' })).status).toBe(403);
    expect(errors).toEqual([]);
    await page.close();
  });
});
