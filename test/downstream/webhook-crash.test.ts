import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SYSTEM } from '../../src/audit/actor.js';
import { createApiKey } from '../../src/downstream/api-keys.js';
import { allowOrigin, createSubscription } from '../../src/downstream/webhooks.js';
import { verifySignature } from '../../examples/webhook-receiver.js';
import { tempContext, type TempContext } from '../helpers/temp-context.js';
import { newOrder } from './helpers.js';
import { Receiver, waitFor } from './receiver.js';

let ctx: TempContext | undefined;
let receiver: Receiver | undefined;
const children: ChildProcess[] = [];
afterEach(async () => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  await receiver?.close();
  ctx?.cleanup();
});

/** The real server (npm start's entry point) on the test's database, web on a free port. */
function startServer(dir: string): ChildProcess {
  // node --import tsx, not the tsx CLI: the child PID is the server itself, so SIGKILL kills the server, not a wrapper.
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: {
      ...process.env, DATA_DIR: dir, PORT: '0', HOST: '127.0.0.1', SCHEDULER: 'false', LOG_LEVEL: 'warn', RULES_DIR: path.resolve('rules'),
      WEBHOOK_POLL_MS: '50', WEBHOOK_TIMEOUT_MS: '1500', WEBHOOK_BACKOFF_BASE_MS: '50', WEBHOOK_BACKOFF_MAX_MS: '200',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  children.push(child);
  return child;
}

describe('webhook outbox', () => {
  it('kill -9 of the server mid-delivery loses nothing: every event arrives, signed, after a restart', { timeout: 240_000 }, async () => {
    ctx = tempContext();
    receiver = await new Receiver().start();
    const key = createApiKey(ctx.db, { name: 'dispatch', scopes: ['work_orders:read'], actor: SYSTEM });
    await allowOrigin(ctx.db, { origin: receiver.origin, note: null, privateReason: '测试接收端在本机' }, SYSTEM);
    const sub = await createSubscription(ctx.db, { apiKeyId: key.id, url: receiver.url, eventTypes: ['work_order.created'], actor: SYSTEM });
    for (let i = 0; i < 30; i++) newOrder(ctx);
    const expected = new Set(ctx.db.prepare('SELECT event_id FROM webhook_deliveries').pluck().all() as string[]);
    expect(expected.size).toBe(30);

    receiver.mode = 'hang'; // requests arrive and stay in flight
    const first = startServer(ctx.dir);
    await waitFor(() => receiver!.received.length >= 5, 90_000, 'deliveries in flight');
    first.kill('SIGKILL');
    await new Promise((r) => first.once('exit', r));
    expect(first.signalCode).toBe('SIGKILL');
    expect(ctx.db.prepare("SELECT count(*) FROM webhook_deliveries WHERE status = 'pending'").pluck().get()).toBe(30);

    receiver.mode = 'ok';
    const second = startServer(ctx.dir);
    await waitFor(() => ctx!.db.prepare("SELECT count(*) FROM webhook_deliveries WHERE status = 'delivered'").pluck().get() === 30, 90_000, 'all delivered after restart');
    second.kill('SIGTERM');
    await new Promise((r) => second.once('exit', r));

    const now = Math.floor(Date.now() / 1000);
    const seen = new Set<string>();
    for (const r of receiver.received) {
      expect(verifySignature(sub.secret, r.body, r.signature, now)).toBe(true);
      expect(JSON.parse(r.body).id).toBe(r.deliveryId);
      seen.add(r.deliveryId);
    }
    expect(seen).toEqual(expected);
    // At-least-once: the in-flight ones came twice; receivers deduplicate on the signed body's id.
    expect(receiver.received.length).toBeGreaterThan(30);
  });
});
