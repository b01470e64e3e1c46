/**
 * 已诉/未诉 in real Chromium: the lead page shows 已诉 with the earlier 12345 ticket (number,
 * received time in Beijing time, hotline category, status, reply), hostile ticket text stays text,
 * a verifier undoes the link and the page says 未诉; the work order lists its linked ticket; the
 * 未诉先办 page shows the period's figures. Every page reads in Chinese.
 */
import type { Browser, Page } from 'playwright';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { SYSTEM } from '../../../src/audit/actor.js';
import { collidePass } from '../../../src/collision/collide.js';
import { DEFAULT_COLLISION_POLICY as P } from '../../../src/collision/collision-policy.js';
import { confirmLead } from '../../../src/workorders/confirm-lead.js';
import { insertLead } from '../../helpers/lead-fixtures.js';
import { expectInert } from '../../helpers/page-checks.js';
import { problems, readable } from '../../helpers/readable-page.js';
import { tempContext, type TempContext } from '../../helpers/temp-context.js';
import { closeInOrder, launchBrowser, loggedInPage } from '../../helpers/web-browser.js';
import { addUser } from '../../../src/auth/user-accounts.js';
import { startApp, TEST_PASSWORD, type RunningApp } from '../../helpers/web-app.js';
import { insertTicket } from './ticket-fixtures.js';

const HOSTILE = '<img src=x onerror="window.__pwned=1">';
const lamp = { category: 'municipal', subItem: 'municipal.streetlight', district: '宝安区', street: '新安街道', place: '宝民一路' };
/** What a person reads, without the hostile text planted in a ticket and the figures' shared 下载 CSV link. */
const words = async (p: Page) => problems((await readable(p)).replaceAll(HOSTILE, '').replaceAll('下载 CSV', ''));
const day = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString();

let ctx: TempContext;
let app: RunningApp;
let browser: Browser;
let page: Page;
let leadId: number;
let number: string;
let receivedAt: string;
const errors: string[] = [];

beforeAll(async () => {
  ctx = tempContext();
  await addUser(ctx.db, { name: 'li', displayName: '李娜', role: 'verifier', password: TEST_PASSWORD }, SYSTEM);
  leadId = insertLead(ctx.db, { ...lamp, discoveredAt: day(-2), posts: [{ text: '宝民一路的路灯坏了一个多星期了，晚上黑漆漆的走路都怕', publishedAt: day(-2) }] }).leadId;
  receivedAt = day(-4);
  insertTicket(ctx.db, {
    ...lamp, ticketNo: '2611200417', receivedAt, text: `市民来电反映：宝民一路路段路灯不亮已有多日，请尽快维修。${HOSTILE}`,
    categoryRaw: '城市管理/市政设施', statusRaw: '处理中', reply: `已转供电部门核查${HOSTILE}`,
  });
  const other = insertLead(ctx.db, { ...lamp, place: '兴华路', street: '西乡街道', discoveredAt: day(-3), posts: [{ text: '兴华路路灯全灭了，晚上一片漆黑', publishedAt: day(-3) }] }).leadId;
  insertTicket(ctx.db, { ...lamp, place: '兴华路', street: '西乡街道', ticketNo: '2611210088', receivedAt: day(-1), text: '来电人称兴华路多盏路灯夜间不亮，晚上一片漆黑，要求维修。', statusRaw: '已办结', reply: '已修复。' });
  collidePass(ctx.db, P, new Date().toISOString(), { all: true });
  number = confirmLead(ctx, { leadId: other, actor: SYSTEM }).number;
  app = await startApp(ctx);
  browser = await launchBrowser(ctx);
  page = await loggedInPage(browser, app.baseUrl, 'li', errors);
});
afterAll(() => closeInOrder(browser, app, ctx));

const beijing = (iso: string) => {
  const p = Object.fromEntries(new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
    .formatToParts(new Date(iso)).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
};

it('the lead page shows 已诉 with the earlier ticket as text, and undoing the link makes it 未诉', async () => {
  await page.goto(`${app.baseUrl}/leads/${leadId}`);
  const card = page.locator('#hotline article[data-ticket-no="2611200417"]');
  await card.waitFor();
  expect(await page.locator('#hotline-state').textContent()).toBe('已诉');
  const text = await card.innerText();
  for (const part of ['12345 工单 2611200417', `受理 ${beijing(receivedAt)}`, '热线在先（已诉）', '城市管理/市政设施', '处理中', `已转供电部门核查${HOSTILE}`]) expect(text).toContain(part);
  expect(await card.locator('.post-text').textContent()).toContain(HOSTILE);
  await expectInert(page);
  expect(await words(page)).toEqual([]);

  await card.getByRole('button', { name: '撤销关联' }).click();
  await page.locator('#hotline-state', { hasText: '未诉' }).waitFor();
  expect(await page.locator('#hotline article[data-ticket-no="2611200417"] .badge').textContent()).toBe('已撤销');
  expect(ctx.db.prepare('SELECT state FROM ticket_links WHERE lead_id = ?').pluck().get(leadId)).toBe('undone');
  await page.locator('.audit', { hasText: '撤销热线工单关联' }).waitFor();
  await page.getByRole('button', { name: '恢复关联' }).click();
  await page.locator('#hotline-state', { hasText: '已诉' }).waitFor();
});

it('the queue filters 已诉 and 未诉', async () => {
  await page.goto(`${app.baseUrl}/`);
  await page.locator(`tr[data-id="${leadId}"]`).waitFor();
  await page.selectOption('select[name=hotline]', 'unreported');
  await page.waitForURL(/hotline=unreported/);
  await page.locator(`tr[data-id="${leadId}"]`).waitFor({ state: 'detached' });
  await page.selectOption('select[name=hotline]', 'reported');
  await page.waitForURL(/hotline=reported/);
  await page.locator(`tr[data-id="${leadId}"]`).waitFor();
  await page.selectOption('select[name=hotline]', '');
});

it('the work order lists its linked ticket (the department sees one problem)', async () => {
  await page.goto(`${app.baseUrl}/work-orders/${number}`);
  const card = page.locator('article[data-ticket-no="2611210088"]');
  await card.waitFor();
  expect(await page.getByRole('heading', { name: '关联的 12345 热线工单（1）' }).count()).toBe(1);
  expect(await card.innerText()).toContain('热线在后');
  expect(await card.innerText()).toContain('已修复。');
  expect(await words(page)).toEqual([]);
});

it('the 未诉先办 page shows the period\'s figures', async () => {
  await page.click('nav a[href="/head-start"]');
  await page.locator('#head-start-totals').waitFor();
  const totals = await page.locator('#head-start-totals').innerText();
  expect(totals).toContain('线索数');
  expect(totals).toMatch(/未诉先办\s*占 50\.0%/);
  expect(totals).toMatch(/1\s*之后收到热线工单/);
  expect(await words(page)).toEqual([]);
  expect(errors).toEqual([]);
});
