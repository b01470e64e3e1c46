import { cpSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { confirmLead } from '../../src/workorders/confirm-lead.js';
import { tempContext, type TempContext } from '../helpers/temp-context.js';
import { createUser, login, request, startApp, type Client, type RunningApp } from '../helpers/web-app.js';
import { insertLead } from './fixtures.js';

let ctx: TempContext;
let app: RunningApp;
let verifier: Client;
let admin: Client;
const SYSTEM_ACTOR = { kind: 'system' as const, name: 'test' };

/** A private copy of rules/ so the admin PUT test never touches the repository's file. */
function copyRules(dir: string): string {
  const rules = path.join(dir, 'rules');
  mkdirSync(rules);
  cpSync('rules/responsibility.yaml', path.join(rules, 'responsibility.yaml'));
  cpSync('rules/packs', path.join(rules, 'packs'), { recursive: true });
  return rules;
}

beforeAll(async () => {
  ctx = tempContext();
  ctx.config.rulesDir = copyRules(ctx.dir);
  await createUser(ctx, 'li', 'verifier');
  await createUser(ctx, 'boss', 'admin');
  app = await startApp(ctx);
  verifier = await login(app.baseUrl, 'li');
  admin = await login(app.baseUrl, 'boss');
});
afterAll(async () => {
  await app?.close();
  ctx?.cleanup();
});

function newOrder(spec: Parameters<typeof insertLead>[1] = {}, now = new Date()) {
  return confirmLead(ctx, { leadId: insertLead(ctx.db, spec), actor: SYSTEM_ACTOR, now }).number;
}

describe('staff work-order endpoints', () => {
  it('refuses anonymous callers and unknown fields', async () => {
    expect((await request(app.baseUrl, 'GET', '/api/work-orders')).status).toBe(401);
    const number = newOrder();
    expect((await verifier.patch(`/api/work-orders/${number}`, { version: 2, colour: 'red' })).status).toBe(400);
    expect((await verifier.get('/api/work-orders?colour=red')).status).toBe(400);
    expect((await verifier.get('/api/work-orders/GD1-1')).status).toBe(404);
    expect((await verifier.get('/api/work-orders/GD20990101-000001')).status).toBe(404);
  });

  it('lists with filters and keyset pages, and shows one order with posts, history and audit', async () => {
    const a = newOrder({ category: 'noise', sub_item: 'noise.square_dancing', district: '南山区', street: '粤海街道', urgency: 'normal' });
    const b = newOrder({ category: 'noise', sub_item: null, district: '南山区', urgency: 'normal', discovered_at: '2020-01-01T00:00:00.000Z' });
    const list = await verifier.get('/api/work-orders?category=noise&district=南山区&limit=1');
    expect(list.status).toBe(200);
    expect(list.body.total).toBe(2);
    expect(list.body.items[0].number).toBe(b);
    const page2 = await verifier.get(`/api/work-orders?category=noise&district=南山区&limit=1&before=${list.body.next_before}`);
    expect(page2.body.items.map((o: { number: string }) => o.number)).toEqual([a]);
    expect(page2.body.items[0].department).toBe('深圳市公安局南山分局');
    expect(page2.body.items[0].sub_item_label).toBe('广场舞噪声');
    // b was discovered years ago: its current step (acceptance) is not yet overdue, but a created order would be.
    const overdue = await verifier.get('/api/work-orders?overdue=false&category=noise');
    expect(overdue.body.total).toBe(2);
    const byStatus = await verifier.get('/api/work-orders?status=dispatched,accepted&department=深圳市公安局南山分局');
    expect(byStatus.body.items.map((o: { number: string }) => o.number)).toContain(a);

    const one = await verifier.get(`/api/work-orders/${a}`);
    expect(one.status).toBe(200);
    expect(one.body.source_posts[0]).toMatchObject({ platform: 'weibo', text: expect.stringContaining('井盖') });
    expect(one.body.history.map((h: { to_status: string }) => h.to_status)).toEqual(['created', 'dispatched']);
    expect(one.body.history.map((h: { who: string }) => h.who)).toEqual([expect.not.stringMatching(/:/), expect.not.stringMatching(/:/)]);
    expect(one.body.audit[0]).toMatchObject({ action: 'create', what: '创建', changes: expect.arrayContaining([{ field: 'status', label: '状态', from: null, to: '已派发' }]) });
    expect(one.body.location).toMatchObject({ district: '南山区', coordinates: { precision: 'district' } });
  });

  it('re-routes on a category or district change, says so in the history, and guards the version', async () => {
    const number = newOrder({ category: 'municipal', sub_item: 'municipal.manhole', district: '宝安区' });
    const accepted = await verifier.post(`/api/work-orders/${number}/transitions`, { to: 'accepted', version: 2 });
    expect(accepted.status).toBe(200);
    const stale = await verifier.patch(`/api/work-orders/${number}`, { category: 'road', version: 2 });
    expect(stale.status).toBe(409);
    expect(stale.body.error.message).toContain('版本 2，当前版本 3');
    const moved = await verifier.patch(`/api/work-orders/${number}`, { category: 'municipal', sub_item: 'municipal.drainage', version: 3 });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ department: '宝安区水务局', status: 'dispatched', sub_item: 'municipal.drainage' });
    const district = await verifier.patch(`/api/work-orders/${number}`, { district: '龙岗区', street: null, version: moved.body.version });
    expect(district.body.department).toBe('龙岗区水务局');
    const detail = await verifier.get(`/api/work-orders/${number}`);
    const reroutes = detail.body.history.filter((h: { kind: string }) => h.kind === 'reroute');
    expect(reroutes).toHaveLength(2);
    expect(reroutes[0].note).toContain('由 宝安区城市管理和综合执法局 改派至 宝安区水务局');
    expect(reroutes[1].note).toContain('区由 宝安区 改为 龙岗区');
    expect(detail.body.audit.map((e: { action: string }) => e.action)).toEqual(['create', 'status:accepted', 'reroute', 'reroute']);
    const description = await verifier.patch(`/api/work-orders/${number}`, { description: '井下积水，需清疏', version: district.body.version });
    expect(description.body.description).toBe('井下积水，需清疏');
    expect((await verifier.patch(`/api/work-orders/${number}`, { district: '火星区', version: description.body.version })).status).toBe(400);
  });

  it('allows only the moves of the status table and names them in the 409', async () => {
    const number = newOrder();
    const bad = await verifier.post(`/api/work-orders/${number}/transitions`, { to: 'resolved', note: '已修' });
    expect(bad.status).toBe(409);
    expect(bad.body.error.message).toMatch(/当前为“已派发”，不能改为“.+”；当前可改为：“已受理”、“已退回”/);
    expect(bad.body.error.message).not.toMatch(/[a-z]{4,}/);
    expect(bad.body.error.details).toMatchObject({ status: 'dispatched', allowed: ['accepted', 'returned'] });
    expect((await verifier.post(`/api/work-orders/${number}/transitions`, { to: 'returned' })).status).toBe(400);
    expect((await verifier.post(`/api/work-orders/${number}/transitions`, { to: 'reassigned' })).status).toBe(400);
    const returned = await verifier.post(`/api/work-orders/${number}/transitions`, { to: 'returned', reason: '非本单位职责，属供水管网' });
    expect(returned.body).toMatchObject({ status: 'returned', department: '宝安区城市管理和综合执法局' });
    // Editing the category of a returned order does not move it: an admin decides.
    const edited = await verifier.patch(`/api/work-orders/${number}`, { sub_item: 'municipal.water_supply', version: returned.body.version });
    expect(edited.body.department).toBe('宝安区城市管理和综合执法局');

    expect((await verifier.post(`/api/work-orders/${number}/reassign`, { department: '深圳市水务（集团）有限公司' })).status).toBe(403);
    expect((await admin.post(`/api/work-orders/${number}/reassign`, { department: '不存在的局' })).status).toBe(400);
    expect((await admin.post(`/api/work-orders/${number}/reassign`, { department: '宝安区城市管理和综合执法局' })).status).toBe(409);
    const re = await admin.post(`/api/work-orders/${number}/reassign`, { department: '深圳市水务（集团）有限公司', note: '供水管网归水务集团' });
    expect(re.status).toBe(200);
    expect(re.body).toMatchObject({ status: 'dispatched', department: '深圳市水务（集团）有限公司' });
    const detail = await verifier.get(`/api/work-orders/${number}`);
    expect(detail.body.history.map((h: { to_status: string }) => h.to_status)).toEqual(['created', 'dispatched', 'returned', 'returned', 'reassigned', 'dispatched']);
    for (const to of ['accepted', 'in_progress']) expect((await verifier.post(`/api/work-orders/${number}/transitions`, { to })).status).toBe(200);
    expect((await verifier.post(`/api/work-orders/${number}/transitions`, { to: 'resolved' })).status).toBe(400);
    expect((await verifier.post(`/api/work-orders/${number}/transitions`, { to: 'resolved', note: '已更换井盖' })).body.deadlines.current_step_due).toBeNull();
    const closed = await verifier.post(`/api/work-orders/${number}/transitions`, { to: 'closed', note: '回访满意' });
    expect(closed.body.allowed_transitions).toEqual([]);
  });

  it('serves departments and lets only admins replace the responsibility list, validated and atomically', async () => {
    const deps = await verifier.get('/api/departments');
    expect(deps.body.departments.map((d: { name: string }) => d.name)).toEqual(expect.arrayContaining(['福田区城市管理和综合执法局', '深圳市生态环境局大鹏管理局', '深圳供电局有限公司']));
    const preview = await verifier.get('/api/responsibility/route?category=city_order&district=福田区&street=华富街道');
    expect(preview.body).toMatchObject({ department: '福田区华富街道办事处', matched: 'city_order@福田区' });
    const current = await verifier.get('/api/responsibility');
    const list = structuredClone(current.body.list);
    list.routes.push({ category: 'greenery', sub_item: 'greenery.felling', department: 'ecology' });
    expect((await verifier.put('/api/responsibility', { etag: current.body.etag, list })).status).toBe(403);
    const wrong = structuredClone(list);
    wrong.routes.push({ category: 'greenery', sub_item: 'greenery.nonsense', department: 'ecology' });
    const invalid = await admin.put('/api/responsibility', { etag: current.body.etag, list: wrong });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.field).toMatch(/^routes\.\d+\.sub_item$/);
    const badDept = structuredClone(list);
    badDept.routes[0].department = 'nobody';
    expect((await admin.put('/api/responsibility', { etag: current.body.etag, list: badDept })).body.error.message).toContain('unknown department "nobody"');
    const saved = await admin.put('/api/responsibility', { etag: current.body.etag, list });
    expect(saved.status).toBe(200);
    expect((await admin.put('/api/responsibility', { etag: current.body.etag, list })).status).toBe(409);
    const onDisk = YAML.parse(readFileSync(path.join(ctx.config.rulesDir, 'responsibility.yaml'), 'utf8'));
    expect(onDisk.routes.at(-1)).toEqual({ category: 'greenery', sub_item: 'greenery.felling', department: 'ecology' });
    expect(newOrder({ category: 'greenery', sub_item: 'greenery.felling', district: '光明区' })).toMatch(/^GD/);
    const latest = await verifier.get('/api/work-orders?category=greenery');
    expect(latest.body.items[0].department).toBe('深圳市生态环境局光明管理局');
  });
});
