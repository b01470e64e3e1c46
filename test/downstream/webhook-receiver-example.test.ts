import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { webhookHandler, verifySignature, type WebhookEvent } from '../../examples/webhook-receiver.js';
import { SYSTEM } from '../../src/audit/actor.js';
import { createApiKey } from '../../src/downstream/api-keys.js';
import { createWebhookDispatcher } from '../../src/downstream/webhook-dispatcher.js';
import { allowOrigin, createSubscription, signPayload } from '../../src/downstream/webhooks.js';
import { requeueDelivery } from '../../src/storage/webhooks.js';
import { tempContext, type TempContext } from '../helpers/temp-context.js';
import { startApp } from '../helpers/web-app.js';
import { newOrder } from './helpers.js';
import { waitFor } from './receiver.js';

let ctx: TempContext | undefined;
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
  ctx?.cleanup();
});

/** The example receiver on 127.0.0.1, fed by the real dispatcher. */
async function setup() {
  ctx = tempContext({ webhookPollMs: 50, webhookBackoffBaseMs: 40, webhookBackoffMaxMs: 300, webhookTimeoutMs: 2000 });
  const handled: WebhookEvent[] = [];
  const seen = new Set<string>();
  let secret = ''; // known once the subscription exists, which needs the server's port
  const server: Server = createServer((req, res) => webhookHandler({ secret, seen, onEvent: (e) => void handled.push(e) })(req, res));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  cleanups.push(() => new Promise<void>((r) => (server.closeAllConnections(), server.close(() => r()))));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const url = `${origin}/hooks/civic-radar`;
  const key = createApiKey(ctx.db, { name: 'dispatch', scopes: ['work_orders:read'], actor: SYSTEM });
  await allowOrigin(ctx.db, { origin, note: 'example receiver', privateReason: '示例接收端在本机' }, SYSTEM);
  const sub = await createSubscription(ctx.db, { apiKeyId: key.id, url, eventTypes: ['work_order.created'], actor: SYSTEM });
  secret = sub.secret;
  const dispatcher = createWebhookDispatcher(ctx);
  cleanups.push(() => dispatcher.stop());
  const post = (body: string, headers: Record<string, string>) =>
    fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body }).then((r) => r.status);
  return { ctx, handled, secret, dispatcher, post };
}

describe('the example webhook receiver (examples/webhook-receiver.ts)', () => {
  it('handles a real delivery once, and refuses replays, forgeries and stale timestamps', async () => {
    const { ctx, handled, secret, dispatcher, post } = await setup();
    const number = newOrder(ctx);
    await dispatcher.start();
    await waitFor(() => ctx.db.prepare("SELECT status FROM webhook_deliveries").pluck().get() === 'delivered', 5000, 'delivery');
    expect(handled).toHaveLength(1);
    expect(handled[0]).toMatchObject({ type: 'work_order.created', data: { number } });
    const { id: deliveryId, event_id: eventId, payload } = ctx.db.prepare('SELECT id, event_id, payload FROM webhook_deliveries').get() as { id: number; event_id: string; payload: string };
    expect(JSON.parse(payload).id).toBe(eventId); // the id receivers deduplicate on is inside the signed body

    // At least once: a redelivery (same event id, new timestamp) is acknowledged and not handled again.
    ctx.db.prepare("UPDATE webhook_deliveries SET status = 'failed'").run();
    requeueDelivery(ctx.db, deliveryId, new Date().toISOString());
    await waitFor(() => ctx.db.prepare('SELECT count(*) FROM webhook_attempts WHERE status_code = 200').pluck().get() === 1, 5000, 'redelivery');
    expect(handled).toHaveLength(1);

    const now = Math.floor(Date.now() / 1000);
    const signed = (body: string, t: number, headers: Record<string, string> = {}) => ({ 'x-civicradar-signature': signPayload(secret, body, t), ...headers });
    // A replay inside the window with a fresh (unsigned) delivery header: same body id, so not handled twice.
    expect(await post(payload, signed(payload, now, { 'x-civicradar-delivery': 'replayed-1' }))).toBe(200);
    // A captured request replayed after the window, or dated ahead of it: refused.
    expect(await post(payload, signed(payload, now - 400))).toBe(401);
    expect(await post(payload, signed(payload, now + 400))).toBe(401);
    // A new event id with a stale timestamp: refused, even though it was never seen.
    const other = JSON.stringify({ ...JSON.parse(payload), id: 'ffffffff-0000-4000-8000-000000000000' });
    expect(await post(other, signed(other, now - 3600))).toBe(401);
    // Forged: a changed body, a wrong secret, no signature, a malformed header.
    expect(await post(other, signed(payload, now))).toBe(401);
    expect(await post(other, { 'x-civicradar-signature': signPayload('whsec_wrong', other, now) })).toBe(401);
    expect(await post(other, {})).toBe(401);
    expect(await post(other, { 'x-civicradar-signature': `t=${now},v1=zz` })).toBe(401);
    expect(handled).toHaveLength(1);
    // The same new event, correctly signed and fresh, is handled.
    expect(await post(other, signed(other, now))).toBe(204);
    expect(handled.map((e) => e.id)).toEqual([eventId, 'ffffffff-0000-4000-8000-000000000000']);
  });

  it('verifySignature: constant-time HMAC over t.body, 5-minute window both ways', () => {
    const body = '{"id":"e1"}';
    const t = 1_800_000_000;
    const header = signPayload('whsec_x', body, t);
    expect(verifySignature('whsec_x', body, header, t)).toBe(true);
    expect(verifySignature('whsec_x', body, header, t + 300)).toBe(true);
    expect(verifySignature('whsec_x', body, header, t + 301)).toBe(false);
    expect(verifySignature('whsec_x', body, header, t - 301)).toBe(false);
    expect(verifySignature('whsec_x', `${body} `, header, t)).toBe(false);
    expect(verifySignature('whsec_x', body, header.replace(`t=${t}`, `t=${t + 1}`), t)).toBe(false);
    expect(verifySignature('whsec_x', body, 'v1=abc', t)).toBe(false);
  });
});

describe('the documented webhook guidance', () => {
  it('says to verify the signature, refuse old timestamps and deduplicate on the signed id, not a header', async () => {
    ctx = tempContext();
    const app = await startApp(ctx);
    cleanups.push(() => app.close());
    const doc = await (await fetch(`${app.baseUrl}/api/openapi.json`)).json();
    const text = `${doc.paths['/api/v1/webhooks'].post.description}`;
    expect(text).toMatch(/300 秒/);
    expect(text).toMatch(/常数时间|constant-time/i);
    expect(text).toMatch(/"id"/);
    expect(text).not.toMatch(/X-CivicRadar-Delivery \(deduplicate on it/);
    expect(text).toContain('examples/webhook-receiver.ts');
  });
});
