import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditTrail } from '../../src/audit/audit-log.js';
import { tempContext, type TempContext } from '../helpers/temp-context.js';
import { createUser, login, startApp, type Client, type RunningApp } from '../helpers/web-app.js';
import { api, newKey, newOrder } from './helpers.js';

let ctx: TempContext;
let app: RunningApp;
let admin: Client;

beforeAll(async () => {
  ctx = tempContext();
  await createUser(ctx, 'boss', 'admin');
  await createUser(ctx, 'li', 'verifier');
  app = await startApp(ctx);
  admin = await login(app.baseUrl, 'boss');
});
afterAll(async () => {
  await app?.close();
  ctx?.cleanup();
});

describe('API keys', () => {
  it('are created by admins and shown once, refuse missing/wrong/revoked keys with 401 and the wrong scope with 403', async () => {
    const verifier = await login(app.baseUrl, 'li');
    expect((await verifier.post('/api/admin/api-keys', { name: 'x', scopes: ['work_orders:read'] })).status).toBe(403);
    expect((await admin.post('/api/admin/api-keys', { name: 'x', scopes: ['everything'] })).status).toBe(400);
    const created = await admin.post('/api/admin/api-keys', { name: '宝安区智慧城管平台', scopes: ['work_orders:read'] });
    expect(created.status).toBe(201);
    const key = created.body.key as string;
    expect(key).toMatch(/^crk_[\w-]{43}$/);
    const list = await admin.get('/api/admin/api-keys');
    expect(JSON.stringify(list.body)).not.toContain(key);
    expect(ctx.db.prepare('SELECT count(*) FROM api_keys WHERE key_hash = ?').pluck().get(key)).toBe(0); // stored hashed

    const number = newOrder(ctx);
    expect((await api(app.baseUrl, undefined, 'GET', '/api/v1/work-orders')).status).toBe(401);
    const wrong = await api(app.baseUrl, `${key.slice(0, -2)}xx`, 'GET', '/api/v1/work-orders');
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('www-authenticate')).toContain('Bearer');
    expect((await api(app.baseUrl, key, 'GET', '/api/v1/work-orders')).status).toBe(200);
    const scope = await api(app.baseUrl, key, 'POST', `/api/v1/work-orders/${number}/events`, { type: 'accepted' });
    expect(scope.status).toBe(403);
    expect(scope.body.error.message).toContain('work_orders:write');
    const used = await admin.get('/api/admin/api-keys');
    expect(used.body.items.find((k: { id: number }) => k.id === created.body.id).last_used_at).not.toBeNull();
    // A session cookie does not open the API-key endpoints.
    expect((await admin.get('/api/v1/work-orders')).status).toBe(401);

    expect((await admin.delete(`/api/admin/api-keys/${created.body.id}`)).status).toBe(200);
    expect((await admin.delete(`/api/admin/api-keys/${created.body.id}`)).status).toBe(409);
    expect((await api(app.baseUrl, key, 'GET', '/api/v1/work-orders')).status).toBe(401);
    expect(auditTrail(ctx.db, 'api_key', created.body.id).map((e) => e.action)).toEqual(['create', 'revoke']);
  });
});

describe('cursor pull', () => {
  it('returns orders in change order with posts, location, deadlines and history; an update moves an order behind the cursor', async () => {
    const key = newKey(ctx, ['work_orders:read']);
    const head = await api(app.baseUrl, key, 'GET', '/api/v1/work-orders?limit=500');
    const start = head.body.next_cursor as string;
    const numbers = [newOrder(ctx), newOrder(ctx, { category: 'labor', sub_item: 'labor.wage_arrears', district: '龙华区', street: null }), newOrder(ctx)];
    const p1 = await api(app.baseUrl, key, 'GET', `/api/v1/work-orders?cursor=${start}&limit=2`);
    expect(p1.body.items.map((o: { number: string }) => o.number)).toEqual(numbers.slice(0, 2));
    expect(p1.body.has_more).toBe(true);
    const o = p1.body.items[1];
    expect(o).toMatchObject({
      department: '龙华区劳动监察大队', sub_item: 'labor.wage_arrears', urgency: 'urgent',
      location: { district: '龙华区', street: null, place: '固戍地铁站A出口' },
      deadlines: { dispatch: expect.any(String), current_step_due: expect.any(String) },
    });
    expect(o.source_posts[0]).toMatchObject({ platform: 'weibo', url: expect.stringMatching(/^https:/), text: expect.any(String), published_at: expect.any(String) });
    expect(o.history).toHaveLength(2);

    const writer = newKey(ctx, ['work_orders:write']);
    expect((await api(app.baseUrl, writer, 'POST', `/api/v1/work-orders/${numbers[0]}/events`, { type: 'accepted' })).status).toBe(200);
    const p2 = await api(app.baseUrl, key, 'GET', `/api/v1/work-orders?cursor=${p1.body.next_cursor}&limit=10`);
    expect(p2.body.items.map((x: { number: string }) => x.number)).toEqual([numbers[2], numbers[0]]);
    expect(p2.body.items[1].status).toBe('accepted');
    expect(p2.body.has_more).toBe(false);
    const empty = await api(app.baseUrl, key, 'GET', `/api/v1/work-orders?cursor=${p2.body.next_cursor}`);
    expect(empty.body).toEqual({ items: [], next_cursor: p2.body.next_cursor, has_more: false });
    expect((await api(app.baseUrl, key, 'GET', '/api/v1/work-orders?cursor=abc')).status).toBe(400);
    expect((await api(app.baseUrl, key, 'GET', '/api/v1/work-orders?limit=501')).status).toBe(400);

    const one = await api(app.baseUrl, key, 'GET', `/api/v1/work-orders/${numbers[0]}`);
    expect(one.body.history.map((h: { to_status: string }) => h.to_status)).toEqual(['created', 'dispatched', 'accepted']);
    expect(one.body.history[2].actor).toMatch(/^key:\d+$/);
    expect((await api(app.baseUrl, key, 'GET', '/api/v1/work-orders/GD20000101-000001')).status).toBe(404);
  });
});

describe('report-back events', () => {
  it('are idempotent under Idempotency-Key, refuse a reused key with another body (422) and disallowed moves (409)', async () => {
    const key = newKey(ctx);
    const number = newOrder(ctx);
    const path = `/api/v1/work-orders/${number}/events`;
    const first = await api(app.baseUrl, key, 'POST', path, { type: 'accepted', note: '已接单' }, { 'idempotency-key': 'k-1' });
    expect(first.status).toBe(200);
    expect(first.body.work_order.status).toBe('accepted');
    const again = await api(app.baseUrl, key, 'POST', path, { note: '已接单', type: 'accepted' }, { 'idempotency-key': 'k-1' });
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body).toEqual(first.body);
    const reused = await api(app.baseUrl, key, 'POST', path, { type: 'in_progress' }, { 'idempotency-key': 'k-1' });
    expect(reused.status).toBe(422);

    const bad = await api(app.baseUrl, key, 'POST', path, { type: 'accepted' }, { 'idempotency-key': 'k-2' });
    expect(bad.status).toBe(409);
    expect(bad.body.error.message).toMatch(/当前为“已受理”.*当前可改为：“处理中”、“已办结”、“已退回”/);
    expect(bad.body.error.details).toEqual({ status: 'accepted', requested: expect.any(String), allowed: ['in_progress', 'resolved', 'returned'] });
    const badAgain = await api(app.baseUrl, key, 'POST', path, { type: 'accepted' }, { 'idempotency-key': 'k-2' });
    expect(badAgain.status).toBe(409);

    expect((await api(app.baseUrl, key, 'POST', path, { type: 'resolved' }, { 'idempotency-key': 'k-3' })).status).toBe(400);
    expect((await api(app.baseUrl, key, 'POST', path, { type: 'returned', note: '' })).status).toBe(400);
    expect((await api(app.baseUrl, key, 'POST', path, { type: 'closed' })).status).toBe(400);
    expect((await api(app.baseUrl, key, 'POST', path, { type: 'accepted', extra: 1 })).status).toBe(400);
    expect((await api(app.baseUrl, key, 'POST', path, { type: 'resolved', note: '井盖已更换' }, { 'idempotency-key': 'k-3' })).status).toBe(200);

    // Ten concurrent retries of one request apply it once.
    const other = newOrder(ctx);
    const results = await Promise.all(
      Array.from({ length: 10 }, () => api(app.baseUrl, key, 'POST', `/api/v1/work-orders/${other}/events`, { type: 'returned', reason: '不属本单位' }, { 'idempotency-key': 'same' })),
    );
    expect(results.map((r) => r.status)).toEqual(Array(10).fill(200));
    const rows = ctx.db.prepare("SELECT count(*) FROM work_order_events e JOIN work_orders o ON o.id = e.work_order_id WHERE o.number = ? AND e.to_status = 'returned'").pluck().get(other);
    expect(rows).toBe(1);
  });
});
