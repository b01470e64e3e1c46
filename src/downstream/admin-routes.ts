import { Router } from 'express';
import { z } from 'zod';
import { NotFoundError, ConflictError } from '../errors.js';
import { inTransaction } from '../storage/database.js';
import { deliveryAttempts, getDelivery, listAllowedOrigins, listDeliveries, listSubscriptions, requeueDelivery } from '../storage/webhooks.js';
import { currentActor, requireRole } from '../web/auth/guards.js';
import { parseInput } from '../web/http-errors.js';
import type { RouteModule } from '../web/route-module.js';
import { allApiKeys, createApiKey, revokeKey } from './api-keys.js';
import { adminOpenapi } from './admin-openapi.js';
import { allowBody, createKeyBody, deliveriesQuery, idParam, subscriptionBody } from './admin-schemas.js';
import { allowOrigin, createSubscription, disallowOrigin, removeSubscription, subscriptionView } from './webhooks.js';
import type { DeliveryRow } from '../storage/webhooks.js';

export function deliveryView(d: DeliveryRow) {
  return {
    id: d.id, event_id: d.event_id, subscription_id: d.subscription_id, event_type: d.event_type, status: d.status, attempts: d.attempts,
    next_attempt_at: d.status === 'pending' ? d.next_attempt_at : null, last_error: d.last_error, created_at: d.created_at, delivered_at: d.delivered_at,
  };
}

/** Admin endpoints for downstream access: API keys, webhook allow-list, subscriptions and the delivery log. */
export const downstreamAdminRoutes: RouteModule = {
  name: 'downstream-admin',
  mount(app, ctx) {
    const router = Router();
    const admin = requireRole('admin');
    const { db } = ctx;

    router.get('/api/admin/api-keys', admin, (_req, res) => void res.json({ items: allApiKeys(db) }));
    router.post('/api/admin/api-keys', admin, (req, res) => {
      const body = parseInput(createKeyBody, req.body, 'body');
      res.status(201).json(createApiKey(db, { ...body, actor: currentActor(res) }));
    });
    router.delete('/api/admin/api-keys/:id', admin, (req, res) => {
      const { id } = parseInput(idParam, req.params, 'path');
      res.json(revokeKey(db, id, currentActor(res)));
    });

    router.get('/api/admin/webhook-allowlist', admin, (_req, res) => void res.json({ items: listAllowedOrigins(db) }));
    router.post('/api/admin/webhook-allowlist', admin, async (req, res) => {
      const body = parseInput(allowBody, req.body, 'body');
      res.status(201).json({ origin: await allowOrigin(db, { origin: body.origin, note: body.note ?? null, privateReason: body.private_reason }, currentActor(res)) });
    });
    router.delete('/api/admin/webhook-allowlist', admin, (req, res) => {
      const { origin } = parseInput(z.object({ origin: z.string().min(1).max(300) }).strict(), req.query, 'query');
      disallowOrigin(db, origin, currentActor(res));
      res.json({ ok: true });
    });

    router.get('/api/admin/webhooks', admin, (_req, res) => void res.json({ items: listSubscriptions(db).map(subscriptionView) }));
    router.post('/api/admin/webhooks', admin, async (req, res) => {
      const body = parseInput(subscriptionBody, req.body, 'body');
      res.status(201).json(await createSubscription(db, { apiKeyId: body.api_key_id, url: body.url, eventTypes: body.event_types, actor: currentActor(res) }));
    });
    router.delete('/api/admin/webhooks/:id', admin, (req, res) => {
      const { id } = parseInput(idParam, req.params, 'path');
      removeSubscription(db, id, currentActor(res));
      res.json({ ok: true });
    });

    router.get('/api/admin/webhook-deliveries', admin, (req, res) => {
      const q = parseInput(deliveriesQuery, req.query, 'query');
      const rows = listDeliveries(db, { subscriptionId: q.subscription, status: q.status, limit: q.limit, beforeId: q.before });
      res.json({ items: rows.map(deliveryView), next_before: rows.length === q.limit ? rows.at(-1)!.id : null });
    });
    router.get('/api/admin/webhook-deliveries/:id', admin, (req, res) => {
      const { id } = parseInput(idParam, req.params, 'path');
      const d = getDelivery(db, id);
      if (!d) throw new NotFoundError(`没有编号为 ${id} 的推送记录；请刷新列表`);
      res.json({ ...deliveryView(d), payload: JSON.parse(d.payload), attempts_log: deliveryAttempts(db, id) });
    });
    router.post('/api/admin/webhook-deliveries/:id/retry', admin, (req, res) => {
      const { id } = parseInput(idParam, req.params, 'path');
      inTransaction(db, () => {
        if (!getDelivery(db, id)) throw new NotFoundError(`没有编号为 ${id} 的推送记录；请刷新列表`);
        if (!requeueDelivery(db, id, new Date().toISOString())) throw new ConflictError(`只能重试失败的推送：期望状态为失败，推送记录 ${id} 不是失败状态`);
      });
      res.json(deliveryView(getDelivery(db, id)!));
    });

    app.use(router);
  },
  openapiPaths: adminOpenapi,
};
