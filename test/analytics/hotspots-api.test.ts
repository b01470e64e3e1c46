import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM } from '../../src/audit/actor.js';
import { confirmLead } from '../../src/workorders/confirm-lead.js';
import { transitionWorkOrder } from '../../src/workorders/transition.js';
import { tempContext, type TempContext } from '../helpers/temp-context.js';
import { createUser, login, startApp, type Client, type RunningApp } from '../helpers/web-app.js';
import { insertLead } from '../workorders/fixtures.js';

/** Hotspots on a seeded store: a planted estate, scattered noise, a problem back after its order was resolved, a class rising in three districts. */
let ctx: TempContext;
let app: RunningApp;
let jian: Client;
let resolvedNumber = '';
let estateOrder = '';
const planted: number[] = [];
const ago = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();

beforeAll(async () => {
  ctx = tempContext({ figureReaders: 1 });
  for (const d of [3, 3.2, 3.5, 4, 4.5, 5]) planted.push(insertLead(ctx.db, { place: '碧海花园', street: '西乡街道', category: 'noise', sub_item: 'noise.business', discovered_at: ago(d) }));
  for (let i = 0; i < 40; i++) insertLead(ctx.db, { place: `零散地点${i}`, street: ['新安街道', '航城街道', '福永街道'][i % 3]!, category: 'sanitation', sub_item: null, discovered_at: ago((i * 0.7) % 28) });
  // an order at 固戍工地 resolved 10 days ago; the problem came back twice since
  const first = insertLead(ctx.db, { place: '固戍工地', category: 'municipal', discovered_at: ago(15) });
  resolvedNumber = confirmLead(ctx, { leadId: first, actor: SYSTEM, now: new Date(ago(15)) }).number;
  for (const [to, note] of [['accepted', '已受理'], ['resolved', '已修复']] as const) transitionWorkOrder(ctx, { number: resolvedNumber, to, note, actor: SYSTEM, now: new Date(ago(10)) });
  insertLead(ctx.db, { place: '固戍工地', category: 'municipal', discovered_at: ago(6) });
  insertLead(ctx.db, { place: '固戍工地', category: 'municipal', discovered_at: ago(2) });
  // potholes: more in three districts than in the 30 days before
  for (const district of ['福田区', '罗湖区', '龙华区']) {
    for (let i = 0; i < 3; i++) insertLead(ctx.db, { district, street: null, place: null, category: 'road', sub_item: 'road.pothole', discovered_at: ago(1 + i * 7) });
    insertLead(ctx.db, { district, street: null, place: null, category: 'road', sub_item: 'road.pothole', discovered_at: ago(40) });
  }
  estateOrder = confirmLead(ctx, { leadId: planted[0]!, actor: SYSTEM, now: new Date(ago(2)) }).number;
  app = await startApp(ctx);
  await createUser(ctx, 'jian', 'supervisor');
  jian = await login(app.baseUrl, 'jian');
});
afterAll(async () => {
  await app?.close();
  ctx?.cleanup();
});

describe('GET /api/analytics/hotspots', () => {
  it('finds the planted estate, marked new, with its leads; the noise makes no hotspot', async () => {
    const res = await jian.get('/api/analytics/hotspots');
    expect(res.status).toBe(200);
    expect(res.body.hotspots.map((h: any) => [h.place, h.count, h.trend])).toEqual([['碧海花园', 6, 'new']]);
    expect([...res.body.hotspots[0].leadIds].sort()).toEqual([...planted].sort());
    expect(res.body.hotspots[0].orders).toEqual([estateOrder]);
    expect(res.body.hotspots[0].categories[0].categoryName).toBe('噪声扰民');
    const list = await jian.get(`/api/analytics/leads?${new URLSearchParams({ from: res.body.period.from, to: res.body.period.to, ...res.body.hotspots[0].filter })}`);
    expect(list.body.total).toBe(6);
  });

  it('the street level and a lower bar find the noise streets; a larger window too', async () => {
    const res = await jian.get('/api/analytics/hotspots?level=street&min_leads=5');
    expect(res.body.options).toMatchObject({ level: 'street', minLeads: 5, windowDays: 7 });
    expect(res.body.hotspots.map((h: any) => h.street)).toContain('西乡街道');
    expect(res.body.hotspots.every((h: any) => h.place === null)).toBe(true);
    // The lists hold the highest ranked `limit`, and `total` says how many were found.
    const all = await jian.get('/api/analytics/hotspots?level=street&min_leads=2');
    const top = await jian.get('/api/analytics/hotspots?level=street&min_leads=2&limit=1');
    expect(all.body.hotspots.length).toBeGreaterThan(1);
    expect(top.body.hotspots).toEqual([all.body.hotspots[0]]);
    expect(top.body.total.hotspots).toBe(all.body.hotspots.length);
    expect((await jian.get('/api/analytics/hotspots?limit=0')).status).toBe(400);
  });

  it('finds the problem that came back after its order was resolved (反复投诉)', async () => {
    const { recurrences } = (await jian.get('/api/analytics/hotspots')).body;
    expect(recurrences.map((r: any) => [r.place, r.resolvedOrder, r.count])).toEqual([['固戍工地', resolvedNumber, 2]]);
  });

  it('finds the sub-item rising in three districts (类案)', async () => {
    const { classes } = (await jian.get('/api/analytics/hotspots')).body;
    expect(classes.map((c: any) => [c.subItem, c.current, c.previous, c.districts.length])).toEqual([['road.pothole', 9, 3, 3]]);
    expect(classes[0].filter).toEqual({ category: 'road', sub_item: 'road.pothole' });
  });

  it('a district sees the city\'s findings inside it, and the city-wide classes rising there', async () => {
    const bao = (await jian.get(`/api/analytics/hotspots?district=${encodeURIComponent('宝安区')}`)).body;
    expect(bao.hotspots.map((h: any) => h.place)).toEqual(['碧海花园']);
    expect(bao.recurrences.map((r: any) => r.place)).toEqual(['固戍工地']);
    expect(bao.classes).toEqual([]);
    const futian = (await jian.get(`/api/analytics/hotspots?district=${encodeURIComponent('福田区')}`)).body;
    expect([futian.hotspots, futian.recurrences]).toEqual([[], []]);
    expect(futian.classes.map((c: any) => [c.subItem, c.current, c.districts.length])).toEqual([['road.pothole', 9, 3]]);
    expect(futian.total).toEqual({ hotspots: 0, recurrences: 0, classes: 1 });
  });

  it('refuses a bad level, naming the expected values', async () => {
    const res = await jian.get('/api/analytics/hotspots?level=city');
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/street|place/);
  });
});

describe('watched topics', () => {
  it('saves a hotspot as a topic with its recent count, lists it, removes it; each audited', async () => {
    const saved = await jian.post('/api/analytics/topics', { name: '碧海花园噪声', kind: 'hotspot', filter: { street: '西乡街道', place: '碧海花园' } });
    expect(saved.status).toBe(201);
    expect(saved.body.recent.leads).toBe(6);
    expect((await jian.get('/api/analytics/topics')).body.items.map((t: any) => t.name)).toEqual(['碧海花园噪声']);
    expect((await jian.post('/api/analytics/topics', { name: '空', kind: 'hotspot', filter: {} })).status).toBe(400);
    expect((await jian.delete(`/api/analytics/topics/${saved.body.id}`)).body).toEqual({ deleted: saved.body.id });
    expect((await jian.delete(`/api/analytics/topics/${saved.body.id}`)).status).toBe(404);
    expect(ctx.db.prepare("SELECT action FROM audit_log WHERE entity = 'watched_topic' ORDER BY id").pluck().all()).toEqual(['create', 'delete']);
  });
});
