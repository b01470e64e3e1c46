import { afterEach, describe, expect, it } from 'vitest';
import { SYSTEM } from '../../src/audit/actor.js';
import { createApiKey } from '../../src/downstream/api-keys.js';
import { backoffMs } from '../../src/downstream/webhook-dispatcher.js';
import { createWebhookDispatcher } from '../../src/downstream/webhook-dispatcher.js';
import { allowOrigin, createSubscription, disallowOrigin } from '../../src/downstream/webhooks.js';
import { verifySignature } from '../../examples/webhook-receiver.js';
import { ForbiddenError, ValidationError } from '../../src/errors.js';
import { transitionWorkOrder } from '../../src/workorders/transition.js';
import { tempContext, type TempContext } from '../helpers/temp-context.js';
import { createUser, login, startApp } from '../helpers/web-app.js';
import { newOrder } from './helpers.js';
import { Receiver, waitFor } from './receiver.js';

let ctx: TempContext | undefined;
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
  ctx?.cleanup();
});

const FAST = { webhookPollMs: 50, webhookBackoffBaseMs: 40, webhookBackoffMaxMs: 300, webhookMaxAttempts: 5, webhookTimeoutMs: 2000 };

async function setup(overrides = {}) {
  ctx = tempContext({ ...FAST, ...overrides });
  const receiver = await new Receiver().start();
  cleanups.push(() => receiver.close());
  const key = createApiKey(ctx.db, { name: '12345', scopes: ['work_orders:read'], actor: SYSTEM });
  // The receiver is on 127.0.0.1: allowed the way an admin allows a private destination, with a reason.
  await allowOrigin(ctx.db, { origin: receiver.origin, note: 'test receiver', privateReason: '测试接收端在本机' }, SYSTEM);
  const sub = await createSubscription(ctx.db, { apiKeyId: key.id, url: receiver.url, eventTypes: ['work_order.created', 'work_order.status_changed'], actor: SYSTEM });
  const dispatcher = createWebhookDispatcher(ctx);
  cleanups.push(() => dispatcher.stop());
  return { ctx, receiver, key, sub, dispatcher };
}

describe('webhook backoff', () => {
  it.each([
    [1, 1000], [2, 2000], [3, 4000], [4, 8000], [10, 60_000],
  ])('after %i failures waits about %i ms', (failures, expected) => {
    expect(backoffMs(failures, 1000, 60_000, () => 0.5)).toBe(expected);
    expect(backoffMs(failures, 1000, 60_000, () => 0)).toBe(Math.round(expected * 0.8));
    expect(backoffMs(failures, 1000, 60_000, () => 1)).toBe(Math.round(expected * 1.2));
  });
});

describe('webhook deliveries', () => {
  it('are signed, retried while the receiver fails, then delivered; the log shows every attempt', async () => {
    const { ctx, receiver, sub, dispatcher } = await setup();
    receiver.mode = 503;
    const number = newOrder(ctx);
    transitionWorkOrder(ctx, { number, to: 'accepted', actor: SYSTEM });
    expect(ctx.db.prepare("SELECT count(*) FROM webhook_deliveries WHERE status = 'pending'").pluck().get()).toBe(2);
    await dispatcher.start();
    await waitFor(() => receiver.received.length >= 6, 5000, 'six failed attempts');
    receiver.mode = 'ok';
    await waitFor(() => ctx.db.prepare("SELECT count(*) FROM webhook_deliveries WHERE status = 'delivered'").pluck().get() === 2, 8000, 'both delivered');
    const now = Math.floor(Date.now() / 1000);
    for (const r of receiver.received) {
      expect(verifySignature(sub.secret, r.body, r.signature, now)).toBe(true);
      expect(verifySignature(sub.secret, `${r.body} `, r.signature, now)).toBe(false);
      expect(verifySignature('whsec_wrong', r.body, r.signature, now)).toBe(false);
      expect(verifySignature(sub.secret, r.body, r.signature, now + 3600)).toBe(false); // too old: replay refused
    }
    const bodies = receiver.received.filter((r) => r.event === 'work_order.created').map((r) => JSON.parse(r.body));
    expect(bodies[0]).toMatchObject({ type: 'work_order.created', data: { number, status: 'dispatched', department: '宝安区城市管理和综合执法局' } });
    const attempts = ctx.db.prepare('SELECT d.event_type, a.attempt, a.status_code FROM webhook_attempts a JOIN webhook_deliveries d ON d.id = a.delivery_id ORDER BY a.id').all() as { attempt: number; status_code: number }[];
    expect(attempts.filter((a) => a.status_code === 503).length).toBeGreaterThanOrEqual(6);
    expect(attempts.filter((a) => a.status_code === 204)).toHaveLength(2);
  });

  it('give up after the maximum attempts; redirects are failures; admins read the log and retry', async () => {
    const { ctx, receiver, dispatcher } = await setup();
    await createUser(ctx, 'boss', 'admin');
    const app = await startApp(ctx);
    cleanups.push(() => app.close());
    const admin = await login(app.baseUrl, 'boss');
    receiver.mode = 302;
    newOrder(ctx);
    await dispatcher.start();
    await waitFor(() => ctx.db.prepare("SELECT count(*) FROM webhook_deliveries WHERE status = 'failed'").pluck().get() === 1, 8000, 'delivery failed for good');
    expect(receiver.received).toHaveLength(5);
    const log = await admin.get('/api/admin/webhook-deliveries?status=failed');
    expect(log.body.items).toHaveLength(1);
    const one = await admin.get(`/api/admin/webhook-deliveries/${log.body.items[0].id}`);
    expect(one.body.attempts_log.map((a: { status_code: number }) => a.status_code)).toEqual([302, 302, 302, 302, 302]);
    expect(one.body.payload.type).toBe('work_order.created');
    receiver.mode = 'ok';
    expect((await admin.post(`/api/admin/webhook-deliveries/${log.body.items[0].id}/retry`)).body.status).toBe('pending');
    await waitFor(() => ctx.db.prepare("SELECT status FROM webhook_deliveries").pluck().get() === 'delivered', 5000, 'retried delivery');
    expect((await admin.post(`/api/admin/webhook-deliveries/${log.body.items[0].id}/retry`)).status).toBe(409);
  });

  it('go only to allowed origins, checked at subscription and at every attempt', async () => {
    const { ctx, receiver, key, dispatcher } = await setup();
    await expect(createSubscription(ctx.db, { apiKeyId: key.id, url: 'http://127.0.0.1:1/x', eventTypes: ['work_order.created'], actor: SYSTEM })).rejects.toThrow(ForbiddenError);
    await expect(createSubscription(ctx.db, { apiKeyId: key.id, url: 'file:///etc/passwd', eventTypes: ['work_order.created'], actor: SYSTEM })).rejects.toThrow(ValidationError);
    await expect(createSubscription(ctx.db, { apiKeyId: key.id, url: `http://user:pw@${receiver.origin.slice(7)}/x`, eventTypes: ['work_order.created'], actor: SYSTEM })).rejects.toThrow(ValidationError);
    disallowOrigin(ctx.db, receiver.origin, SYSTEM);
    newOrder(ctx);
    await dispatcher.start();
    await waitFor(() => ctx.db.prepare("SELECT count(*) FROM webhook_deliveries WHERE status = 'failed'").pluck().get() === 1, 5000, 'refused delivery');
    expect(receiver.received).toHaveLength(0);
    expect(ctx.db.prepare('SELECT last_error FROM webhook_deliveries').pluck().get()).toContain('no longer on the allow-list');
  });

  it('admin endpoints manage the allow-list and subscriptions; non-admins are refused', async () => {
    const { ctx, key } = await setup();
    await createUser(ctx, 'boss', 'admin');
    await createUser(ctx, 'li', 'verifier');
    const app = await startApp(ctx);
    cleanups.push(() => app.close());
    const admin = await login(app.baseUrl, 'boss');
    const verifier = await login(app.baseUrl, 'li');
    expect((await verifier.get('/api/admin/webhooks')).status).toBe(403);
    expect((await admin.post('/api/admin/webhooks', { api_key_id: key.id, url: 'https://dispatch.example.gov.cn/h', event_types: ['work_order.created'] })).status).toBe(403);
    expect((await admin.post('/api/admin/webhook-allowlist', { origin: 'https://dispatch.example.gov.cn/any/path' })).body.origin).toBe('https://dispatch.example.gov.cn');
    const created = await admin.post('/api/admin/webhooks', { api_key_id: key.id, url: 'https://dispatch.example.gov.cn/h', event_types: ['work_order.rerouted'] });
    expect(created.status).toBe(201);
    expect(created.body.secret).toMatch(/^whsec_/);
    const list = await admin.get('/api/admin/webhooks');
    expect(JSON.stringify(list.body)).not.toContain(created.body.secret);
    expect((await admin.delete(`/api/admin/webhooks/${created.body.id}`)).status).toBe(200);
    expect((await admin.post('/api/admin/webhooks', { api_key_id: key.id, url: 'https://x.example/h', event_types: ['nope'] })).status).toBe(400);
    expect((await admin.delete(`/api/admin/webhook-allowlist?origin=${encodeURIComponent('https://dispatch.example.gov.cn')}`)).status).toBe(200);
  });

  it('a key manages its own subscriptions, only to allowed origins', async () => {
    const { ctx, receiver } = await setup();
    const app = await startApp(ctx);
    cleanups.push(() => app.close());
    const mine = createApiKey(ctx.db, { name: 'mine', scopes: ['work_orders:read'], actor: SYSTEM }).key;
    const other = createApiKey(ctx.db, { name: 'other', scopes: ['work_orders:read'], actor: SYSTEM }).key;
    const call = (key: string, method: string, path: string, body?: unknown) =>
      fetch(app.baseUrl + path, { method, headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) }).then(async (r) => ({ status: r.status, body: await r.json() }));
    expect((await call(mine, 'POST', '/api/v1/webhooks', { url: 'https://not-allowed.example/h', event_types: ['work_order.created'] })).status).toBe(403);
    const created = await call(mine, 'POST', '/api/v1/webhooks', { url: receiver.url, event_types: ['work_order.created'] });
    expect(created.status).toBe(201);
    expect(created.body.secret).toMatch(/^whsec_/);
    expect((await call(mine, 'GET', '/api/v1/webhooks')).body.items.map((s: { id: number }) => s.id)).toEqual([created.body.id]);
    expect((await call(other, 'GET', '/api/v1/webhooks')).body.items).toEqual([]);
    expect((await call(other, 'DELETE', `/api/v1/webhooks/${created.body.id}`)).status).toBe(404);
    expect((await call(mine, 'DELETE', `/api/v1/webhooks/${created.body.id}`)).status).toBe(200);
  });
});
