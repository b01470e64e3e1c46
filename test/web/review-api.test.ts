import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertLead } from '../helpers/lead-fixtures.js';
import { tempContext, type TempContext } from '../helpers/temp-context.js';
import { createUser, login, startApp, type Client, type RunningApp } from '../helpers/web-app.js';
import { spawnApp } from '../helpers/web-app-process.js';

let ctx: TempContext;
let app: RunningApp;
let wang: Client;
let li: Client;
let boss: Client;

beforeAll(async () => {
  ctx = tempContext({ claimMinutes: 5 });
  await createUser(ctx, 'wang', 'verifier');
  await createUser(ctx, 'li', 'verifier');
  await createUser(ctx, 'boss', 'admin');
  app = await startApp(ctx);
  [wang, li, boss] = await Promise.all([login(app.baseUrl, 'wang'), login(app.baseUrl, 'li'), login(app.baseUrl, 'boss')]);
});
afterAll(async () => {
  await app.close();
  ctx.cleanup();
});

describe('queue', () => {
  it('orders by urgency, then score, heat, age, and pages with a keyset cursor', async () => {
    const c = tempContext();
    await createUser(c, 'qq', 'verifier');
    const a = await startApp(c);
    const q = await login(a.baseUrl, 'qq');
    try {
      const t = (m: number) => new Date(Date.parse('2026-11-21T00:00:00Z') + m * 60_000).toISOString();
      const ids = {
        oldLowNormal: insertLead(c.db, { posts: [{ text: '一般问题甲' }], score: 0.2, heat: 1, discoveredAt: t(0) }).leadId,
        urgentLow: insertLead(c.db, { posts: [{ text: '紧急问题' }], urgency: 'urgent', score: 0.1, heat: 1, discoveredAt: t(5) }).leadId,
        highScore: insertLead(c.db, { posts: [{ text: '高分问题' }], score: 0.9, heat: 1, discoveredAt: t(9) }).leadId,
        hot: insertLead(c.db, { posts: [{ text: '热门问题' }], score: 0.2, heat: 9, discoveredAt: t(8) }).leadId,
        newLowNormal: insertLead(c.db, { posts: [{ text: '一般问题乙' }], score: 0.2, heat: 1, discoveredAt: t(7) }).leadId,
        rejected: insertLead(c.db, { posts: [{ text: '已驳回' }], status: 'rejected', urgency: 'urgent', score: 1 }).leadId,
      };
      const all = await q.get('/api/leads');
      expect(all.status).toBe(200);
      expect(all.body.items.map((i: { id: number }) => i.id)).toEqual([ids.urgentLow, ids.highScore, ids.hot, ids.oldLowNormal, ids.newLowNormal]);
      const seen: number[] = [];
      let cursor: string | null = null;
      do {
        const page: any = await q.get(`/api/leads?limit=2${cursor ? `&after=${cursor}` : ''}`);
        expect(page.body.items.length).toBeLessThanOrEqual(2);
        seen.push(...page.body.items.map((i: { id: number }) => i.id));
        cursor = page.body.nextCursor;
      } while (cursor);
      expect(seen).toEqual(all.body.items.map((i: { id: number }) => i.id));
      expect((await q.get('/api/leads?status=rejected')).body.items.map((i: { id: number }) => i.id)).toEqual([ids.rejected]);
    } finally {
      await a.close();
      c.cleanup();
    }
  });

  it('filters by category, district, platform, time range and keywords (3+ chars via FTS, 1–2 chars via substring)', async () => {
    const base = Date.parse('2026-10-01T00:00:00Z');
    const at = (d: number) => new Date(base + d * 86_400_000).toISOString();
    const noise = insertLead(ctx.db, { posts: [{ text: '楼下酒吧深夜噪音扰民，吵得睡不着', platform: 'douyin' }], category: 'noise', district: '南山区', discoveredAt: at(1) }).leadId;
    const water = insertLead(ctx.db, { posts: [{ text: '小区水管爆裂漏水严重' }, { text: '同一小区 停水两天了' }], category: 'municipal', district: '福田区', discoveredAt: at(2) }).leadId;
    const ids = async (qs: string) => (await wang.get(`/api/leads?${qs}`)).body.items.map((i: { id: number }) => i.id);
    const cat = (await wang.get('/api/catalogue')).body;
    expect(cat.platforms).toEqual(expect.arrayContaining(['douyin', 'weibo']));
    expect(cat.categories.find((c: { code: string }) => c.code === 'noise').subItems.length).toBeGreaterThan(0);
    expect(cat.rejectReasons.map((r: { code: string }) => r.code)).toEqual(['not_civic', 'duplicate', 'outside_jurisdiction', 'advertising', 'insufficient_info']);
    expect(await ids('category=noise')).toEqual([noise]);
    expect(await ids('district=南山区')).toEqual([noise]);
    expect(await ids('platform=douyin')).toEqual([noise]);
    expect(await ids(`from=${encodeURIComponent(at(2))}&to=${encodeURIComponent(at(3))}`)).toEqual([water]);
    expect(await ids(`q=${encodeURIComponent('噪音扰民')}`)).toEqual([noise]);
    expect(await ids(`q=${encodeURIComponent('噪音')}`)).toEqual([noise]); // 2 chars: trigram cannot, LIKE does
    expect(await ids(`q=${encodeURIComponent('停水')}`)).toEqual([water]); // text of the second post
    expect(await ids(`q=${encodeURIComponent('漏水 停水两天')}`)).toEqual([water]);
    const sink = insertLead(ctx.db, { posts: [{ text: '福田区梅林一村路面塌陷' }], category: 'road', discoveredAt: at(3) }).leadId;
    expect(await ids(`q=${encodeURIComponent('塌陷')}`)).toEqual([sink]); // 2 chars at the very end of the text
    expect(await ids(`q=${encodeURIComponent('陷')}`)).toEqual([sink]); // 1 char
    expect(await ids(`q=${encodeURIComponent('坍塌')}`)).toEqual([]);
    expect(await ids(`q=${encodeURIComponent('100%')}`)).toEqual([]);
    expect(await ids(`q=${encodeURIComponent('"OR*')}`)).toEqual([]);
  });

  it('answers bad query parameters with 400 naming the parameter', async () => {
    for (const [qs, field] of [['limit=0', 'query.limit'], ['status=done', 'query.status'], ['from=yesterday', 'query.from'], ['after=xyz', 'query.after'], ['colour=red', 'query']]) {
      const res = await wang.get(`/api/leads?${qs}`);
      expect(res.status, qs).toBe(400);
      expect(res.body.error.field, qs).toBe(field);
    }
  });
});

describe('lead page and actions', () => {
  it('shows posts as raw text with spans, keeps only http(s) links', async () => {
    const { leadId } = insertLead(ctx.db, {
      posts: [{ text: '<script>alert(1)</script>路灯不亮', url: 'javascript:alert(1)' }, { text: '同一路段路灯坏了', url: 'https://weibo.com/x' }],
      spans: [{ postIndex: 0, start: 25, end: 29, rule: 'municipal.light' }, { postIndex: 0, start: 20, end: 999, rule: 'bad' }],
    });
    const res = await wang.get(`/api/leads/${leadId}`);
    expect(res.status).toBe(200);
    expect(res.body.posts[0].text).toBe('<script>alert(1)</script>路灯不亮');
    expect(res.body.posts[0].url).toBeNull();
    expect(res.body.posts[1].url).toBe('https://weibo.com/x');
    expect(res.body.posts[0].spans).toEqual([{ start: 25, end: 29, rule: 'municipal.light', ruleName: '市政公用' }]);
    expect((await wang.get('/api/leads/999999')).status).toBe(404);
    expect((await wang.get('/api/leads/abc')).status).toBe(400);
  });

  it('claims: the holder is shown to others, others get 409, admin releases, claims expire', async () => {
    const { leadId } = insertLead(ctx.db, { posts: [{ text: '井盖缺失很危险' }] });
    expect((await wang.post(`/api/leads/${leadId}/claim`)).status).toBe(200);
    const other = await li.post(`/api/leads/${leadId}/claim`);
    expect(other.status).toBe(409);
    expect(other.body.error.message).toContain('wang');
    const seen = await li.get(`/api/leads/${leadId}`);
    expect(seen.body.claim).toMatchObject({ name: 'wang', mine: false });
    expect((await li.post(`/api/leads/${leadId}/reject`, { version: 1, reason: 'not_civic' })).status).toBe(409);
    expect((await li.delete(`/api/leads/${leadId}/claim`)).status).toBe(403);
    expect((await boss.delete(`/api/leads/${leadId}/claim`)).status).toBe(200);
    expect((await li.post(`/api/leads/${leadId}/claim`)).status).toBe(200);
    ctx.db.prepare("UPDATE leads SET claim_expires_at = '2000-01-01T00:00:00.000Z' WHERE id = ?").run(leadId);
    expect((await wang.post(`/api/leads/${leadId}/claim`)).status).toBe(200);
    const audit = (await wang.get(`/api/leads/${leadId}`)).body.audit;
    expect(audit.map((a: { action: string }) => a.action)).toContain('release_claim');
  });

  it('edits suggestions with optimistic concurrency and records the edited fields and audit', async () => {
    const { leadId } = insertLead(ctx.db, { posts: [{ text: '垃圾桶满了' }], district: null });
    const ok = await wang.patch(`/api/leads/${leadId}`, { version: 1, district: '罗湖区', urgency: 'urgent' });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ district: '罗湖区', urgency: 'urgent', version: 2, editedFields: ['district', 'urgency'] });
    const stale = await li.patch(`/api/leads/${leadId}`, { version: 1, place: '某处' });
    expect(stale.status).toBe(409);
    expect(stale.body.error.message).toMatch(/版本 1.*当前版本 2/);
    expect((await wang.patch(`/api/leads/${leadId}`, { version: 2, category: 'no_such' })).body.error.field).toBe('body.category');
    expect((await wang.patch(`/api/leads/${leadId}`, { version: 2, colour: 'red' })).status).toBe(400);
    expect((await wang.patch(`/api/leads/${leadId}`, { version: '2', place: 'x' })).body.error.field).toBe('body.version');
    const audit = (await wang.get(`/api/leads/${leadId}`)).body.audit;
    expect(audit.at(-1)).toMatchObject({ action: 'edit', actor: expect.stringMatching(/^user:\d+$/), who: 'wang', what: '修改', changes: [
      { field: 'urgency', label: '紧急程度', from: '一般', to: '紧急' }, { field: 'district', label: '区', from: '空', to: '罗湖区' }] });
    const changes = ctx.db.prepare("SELECT count(*) FROM change_log WHERE entity = 'lead' AND entity_id = ?").pluck().get(leadId);
    expect(changes).toBe(1);
  });

  it('refuses a district outside the jurisdiction, on edit and on create (it would route city-wide)', async () => {
    const { leadId } = insertLead(ctx.db, { posts: [{ text: '路灯不亮很多天了' }], district: null });
    for (const district of ['火星区', "福田区' OR 1=1 --", '南山']) {
      const res = await wang.patch(`/api/leads/${leadId}`, { version: 1, district });
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({ field: 'body.district' });
      expect(res.body.error.message).toMatch(/不在本辖区内.*福田区/);
    }
    expect((await wang.patch(`/api/leads/${leadId}`, { version: 1, district: null, place: '梅林路' })).status).toBe(200);
    const created = await wang.post('/api/leads', { text: '电话反映：火星区路灯不亮', category: 'municipal', district: '火星区' });
    expect(created.status).toBe(400);
    expect(created.body.error.field).toBe('body.district');
  });

  it('rejects with a reason, reopens, and validates the reason', async () => {
    const { leadId } = insertLead(ctx.db, { posts: [{ text: '新楼盘开盘大优惠' }] });
    const bad = await wang.post(`/api/leads/${leadId}/reject`, { version: 1, reason: 'spam' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe('body.reason');
    const res = await wang.post(`/api/leads/${leadId}/reject`, { version: 1, reason: 'advertising', note: '楼盘广告' });
    expect(res.body).toMatchObject({ status: 'rejected', rejectReason: 'advertising', rejectReasonLabel: '广告营销', rejectNote: '楼盘广告' });
    expect((await wang.post(`/api/leads/${leadId}/reject`, { version: 2, reason: 'advertising' })).status).toBe(409);
    const reopened = await li.post(`/api/leads/${leadId}/reopen`, { note: '误驳回' });
    expect(reopened.body).toMatchObject({ status: 'new', rejectReason: null, version: 3 });
  });

  it('merges: posts move, heat adds up; reopen gives them back', async () => {
    const a = insertLead(ctx.db, { posts: [{ text: '深南大道积水严重' }], heat: 2, spans: [{ postIndex: 0, start: 4, end: 6, rule: 'r' }] });
    const b = insertLead(ctx.db, { posts: [{ text: '深南大道又积水了' }, { text: '积水淹到膝盖' }], heat: 3 });
    expect((await wang.post(`/api/leads/${a.leadId}/merge`, { version: 1, into: a.leadId })).status).toBe(400);
    const res = await wang.post(`/api/leads/${a.leadId}/merge`, { version: 1, into: b.leadId });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'merged', mergedInto: b.leadId, postCount: 0, posts: [] });
    const target = (await wang.get(`/api/leads/${b.leadId}`)).body;
    expect(target).toMatchObject({ heat: 5, postCount: 3, mergedFrom: [{ id: a.leadId }] });
    expect(target.posts.find((p: { id: number }) => p.id === a.postIds[0]).spans).toEqual([{ start: 4, end: 6, rule: 'r', ruleName: '已停用的规则' }]);
    expect((await wang.get(`/api/leads?q=${encodeURIComponent('深南大道积水')}`)).body.items.map((i: { id: number }) => i.id)).toEqual([b.leadId]);
    const reopened = await wang.post(`/api/leads/${a.leadId}/reopen`, {});
    expect(reopened.body).toMatchObject({ status: 'new', heat: 2, postCount: 1, mergedInto: null });
    expect((await wang.get(`/api/leads/${b.leadId}`)).body).toMatchObject({ heat: 3, postCount: 2 });
  });

  it('refuses to undo a merge into a lead that became a work order', async () => {
    const a = insertLead(ctx.db, { posts: [{ text: '桥下流浪狗伤人' }] });
    const b = insertLead(ctx.db, { posts: [{ text: '桥下流浪狗又咬人了' }] });
    expect((await wang.post(`/api/leads/${a.leadId}/merge`, { version: 1, into: b.leadId })).status).toBe(200);
    expect((await wang.post(`/api/leads/${b.leadId}/confirm`, { version: (await wang.get(`/api/leads/${b.leadId}`)).body.version })).status).toBe(201);
    const res = await wang.post(`/api/leads/${a.leadId}/reopen`, {});
    expect(res.status).toBe(409);
    expect(res.body.error.message).toMatch(/已确认为工单/);
  });

  it('creates a lead by hand', async () => {
    const res = await wang.post('/api/leads', { text: '电话反映：梅林路路灯一周不亮', category: 'municipal', urgency: 'normal', district: '福田区' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'new', postCount: 1, createdBy: 'wang', posts: [{ platform: 'manual', text: '电话反映：梅林路路灯一周不亮' }] });
    expect((await wang.post('/api/leads', { text: '短', category: 'municipal' })).body.error.field).toBe('body.text');
  });
});

describe('confirm', () => {
  it('creates a work order; a second confirmation gets a clear 409', async () => {
    const { leadId } = insertLead(ctx.db, { posts: [{ text: '华强北路口垃圾堆了三天' }] });
    const res = await wang.post(`/api/leads/${leadId}/confirm`, { version: 1 });
    expect(res.status).toBe(201);
    expect(res.body.workOrder.number).toMatch(/^GD\d{8}-\d{6}$/);
    expect(res.body.lead).toMatchObject({ status: 'confirmed', workOrder: res.body.workOrder.number });
    const again = await li.post(`/api/leads/${leadId}/confirm`, { version: 1 });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toContain(res.body.workOrder.number);
  });

  it('confirms only the version the verifier saw: a stale view gets a 409, no version a 400', async () => {
    const { leadId } = insertLead(ctx.db, { posts: [{ text: '东门步行街井盖缺失' }] });
    expect((await li.patch(`/api/leads/${leadId}`, { version: 1, urgency: 'urgent' })).status).toBe(200);
    const stale = await wang.post(`/api/leads/${leadId}/confirm`, { version: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.error.message).toMatch(/您看到的版本 1，当前版本 2/);
    const missing = await wang.post(`/api/leads/${leadId}/confirm`, {});
    expect(missing.status).toBe(400);
    expect(missing.body.error.field).toBe('body.version');
    expect(ctx.db.prepare('SELECT count(*) FROM work_orders WHERE lead_id = ?').pluck().get(leadId)).toBe(0);
    expect((await wang.post(`/api/leads/${leadId}/confirm`, { version: 2 })).status).toBe(201);
  });

  it('two verifiers in two processes confirming at once: exactly one work order', async () => {
    const second = await spawnApp(ctx.dir);
    try {
      const li2 = await login(second.baseUrl, 'li');
      for (let round = 0; round < 5; round++) {
        const { leadId } = insertLead(ctx.db, { posts: [{ text: `并发确认测试 ${round}` }] });
        const results = await Promise.all([wang.post(`/api/leads/${leadId}/confirm`, { version: 1 }), li2.post(`/api/leads/${leadId}/confirm`, { version: 1 })]);
        const statuses = results.map((r) => r.status).sort();
        expect(statuses).toEqual([201, 409]);
        const loser = results.find((r) => r.status === 409)!;
        expect(loser.body.error.message).toMatch(/已确认为工单 GD/);
        expect(ctx.db.prepare('SELECT count(*) FROM work_orders WHERE lead_id = ?').pluck().get(leadId)).toBe(1);
      }
    } finally {
      await second.stop();
    }
  });
});
