import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM } from '../../src/audit/actor.js';
import { lastFullWeek } from '../../src/analytics/period.js';
import { createWeeklyReportService } from '../../src/analytics/weekly-report-service.js';
import { confirmLead } from '../../src/workorders/confirm-lead.js';
import { tempContext, type TempContext } from '../helpers/temp-context.js';
import { closeInOrder, launchBrowser, loggedInPage } from '../helpers/web-browser.js';
import { createUser, login, startApp, type Client, type RunningApp } from '../helpers/web-app.js';
import { insertLead } from '../workorders/fixtures.js';

/** 每周一议: on demand and on the schedule, the last N kept, CSV, and a PDF whose text pdftotext reads back (hostile text as text). */
let ctx: TempContext;
let app: RunningApp;
let jian: Client;
let browser: Browser;
const errors: string[] = [];
const HOSTILE = '<script>window.__pwned=1</script>碧海花园';
const ago = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();

beforeAll(async () => {
  ctx = tempContext({ weeklyReportKeep: 3 });
  for (const d of [1, 1.2, 1.4, 2]) insertLead(ctx.db, { place: HOSTILE, category: 'noise', sub_item: 'noise.business', urgency: 'normal', discovered_at: ago(d) });
  for (const d of [9, 10]) insertLead(ctx.db, { place: '别处', category: 'noise', sub_item: 'noise.business', discovered_at: ago(d) });
  // confirmed a day after discovery: overdue at every step since
  confirmLead(ctx, { leadId: insertLead(ctx.db, { discovered_at: ago(3) }), actor: SYSTEM });
  app = await startApp(ctx);
  await createUser(ctx, 'jian', 'supervisor');
  jian = await login(app.baseUrl, 'jian');
  browser = await launchBrowser(ctx);
}, 60_000);
afterAll(() => closeInOrder(browser, app, ctx));

const today = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
const weekAgo = () => new Date(Date.now() + 8 * 3_600_000 - 6 * 86_400_000).toISOString().slice(0, 10);

describe('weekly report', () => {
  it('on demand for a period: top problems with their change, hotspots, overdue orders, figures', async () => {
    const supervised = ctx.db.prepare('SELECT number FROM work_orders ORDER BY id LIMIT 1').pluck().get() as string;
    expect((await jian.post(`/api/work-orders/${supervised}/supervision`, { note: '请限期办结', reason: 'overdue' })).status).toBe(201);
    const res = await jian.post('/api/analytics/reports', { from: weekAgo(), to: today() });
    expect(res.status).toBe(201);
    const r = res.body;
    expect(r.previous.to < r.period.from).toBe(true);
    expect(r.topProblems[0]).toMatchObject({ current: 4, previous: 2, change: 2 });
    expect(r.hotspots.map((h: any) => [h.place, h.count])).toEqual([[HOSTILE, 4]]);
    expect(r.overdue.total).toBe(ctx.db.prepare('SELECT count(*) FROM work_orders WHERE due_at < ?').pluck().get(new Date().toISOString()));
    expect(r.overdue.orders).toHaveLength(r.overdue.total);
    expect(r.supervised).toEqual({ total: 1, orders: [expect.objectContaining({ number: supervised, reason: '超时工单', note: '请限期办结' })] });
    expect(r.figures.map((f: any) => f.id)).toEqual(['top_problems', 'trend_day', 'by_district', 'hotspots']);
    expect((await jian.get(`/api/analytics/reports/${r.id}`)).body).toEqual(r);
    const csv = await jian.get(`/api/analytics/reports/${r.id}/csv?figure=top_problems`);
    expect(csv.body.split('\r\n')[0]).toBe('事项,本期线索,上期线索');
  });

  it('the scheduler makes last week\'s report; only the newest N are kept and listed', async () => {
    const service = createWeeklyReportService({ ...ctx, config: { ...ctx.config, weeklyReportCron: '* * * * * *' } });
    await service.start();
    const deadline = Date.now() + 5000;
    while (Date.now() < deadline && !ctx.db.prepare("SELECT 1 FROM weekly_reports WHERE trigger = 'schedule'").get()) await new Promise((r) => setTimeout(r, 100));
    await service.stop();
    const list = (await jian.get('/api/analytics/reports')).body;
    const scheduled = list.items.find((i: any) => i.trigger === 'schedule');
    expect({ from: scheduled.from, to: scheduled.to }).toEqual(lastFullWeek(new Date()));
    for (let i = 0; i < 3; i++) await jian.post('/api/analytics/reports', {});
    const after = (await jian.get('/api/analytics/reports')).body;
    expect(after.keep).toBe(3);
    expect(after.items).toHaveLength(3);
    expect(ctx.db.prepare('SELECT count(*) FROM weekly_reports').pluck().get()).toBe(3);
  });

  it('a bad schedule is refused when the service starts, saying what was expected', async () => {
    const service = createWeeklyReportService({ ...ctx, config: { ...ctx.config, weeklyReportCron: 'every monday' } });
    await expect(service.start()).rejects.toThrow(/expected a cron expression/);
  });

  it('the PDF carries the report\'s sections and the hostile text as plain text (pdftotext)', async () => {
    const { id } = (await jian.post('/api/analytics/reports', { from: weekAgo(), to: today() })).body;
    const res = await fetch(`${app.baseUrl}/api/analytics/reports/${id}/pdf`, { headers: { cookie: jian.cookie } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const file = path.join(ctx.dir, 'report.pdf');
    writeFileSync(file, Buffer.from(await res.arrayBuffer()));
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    for (const heading of ['每周一议', '一、总体情况', '二、高频问题', '三、热点与类案', '四、超时工单', '五、督办工单', '请限期办结', '六、图表', '噪声扰民']) expect(text).toContain(heading);
    expect(text.replace(/\s+/g, '')).toContain(HOSTILE.replace(/\s+/g, ''));
    expect(Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))![1])).toBeGreaterThanOrEqual(2);
  }, 60_000);

  it('the pages list the reports and show one in Chromium, hostile text inert', async () => {
    const page = await loggedInPage(browser, app.baseUrl, 'jian', errors);
    await page.click('nav a[href="/reports"]');
    await page.waitForSelector('#report-list');
    await page.fill('#report-form input[name=from]', weekAgo());
    await page.fill('#report-form input[name=to]', today());
    await page.click('#report-form button');
    await page.waitForSelector('#report-hotspots');
    expect(await page.locator('#report-hotspots td a').first().textContent()).toContain(HOSTILE);
    await page.waitForSelector('#figure-top_problems canvas');
    expect(await page.evaluate(() => (window as any).__pwned)).toBeUndefined();
    expect(await page.locator('#report-pdf').getAttribute('href')).toMatch(/\/pdf$/);
    await page.close();
    expect(errors).toEqual([]);
  }, 60_000);
});
