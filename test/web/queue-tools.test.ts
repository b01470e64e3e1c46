import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertLead } from '../helpers/lead-fixtures.js';
import { tempContext, type TempContext } from '../helpers/temp-context.js';
import { createUser, login, startApp, type Client, type RunningApp } from '../helpers/web-app.js';

/**
 * The verifier's queue tools over HTTP: orders, urgency filter, post time, counts, bulk reject,
 * 我的处理记录. Pages are listed on a reader thread, as in production.
 */
let ctx: TempContext;
let app: RunningApp;
let wang: Client;
let li: Client;
const ids: Record<string, number> = {};
const ago = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();
const idsOf = (body: { items: { id: number }[] }) => body.items.map((i) => i.id);

beforeAll(async () => {
  ctx = tempContext({ claimMinutes: 5, queueReaders: 1 });
  await createUser(ctx, 'wang', 'verifier');
  await createUser(ctx, 'li', 'verifier');
  app = await startApp(ctx);
  [wang, li] = await Promise.all([login(app.baseUrl, 'wang'), login(app.baseUrl, 'li')]);
  // Found today, but posted three months ago (its second post is newer): posted_at is the earliest post.
  ids.stale = insertLead(ctx.db, { posts: [{ text: '去年的井盖问题又被翻出来', publishedAt: ago(90) }, { text: '转发：井盖还是没修', publishedAt: ago(1) }], urgency: 'urgent', category: 'municipal', district: '福田区', heat: 2, discoveredAt: ago(0.01) }).leadId;
  ids.hot = insertLead(ctx.db, { posts: [{ text: '地铁口积水很深', publishedAt: ago(0.5) }], category: 'municipal', district: '南山区', heat: 40, discoveredAt: ago(0.4) }).leadId;
  ids.fresh = insertLead(ctx.db, { posts: [{ text: '刚刚路灯倒了砸到车', publishedAt: ago(0.02) }], urgency: 'urgent', category: 'road', district: '南山区', heat: 1, discoveredAt: ago(0.02) }).leadId;
  ids.undated = insertLead(ctx.db, { posts: [{ text: '小区门口垃圾没人收', publishedAt: null }], category: 'sanitation', district: null, heat: 5, discoveredAt: ago(2) }).leadId;
});
afterAll(async () => {
  await app.close();
  ctx.cleanup();
});

describe('queue orders and filters', () => {
  it('shows when the problem was posted (the earliest post), not only when it was found', async () => {
    const items = (await wang.get('/api/leads')).body.items as { id: number; postedAt: string | null; discoveredAt: string }[];
    const stale = items.find((i) => i.id === ids.stale)!;
    expect(Date.parse(stale.postedAt!)).toBeLessThan(Date.parse(stale.discoveredAt) - 80 * 86_400_000);
    expect(items.find((i) => i.id === ids.undated)!.postedAt).toBeNull();
  });

  it.each([
    ['urgency', ['stale', 'fresh', 'hot', 'undated']],
    ['heat', ['hot', 'undated', 'stale', 'fresh']],
    ['posted', ['fresh', 'hot', 'undated', 'stale']], // undated ranks by when it was found (2 days ago)
    ['discovered', ['stale', 'fresh', 'hot', 'undated']],
  ])('sort=%s', async (sort, expected) => {
    const res = await wang.get(`/api/leads?sort=${sort}`);
    expect(res.status).toBe(200);
    expect(idsOf(res.body)).toEqual(expected.map((k) => ids[k]));
    // Paging one by one gives the same order.
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const page: any = await wang.get(`/api/leads?sort=${sort}&limit=1${cursor ? `&after=${cursor}` : ''}`);
      seen.push(...idsOf(page.body));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(expected.map((k) => ids[k]));
  });

  it('filters by urgency, and refuses an unknown order or a cursor of another order with a Chinese message', async () => {
    expect(idsOf((await wang.get('/api/leads?urgency=urgent')).body)).toEqual([ids.stale, ids.fresh]);
    expect(idsOf((await wang.get('/api/leads?urgency=normal&sort=heat')).body)).toEqual([ids.hot, ids.undated]);
    const bad = await wang.get('/api/leads?sort=random');
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe('query.sort');
    const first = await wang.get('/api/leads?sort=heat&limit=1');
    const mixed = await wang.get(`/api/leads?sort=posted&after=${first.body.nextCursor}`);
    expect(mixed.status).toBe(400);
    expect(mixed.body.error.message).toMatch(/另一种排序/);
  });

  it('counts pending leads per urgency, category and district, and the counts follow changes', async () => {
    const counts = (await wang.get('/api/leads/counts')).body;
    expect(counts).toMatchObject({ status: 'new', total: 4, urgent: 2 });
    expect(counts.byCategory).toEqual([
      { code: 'municipal', name: expect.any(String), count: 2 },
      { code: 'road', name: expect.any(String), count: 1 },
      { code: 'sanitation', name: expect.any(String), count: 1 },
    ]);
    expect(counts.byCategory[0].name).not.toBe('municipal');
    expect(counts.byDistrict).toEqual([{ district: '南山区', count: 2 }, { district: null, count: 1 }, { district: '福田区', count: 1 }]);
    const extra = insertLead(ctx.db, { posts: [{ text: '又一条噪音投诉' }], category: 'noise', district: '福田区' }).leadId;
    expect((await wang.get('/api/leads/counts')).body.total).toBe(5);
    expect((await wang.post(`/api/leads/${extra}/reject`, { version: 1, reason: 'not_civic' })).status).toBe(200);
    const after = (await wang.get('/api/leads/counts')).body;
    expect(after.total).toBe(4);
    expect((await wang.get('/api/leads/counts?status=rejected')).body).toMatchObject({ total: 1, byCategory: [{ code: 'noise', count: 1 }] });
    expect((await wang.get('/api/leads/counts?status=nope')).status).toBe(400);
  });
});

describe('bulk reject', () => {
  it('rejects many with one reason; a lead changed meanwhile is reported and left alone', async () => {
    const a = insertLead(ctx.db, { posts: [{ text: '楼盘广告一' }] }).leadId;
    const b = insertLead(ctx.db, { posts: [{ text: '楼盘广告二' }] }).leadId;
    const c = insertLead(ctx.db, { posts: [{ text: '楼盘广告三' }] }).leadId;
    expect((await li.patch(`/api/leads/${c}`, { version: 1, urgency: 'urgent' })).status).toBe(200);
    const res = await wang.post('/api/leads/reject', { leads: [{ id: a, version: 1 }, { id: b, version: 1 }, { id: c, version: 1 }], reason: 'advertising', note: '同一楼盘广告' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ rejected: 2, failed: 1 });
    expect(res.body.results[2]).toMatchObject({ id: c, rejected: false, error: expect.stringMatching(/版本 1，当前版本 2/) });
    const lead = (await wang.get(`/api/leads/${a}`)).body;
    expect(lead).toMatchObject({ status: 'rejected', rejectReason: 'advertising', rejectNote: '同一楼盘广告' });
    expect((await wang.get(`/api/leads/${c}`)).body.status).toBe('new');
  });

  it.each([
    ['no lead', { leads: [], reason: 'advertising' }, 'body.leads'],
    ['a lead twice', { leads: [{ id: 1, version: 1 }, { id: 1, version: 1 }], reason: 'advertising' }, 'body.leads'],
    ['201 leads', { leads: Array.from({ length: 201 }, (_, i) => ({ id: i + 1, version: 1 })), reason: 'advertising' }, 'body.leads'],
    ['an unknown reason', { leads: [{ id: 1, version: 1 }], reason: 'spam' }, 'body.reason'],
    ['no version', { leads: [{ id: 1 }], reason: 'advertising' }, 'body.leads.0.version'],
  ])('refuses %s, naming %s', async (_name, body, field) => {
    const res = await wang.post('/api/leads/reject', body);
    expect(res.status).toBe(400);
    expect(res.body.error.field).toBe(field);
  });
});

describe('我的处理记录', () => {
  it("lists today's decisions of the person asking, newest first, with work order and reason", async () => {
    const x = insertLead(ctx.db, { posts: [{ text: '桥底积水严重' }] }).leadId;
    const y = insertLead(ctx.db, { posts: [{ text: '减肥药广告' }] }).leadId;
    const z = insertLead(ctx.db, { posts: [{ text: '李的线索' }] }).leadId;
    const confirmed = await wang.post(`/api/leads/${x}/confirm`, { version: 1 });
    expect(confirmed.status).toBe(201);
    expect((await wang.post(`/api/leads/${y}/reject`, { version: 1, reason: 'advertising' })).status).toBe(200);
    expect((await li.post(`/api/leads/${z}/reject`, { version: 1, reason: 'not_civic' })).status).toBe(200);
    const mine = (await wang.get('/api/me/decisions')).body;
    expect(mine.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const ours = mine.items.filter((i: { leadId: number }) => [x, y, z].includes(i.leadId));
    expect(ours).toEqual([
      expect.objectContaining({ action: 'reject', leadId: y, reason: expect.any(String), workOrder: null }),
      expect.objectContaining({ action: 'confirm', leadId: x, workOrder: confirmed.body.workOrder.number, leadStatus: 'confirmed' }),
    ]);
    expect(mine.counts.confirm).toBe(1);
    expect(mine.counts.reject).toBeGreaterThanOrEqual(3); // the bulk rejections above count too
    const his = (await li.get('/api/me/decisions')).body.items.map((i: { action: string; leadId: number }) => `${i.action} ${i.leadId}`);
    expect(his[0]).toBe(`reject ${z}`);
    expect(his.some((d: string) => d.endsWith(` ${x}`) || d.endsWith(` ${y}`))).toBe(false);
    expect(his.filter((d: string) => d.startsWith('edit '))).toHaveLength(1); // li's edit in the bulk-reject test
    expect((await wang.get('/api/me/decisions?date=2020-01-01')).body).toMatchObject({ date: '2020-01-01', items: [] });
    const bad = await wang.get('/api/me/decisions?date=today');
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/YYYY-MM-DD/);
  });
});
