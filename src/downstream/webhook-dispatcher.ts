import type { AppContext, Service } from '../context.js';
import { inTransaction } from '../storage/database.js';
import { apiKeyById } from '../storage/api-keys.js';
import { NonRetryableError } from '../errors.js';
import { allowedOrigin, dueDeliveries, getSubscription, leaseDelivery, recordAttempt, type DeliveryRow } from '../storage/webhooks.js';
import { postWebhook } from './webhook-post.js';
import { originOf, SIGNATURE_HEADER, signPayload } from './webhooks.js';

const BATCH = 16;

/** Delay before attempt n+1 after n failures: base·2^(n−1), capped, ±20 % jitter so retries do not stampede. */
export function backoffMs(failures: number, baseMs: number, maxMs: number, random = Math.random): number {
  const raw = Math.min(baseMs * 2 ** Math.max(0, failures - 1), maxMs);
  return Math.round(raw * (0.8 + 0.4 * random()));
}

/**
 * Sends the outbox. A delivery is leased (next_attempt_at pushed past the HTTP timeout) before it
 * is sent, so a crash mid-request leaves it pending and it is sent again after the lease runs out:
 * at-least-once; receivers deduplicate on the signed body's `id` (the X-CivicRadar-Delivery header
 * carries the same id for logs, but headers are not signed). Destinations are re-checked against
 * the allow-list and their addresses at every attempt (postWebhook), and redirects are not followed.
 */
export function createWebhookDispatcher(ctx: AppContext): Service {
  const { config, db, log } = ctx;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let stopped = true;

  async function deliver(d: DeliveryRow): Promise<void> {
    const started = Date.now();
    const attempt = d.attempts + 1;
    const finish = (statusCode: number | null, error: string | null) => {
      const at = new Date().toISOString();
      const ok = error === null;
      const giveUp = !ok && (attempt >= config.webhookMaxAttempts || statusCode === -1);
      const next = ok || giveUp ? at : new Date(Date.now() + backoffMs(attempt, config.webhookBackoffBaseMs, config.webhookBackoffMaxMs)).toISOString();
      inTransaction(db, () =>
        recordAttempt(
          db,
          { delivery_id: d.id, attempt, at, status_code: statusCode === -1 ? null : statusCode, error, duration_ms: Date.now() - started },
          { status: ok ? 'delivered' : giveUp ? 'failed' : 'pending', next_attempt_at: next, last_error: error, delivered_at: ok ? at : null },
        ),
      );
      const level = ok ? 'debug' : giveUp ? 'error' : 'warn';
      log[level]({ delivery: d.event_id, type: d.event_type, attempt, statusCode, error, next: ok || giveUp ? undefined : next }, ok ? 'webhook delivered' : giveUp ? 'webhook delivery failed for good; an admin can retry it' : 'webhook delivery failed; will retry');
    };
    const sub = getSubscription(db, d.subscription_id);
    const key = sub && apiKeyById(db, sub.api_key_id);
    if (!sub || !sub.active || !key || key.revoked_at) return finish(-1, 'subscription inactive or its API key revoked');
    const origin = originOf(sub.url);
    const entry = allowedOrigin(db, origin);
    if (!entry) return finish(-1, `destination ${origin} is no longer on the allow-list`);
    try {
      const status = await postWebhook(sub.url, {
        timeoutMs: config.webhookTimeoutMs,
        allowPrivate: entry.private_reason !== null,
        headers: {
          'content-type': 'application/json; charset=utf-8',
          'user-agent': 'CivicRadar-Webhook/1',
          'x-civicradar-event': d.event_type,
          'x-civicradar-delivery': d.event_id,
          [SIGNATURE_HEADER.toLowerCase()]: signPayload(sub.secret, d.payload, Math.floor(Date.now() / 1000)),
        },
        body: d.payload,
      });
      finish(status, status >= 200 && status < 300 ? null : `HTTP ${status}`);
    } catch (err) {
      finish(err instanceof NonRetryableError ? -1 : null, (err as Error).message);
    }
  }

  /** One pass: lease what is due, send it in parallel. Returns how many were sent. */
  async function tick(): Promise<number> {
    const now = new Date();
    const nowIso = now.toISOString();
    const leaseUntil = new Date(now.getTime() + config.webhookTimeoutMs + 5_000).toISOString();
    const leased = inTransaction(db, () => dueDeliveries(db, nowIso, BATCH).filter((d) => leaseDelivery(db, d.id, leaseUntil, nowIso)));
    await Promise.all(leased.map(deliver));
    return leased.length;
  }

  const loop = () => {
    if (stopped) return;
    running = tick()
      .catch((err: unknown) => {
        log.error({ err }, 'webhook dispatcher pass failed; retrying on the next pass');
        return 0;
      })
      .then((n) => {
        if (!stopped) timer = setTimeout(loop, n === BATCH ? 0 : config.webhookPollMs);
      });
  };

  return {
    name: 'webhook-dispatcher',
    async start() {
      if (!config.webhookDispatcher) return;
      stopped = false;
      loop();
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
