import type { LookupAddress } from 'node:dns';
import { afterEach, describe, expect, it } from 'vitest';
import { SYSTEM } from '../../src/audit/actor.js';
import { createApiKey } from '../../src/downstream/api-keys.js';
import { checkedLookup } from '../../src/downstream/destination-check.js';
import { createWebhookDispatcher } from '../../src/downstream/webhook-dispatcher.js';
import { allowOrigin, createSubscription } from '../../src/downstream/webhooks.js';
import { ForbiddenError } from '../../src/errors.js';
import { addAllowedOrigin, insertSubscription } from '../../src/storage/webhooks.js';
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

const PRIVATE_ORIGINS = [
  'http://169.254.169.254', 'http://[::1]:8080', 'http://0.0.0.0', 'http://[::ffff:127.0.0.1]', 'http://10.1.2.3', 'http://172.16.0.1',
  'https://192.168.1.1', 'http://100.64.0.1', 'http://[fc00::1]', 'http://[fe80::1]', 'http://2130706433', 'http://0x7f.1', 'http://localhost:8080',
];

describe('webhook destinations on private, loopback, link-local or metadata addresses', () => {
  it.each(PRIVATE_ORIGINS)('%s is refused on the allow-list without a reason, with a message saying how to allow it', async (origin) => {
    ctx = tempContext();
    const refusal = allowOrigin(ctx.db, { origin, note: null }, SYSTEM);
    await expect(refusal).rejects.toThrow(ForbiddenError);
    await expect(refusal).rejects.toThrow(/内网.*private_reason.*--private-reason/s);
    expect(ctx.db.prepare('SELECT count(*) FROM webhook_allowlist').pluck().get()).toBe(0);
  });

  it('a public address needs no reason; a private one is allowed with a reason, recorded and audited', async () => {
    ctx = tempContext();
    expect(await allowOrigin(ctx.db, { origin: 'http://93.184.216.34:8080/x', note: null }, SYSTEM)).toBe('http://93.184.216.34:8080');
    expect(await allowOrigin(ctx.db, { origin: 'http://10.1.2.3', note: '区平台', privateReason: '区平台在政务内网' }, SYSTEM)).toBe('http://10.1.2.3');
    expect(ctx.db.prepare("SELECT private_reason FROM webhook_allowlist WHERE origin = 'http://10.1.2.3'").pluck().get()).toBe('区平台在政务内网');
    const audit = ctx.db.prepare("SELECT after FROM audit_log WHERE entity = 'webhook_allowlist' AND entity_id = 'http://10.1.2.3'").pluck().get() as string;
    expect(JSON.parse(audit)).toMatchObject({ origin: 'http://10.1.2.3', private_reason: '区平台在政务内网' });
  });

  it('admins allow a private destination over HTTP only with private_reason', async () => {
    ctx = tempContext();
    await createUser(ctx, 'boss', 'admin');
    const app = await startApp(ctx);
    cleanups.push(() => app.close());
    const admin = await login(app.baseUrl, 'boss');
    const refused = await admin.post('/api/admin/webhook-allowlist', { origin: 'http://169.254.169.254' });
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toMatch(/169\.254\.169\.254.*private_reason/s);
    expect((await admin.post('/api/admin/webhook-allowlist', { origin: 'http://127.0.0.1:9', private_reason: '  ' })).status).toBe(400);
    const allowed = await admin.post('/api/admin/webhook-allowlist', { origin: 'http://127.0.0.1:9', private_reason: '本机联调' });
    expect(allowed.status).toBe(201);
    expect((await admin.get('/api/admin/webhook-allowlist')).body.items).toEqual([expect.objectContaining({ origin: 'http://127.0.0.1:9', private_reason: '本机联调' })]);
  });

  it('a subscription to an allowed origin that resolves to a private address is refused', async () => {
    ctx = tempContext();
    const key = createApiKey(ctx.db, { name: 'k', scopes: ['work_orders:read'], actor: SYSTEM });
    addAllowedOrigin(ctx.db, { origin: 'http://localhost:8080', note: 'made before the check', private_reason: null, created_by: 'system', at: new Date().toISOString() });
    await expect(createSubscription(ctx.db, { apiKeyId: key.id, url: 'http://localhost:8080/h', eventTypes: ['work_order.created'], actor: SYSTEM })).rejects.toThrow(/127\.0\.0\.1/);
  });

  it.each(['localhost', '127.0.0.1'])('delivery re-checks at connect time: an allow-list entry without a reason to %s gets nothing', async (host) => {
    ctx = tempContext({ webhookPollMs: 50, webhookBackoffBaseMs: 40, webhookBackoffMaxMs: 300, webhookTimeoutMs: 2000 });
    const receiver = await new Receiver().start();
    cleanups.push(() => receiver.close());
    const origin = receiver.origin.replace('127.0.0.1', host);
    const key = createApiKey(ctx.db, { name: 'k', scopes: ['work_orders:read'], actor: SYSTEM });
    // An entry made before destinations were checked (or an attacker's DNS answering public at subscription time).
    addAllowedOrigin(ctx.db, { origin, note: null, private_reason: null, created_by: 'system', at: new Date().toISOString() });
    insertSubscription(ctx.db, { api_key_id: key.id, url: `${origin}/h`, event_types: '["work_order.created"]', secret: 'whsec_x', created_by: 'system', created_at: new Date().toISOString() });
    newOrder(ctx);
    const dispatcher = createWebhookDispatcher(ctx);
    cleanups.push(() => dispatcher.stop());
    await dispatcher.start();
    await waitFor(() => ctx!.db.prepare("SELECT status FROM webhook_deliveries").pluck().get() === 'failed', 5000, 'refused delivery');
    expect(receiver.received).toHaveLength(0);
    expect(ctx.db.prepare('SELECT last_error FROM webhook_deliveries').pluck().get()).toMatch(/127\.0\.0\.1.*private_reason/s);
  });
});

describe('checkedLookup: resolve once, check every address, connect to a checked one', () => {
  const lookupWith = (addresses: LookupAddress[], allowPrivate: boolean, all: boolean) =>
    new Promise<{ err: Error | null; address: unknown; family?: number }>((resolve) =>
      checkedLookup('https://dispatch.example.gov.cn', allowPrivate, async () => addresses)('dispatch.example.gov.cn', { all }, (err, address, family) =>
        resolve({ err, address, family }),
      ),
    );

  it('refuses when any address is private (a rebinding answer mixing public and private)', async () => {
    const r = await lookupWith([{ address: '93.184.216.34', family: 4 }, { address: '169.254.169.254', family: 4 }], false, false);
    expect(r.err?.message).toMatch(/169\.254\.169\.254/);
  });

  it('hands the checked public address to connect, in both lookup shapes', async () => {
    expect(await lookupWith([{ address: '93.184.216.34', family: 4 }], false, false)).toEqual({ err: null, address: '93.184.216.34', family: 4 });
    expect((await lookupWith([{ address: '93.184.216.34', family: 4 }], false, true)).address).toEqual([{ address: '93.184.216.34', family: 4 }]);
  });

  it('lets a private address through when the origin was allowed with a reason', async () => {
    expect((await lookupWith([{ address: '10.0.0.5', family: 4 }], true, false)).address).toBe('10.0.0.5');
  });
});
