import type { Db } from './database.js';
import { stmt } from './statements.js';

export interface SubscriptionRow {
  id: number;
  api_key_id: number;
  url: string;
  event_types: string; // JSON array
  secret: string;
  active: number;
  created_by: string;
  created_at: string;
}

export interface DeliveryRow {
  id: number;
  event_id: string;
  subscription_id: number;
  event_type: string;
  payload: string;
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  next_attempt_at: string;
  last_error: string | null;
  created_at: string;
  delivered_at: string | null;
}

export interface AttemptRow {
  id: number;
  delivery_id: number;
  attempt: number;
  at: string;
  status_code: number | null;
  error: string | null;
  duration_ms: number;
}

// ---- allow-list ----

export interface AllowedOriginRow {
  id: number;
  origin: string;
  note: string | null;
  /** An admin's reason to allow a private, loopback or link-local destination; NULL: public only. */
  private_reason: string | null;
  created_by: string;
  created_at: string;
}

export function listAllowedOrigins(db: Db): AllowedOriginRow[] {
  return stmt(db, 'SELECT * FROM webhook_allowlist ORDER BY origin').all() as AllowedOriginRow[];
}

export function allowedOrigin(db: Db, origin: string): AllowedOriginRow | undefined {
  return stmt(db, 'SELECT * FROM webhook_allowlist WHERE origin = ?').get(origin) as AllowedOriginRow | undefined;
}

export function addAllowedOrigin(db: Db, a: { origin: string; note: string | null; private_reason: string | null; created_by: string; at: string }): number {
  return stmt(
    db,
    `INSERT INTO webhook_allowlist (origin, note, private_reason, created_by, created_at) VALUES (@origin, @note, @private_reason, @created_by, @at)
     ON CONFLICT (origin) DO UPDATE SET note = excluded.note, private_reason = excluded.private_reason RETURNING id`,
  )
    .pluck()
    .get(a) as number;
}

export function removeAllowedOrigin(db: Db, origin: string): boolean {
  return stmt(db, 'DELETE FROM webhook_allowlist WHERE origin = ?').run(origin).changes === 1;
}

// ---- subscriptions ----

export function insertSubscription(db: Db, s: Omit<SubscriptionRow, 'id' | 'active'>): number {
  return stmt(db, 'INSERT INTO webhook_subscriptions (api_key_id, url, event_types, secret, created_by, created_at) VALUES (@api_key_id, @url, @event_types, @secret, @created_by, @created_at) RETURNING id')
    .pluck()
    .get(s) as number;
}

export function getSubscription(db: Db, id: number): SubscriptionRow | undefined {
  return stmt(db, 'SELECT * FROM webhook_subscriptions WHERE id = ?').get(id) as SubscriptionRow | undefined;
}

export function listSubscriptions(db: Db, apiKeyId?: number): SubscriptionRow[] {
  return (apiKeyId === undefined
    ? stmt(db, 'SELECT * FROM webhook_subscriptions ORDER BY id').all()
    : stmt(db, 'SELECT * FROM webhook_subscriptions WHERE api_key_id = ? ORDER BY id').all(apiKeyId)) as SubscriptionRow[];
}

export function deactivateSubscription(db: Db, id: number): boolean {
  return stmt(db, 'UPDATE webhook_subscriptions SET active = 0 WHERE id = ? AND active = 1').run(id).changes === 1;
}

/** Active subscriptions for an event type whose key is not revoked. */
export function subscriptionsFor(db: Db, eventType: string): SubscriptionRow[] {
  return stmt(db, 
      `SELECT s.* FROM webhook_subscriptions s JOIN api_keys k ON k.id = s.api_key_id
       WHERE s.active = 1 AND k.revoked_at IS NULL AND EXISTS (SELECT 1 FROM json_each(s.event_types) WHERE value = ?)`,
    )
    .all(eventType) as SubscriptionRow[];
}

// ---- outbox ----

export function insertDelivery(db: Db, d: Pick<DeliveryRow, 'event_id' | 'subscription_id' | 'event_type' | 'payload' | 'next_attempt_at' | 'created_at'>): void {
  stmt(db, 
    `INSERT INTO webhook_deliveries (event_id, subscription_id, event_type, payload, next_attempt_at, created_at)
     VALUES (@event_id, @subscription_id, @event_type, @payload, @next_attempt_at, @created_at)`,
  ).run(d);
}

export function dueDeliveries(db: Db, now: string, limit: number): DeliveryRow[] {
  return stmt(db, "SELECT * FROM webhook_deliveries WHERE status = 'pending' AND next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT ?")
    .all(now, limit) as DeliveryRow[];
}

/** Leases a delivery: pushes next_attempt_at out so another dispatcher (or a restart) does not send it concurrently. */
export function leaseDelivery(db: Db, id: number, until: string, now: string): boolean {
  return stmt(db, "UPDATE webhook_deliveries SET next_attempt_at = ? WHERE id = ? AND status = 'pending' AND next_attempt_at <= ?")
    .run(until, id, now).changes === 1;
}

export function recordAttempt(
  db: Db,
  a: Omit<AttemptRow, 'id'>,
  outcome: { status: 'pending' | 'delivered' | 'failed'; next_attempt_at: string; last_error: string | null; delivered_at: string | null },
): void {
  stmt(db, 'INSERT INTO webhook_attempts (delivery_id, attempt, at, status_code, error, duration_ms) VALUES (@delivery_id, @attempt, @at, @status_code, @error, @duration_ms)').run(a);
  stmt(db, 
    'UPDATE webhook_deliveries SET attempts = @attempt, status = @status, next_attempt_at = @next_attempt_at, last_error = @last_error, delivered_at = @delivered_at WHERE id = @id',
  ).run({ ...outcome, attempt: a.attempt, id: a.delivery_id });
}

export function listDeliveries(db: Db, f: { subscriptionId?: number; status?: string; limit: number; beforeId?: number }): DeliveryRow[] {
  const parts: string[] = [];
  const p: Record<string, unknown> = { limit: f.limit };
  if (f.subscriptionId !== undefined) (parts.push('subscription_id = @sub'), (p.sub = f.subscriptionId));
  if (f.status) (parts.push('status = @status'), (p.status = f.status));
  if (f.beforeId !== undefined) (parts.push('id < @before'), (p.before = f.beforeId));
  return stmt(db, `SELECT * FROM webhook_deliveries ${parts.length ? `WHERE ${parts.join(' AND ')}` : ''} ORDER BY id DESC LIMIT @limit`).all(p) as DeliveryRow[];
}

export function getDelivery(db: Db, id: number): DeliveryRow | undefined {
  return stmt(db, 'SELECT * FROM webhook_deliveries WHERE id = ?').get(id) as DeliveryRow | undefined;
}

export function deliveryAttempts(db: Db, deliveryId: number): AttemptRow[] {
  return stmt(db, 'SELECT * FROM webhook_attempts WHERE delivery_id = ? ORDER BY id').all(deliveryId) as AttemptRow[];
}

/** Admin "retry now" for a failed delivery. */
export function requeueDelivery(db: Db, id: number, now: string): boolean {
  return stmt(db, "UPDATE webhook_deliveries SET status = 'pending', next_attempt_at = ? WHERE id = ? AND status = 'failed'").run(now, id).changes === 1;
}
