import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM } from '../../src/audit/actor.js';
import { beijingDay, periodBounds } from '../../src/analytics/period.js';
import { confirmLead } from '../../src/workorders/confirm-lead.js';
import { transitionWorkOrder } from '../../src/workorders/transition.js';
import { tempContext, type TempContext } from '../helpers/temp-context.js';
import { createUser, login, startApp, type Client, type RunningApp } from '../helpers/web-app.js';
import { insertLead } from '../workorders/fixtures.js';

/** A seeded store whose figures are known; every number of the overview is checked against a direct count. */
let ctx: TempContext;
let app: RunningApp;
let staff: Client;
const ago = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();

beforeAll(async () => {
  ctx = tempContext({ figureReaders: 1 });
  const place = (district: string, street: string, category: string, sub: string, minutes: number, urgency: 'urgent' | 'normal' = 'normal', platform = 'weibo') =>
    insertLead(ctx.db, { district, street, category, sub_item: sub, urgency, discovered_at: ago(minutes), posts: [{ text: `${street}${sub}`, platform }] });
  // confirmed within the deadline (10 min after discovery), late (3 h), returned once
  const onTime = place('宝安区', '西乡街道', 'municipal', 'municipal.manhole', 10);
  const late = place('宝安区', '新安街道', 'municipal', 'municipal.manhole', 180);
  const returned = place('南山区', '粤海街道', 'road', 'road.pothole', 20, 'urgent', 'douyin');
  for (const id of [onTime, late, returned]) confirmLead(ctx, { leadId: id, actor: SYSTEM });
  const number = ctx.db.prepare('SELECT number FROM work_orders WHERE lead_id = ?').pluck().get(returned) as string;
  transitionWorkOrder(ctx, { number, to: 'returned', note: '不属本单位', actor: SYSTEM });
  // rejected with two reasons, pending, an old lead outside the period
  for (const [id, reason] of [[place('福田区', '福田街道', 'noise', 'noise.construction', 60), 'advertising'], [place('福田区', '福田街道', 'noise', 'noise.construction', 70), 'not_civic'], [place('罗湖区', '东门街道', 'noise', 'noise.construction', 80), 'not_civic']] as const) {
    ctx.db.prepare("UPDATE leads SET status = 'rejected', reject_reason = ? WHERE id = ?").run(reason, id);
  }
  place('南山区', '粤海街道', 'road', 'road.pothole', 30);
  insertLead(ctx.db, { district: '南山区', discovered_at: ago(60 * 24 * 90) });
  app = await startApp(ctx);
  await createUser(ctx, 'boss', 'admin');
  staff = await login(app.baseUrl, 'boss');
});
afterAll(async () => {
  await app?.close();
  ctx?.cleanup();
});

const count = (sql: string, ...args: unknown[]) => ctx.db.prepare(sql).pluck().get(...args) as number;
const fig = (o: any, id: string) => o.figures.find((f: any) => f.id === id);

describe('GET /api/analytics/overview', () => {
  it('totals equal direct counts over the store', async () => {
    const res = await staff.get('/api/analytics/overview');
    expect(res.status).toBe(200);
    const o = res.body;
    const { start, end } = periodBounds(o.period);
    const leads = (extra = '') => count(`SELECT count(*) FROM leads WHERE discovered_at >= ? AND discovered_at < ? ${extra}`, start, end);
    expect(o.totals.leads).toBe(leads());
    expect(o.totals.leads).toBe(7);
    expect(o.totals.confirmed).toBe(leads("AND status = 'confirmed'"));
    expect(o.totals.rejected).toBe(3);
    expect(o.totals.pending).toBe(leads("AND status = 'new'"));
    expect(o.totals.posts).toBe(count('SELECT count(*) FROM posts WHERE first_seen_at >= ? AND first_seen_at < ?', start, end));
    expect(o.totals.orders).toBe(3);
    // late: discovered 3 h ago, normal (2 h); the other two dispatched within their deadline
    expect([o.totals.dispatchedOnTime, o.totals.dispatchJudged]).toEqual([2, 3]);
    expect([o.totals.firstDispatchOk, o.totals.firstDispatchShare]).toEqual([2, 0.6667]);
    expect(o.totals.overdueNow).toBe(count('SELECT count(*) FROM work_orders WHERE due_at < ?', new Date().toISOString()));
    expect(fig(o, 'rejected_by_reason').rows).toEqual([['不属于民生诉求', 2], ['广告营销', 1]]);
    expect(fig(o, 'orders_by_status').rows.find((r: any[]) => r[0] === '已退回')[1]).toBe(1);
    expect(o.glossary.map((g: any) => g.term)).toContain('一次派发成功率');
  });

  it('breakdowns by district, street, category and platform equal grouped counts', async () => {
    const o = (await staff.get('/api/analytics/overview')).body;
    const { start, end } = periodBounds(o.period);
    const byDistrict = ctx.db.prepare('SELECT district, count(*) n FROM leads WHERE discovered_at >= ? AND discovered_at < ? GROUP BY district').all(start, end) as { district: string; n: number }[];
    const d = fig(o, 'by_district');
    for (const r of byDistrict) expect(d.rows.find((x: any[]) => x[0] === r.district)[1]).toBe(r.n);
    expect(d.drill[d.rows.findIndex((x: any[]) => x[0] === '宝安区')]).toEqual({ district: '宝安区' });
    expect(fig(o, 'by_street').rows.find((r: any[]) => r[0] === '福田区福田街道')).toEqual(['福田区福田街道', 2, 0, 2]);
    expect(fig(o, 'by_category').rows.find((r: any[]) => r[0] === '噪声扰民')).toEqual(['噪声扰民', 3, 0, 3]);
    expect(fig(o, 'by_platform').rows.find((r: any[]) => r[0] === '抖音')).toEqual(['抖音', 1, 1]);
    const today = beijingDay(Date.now());
    const dayRow = fig(o, 'trend_day').rows.find((r: any[]) => r[0] === today);
    const dayCount = count("SELECT count(*) FROM leads WHERE date(discovered_at, '+8 hours') = ?", today);
    expect(dayRow[2]).toBe(dayCount);
    const weeks = fig(o, 'trend_week').rows;
    expect(weeks.reduce((n: number, r: any[]) => n + r[2], 0)).toBe(o.totals.leads);
  });

  it('a district narrows leads and orders; the list behind a row counts the same', async () => {
    const o = (await staff.get('/api/analytics/overview?district=' + encodeURIComponent('宝安区'))).body;
    expect([o.totals.leads, o.totals.orders]).toEqual([2, 2]);
    // confirmed 10 and 180 minutes after discovery here; with 南山区's 20 the city's median is 20
    const confirmStep = (x: any) => fig(x, 'step_medians').rows[0];
    expect(confirmStep(o)[0]).toBe('发现→立单');
    expect(confirmStep(o)[1]).toBeCloseTo(95, 0);
    expect(confirmStep(o)[2]).toBe(2);
    expect(confirmStep((await staff.get('/api/analytics/overview')).body)[1]).toBeCloseTo(20, 0);
    expect((await staff.get('/api/analytics/overview?district=' + encodeURIComponent('龙岗区'))).body.totals.orders).toBe(0);
    const list = (await staff.get('/api/analytics/leads?district=' + encodeURIComponent('宝安区'))).body;
    expect(list.total).toBe(2);
    expect(list.items.every((l: any) => l.district === '宝安区' && l.workOrder)).toBe(true);
    const street = (await staff.get(`/api/analytics/leads?district=${encodeURIComponent('福田区')}&street=${encodeURIComponent('福田街道')}`)).body;
    expect(street.total).toBe(2);
  });

  it('CSV of a figure: BOM, header, the table rows; an unknown figure names the known ones', async () => {
    const res = await staff.get('/api/analytics/overview.csv?figure=rejected_by_reason');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(/attachment; filename="rejected_by_reason-/);
    expect(res.body).toBe('驳回原因,线索数\r\n不属于民生诉求,2\r\n广告营销,1\r\n');
    const raw = new Uint8Array(await (await fetch(`${app.baseUrl}/api/analytics/overview.csv?figure=rejected_by_reason`, { headers: { cookie: staff.cookie } })).arrayBuffer());
    expect([...raw.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const bad = await staff.get('/api/analytics/overview.csv?figure=nope');
    expect(bad.status).toBe(404);
    expect(bad.body.error.message).toContain('by_district');
  });

  it('refuses a reversed or too long period, saying what it expected', async () => {
    const res = await staff.get('/api/analytics/overview?from=2026-12-01&to=2026-11-01');
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain('起始日期应不晚于结束日期');
    const long = await staff.get('/api/analytics/overview?from=2024-01-01&to=2026-01-01');
    expect(long.body.error.message).toContain('最长 366 天');
    const bad = await staff.get('/api/analytics/overview?from=2026-02-31');
    expect(bad.status).toBe(400);
  });

  it('keeps post_daily equal to the posts table when posts are added and removed', () => {
    const direct = ctx.db.prepare("SELECT date(first_seen_at, '+8 hours') day, platform, count(*) n FROM posts GROUP BY 1, 2 ORDER BY 1, 2").all();
    expect(ctx.db.prepare('SELECT day, platform, n FROM post_daily WHERE n > 0 ORDER BY 1, 2').all()).toEqual(direct);
  });
});

describe('GET /api/analytics/map', () => {
  it('each district\'s leads, orders and overdue equal direct counts; every district listed, shapes flagged', async () => {
    const m = (await staff.get('/api/analytics/map')).body;
    const { start, end } = periodBounds(m.period);
    for (const a of m.areas) {
      expect(a.leads).toBe(count('SELECT count(*) FROM leads WHERE district = ? AND discovered_at >= ? AND discovered_at < ?', a.district, start, end));
      expect(a.orders).toBe(count('SELECT count(*) FROM work_orders WHERE district = ? AND created_at >= ? AND created_at < ?', a.district, start, end));
    }
    expect(m.areas).toHaveLength(10);
    expect(m.areas.filter((a: any) => !a.hasBoundary).map((a: any) => a.district).sort()).toEqual(['光明区', '大鹏新区'].sort());
    expect(m.figures.map((f: any) => f.id)).toEqual(['by_district']);
    const geo = await fetch(app.baseUrl + m.geo).then((r) => r.json());
    expect(geo.features.map((f: any) => f.properties.name)).toContain('宝安区');
  });

  it('a chosen district adds its streets (the drill-down level)', async () => {
    const m = (await staff.get('/api/analytics/map?district=' + encodeURIComponent('福田区'))).body;
    expect(m.figures[1].rows).toEqual([['福田区福田街道', 2, 0, 2]]);
    const csv = await staff.get(`/api/analytics/map.csv?district=${encodeURIComponent('福田区')}&figure=by_street`);
    expect(csv.body).toBe('街道,线索,已确认,已驳回\r\n福田区福田街道,2,0,2\r\n');
  });

  it('a lead filed and an order confirmed after a page was read show on the next read (overview and map)', async () => {
    const before = (await staff.get('/api/analytics/overview')).body;
    const mapBefore = (await staff.get('/api/analytics/map')).body;
    const id = insertLead(ctx.db, { district: '龙岗区', street: '布吉街道', discovered_at: ago(5) });
    confirmLead(ctx, { leadId: id, actor: SYSTEM });
    const after = (await staff.get('/api/analytics/overview')).body;
    expect([after.totals.leads, after.totals.confirmed, after.totals.orders]).toEqual([before.totals.leads + 1, before.totals.confirmed + 1, before.totals.orders + 1]);
    expect(fig(after, 'by_street').rows.find((r: any[]) => r[0] === '龙岗区布吉街道')).toEqual(['龙岗区布吉街道', 1, 1, 0]);
    const area = (m: any) => m.areas.find((a: any) => a.district === '龙岗区');
    expect(area((await staff.get('/api/analytics/map')).body)).toMatchObject({ leads: area(mapBefore).leads + 1, orders: area(mapBefore).orders + 1 });
  });
});
