import { randomUUID } from 'node:crypto';
import type { Db } from '../storage/database.js';
import { insertDelivery, subscriptionsFor } from '../storage/webhooks.js';

export const WEBHOOK_EVENT_TYPES = ['work_order.created', 'work_order.status_changed', 'work_order.updated', 'work_order.rerouted'] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/**
 * Transactional outbox: called inside the transaction that makes the change, so the delivery
 * rows commit with it or not at all; the dispatcher sends them later (and again after a crash).
 */
export function enqueueWebhookEvent(db: Db, type: WebhookEventType, data: unknown, at: string): void {
  for (const sub of subscriptionsFor(db, type)) {
    const eventId = randomUUID();
    const payload = JSON.stringify({ id: eventId, type, created_at: at, data });
    insertDelivery(db, { event_id: eventId, subscription_id: sub.id, event_type: type, payload, next_attempt_at: at, created_at: at });
  }
}
