import { Router } from 'express';
import type { WorkOrderStatus } from '../domain/work-order-status.js';
import { inReadTransaction } from '../storage/database.js';
import { workOrdersChangedAfter } from '../storage/work-orders.js';
import { currentActor } from '../web/auth/guards.js';
import { parseInput } from '../web/http-errors.js';
import type { RouteModule } from '../web/route-module.js';
import { findOrder, transitionWorkOrder } from '../workorders/transition.js';
import { fullViews } from '../workorders/work-order-view.js';
import { orderNumber } from '../workorders/work-order-routes.js';
import { requireApiKey } from './api-key-guard.js';
import { requestHash, runIdempotent } from './idempotency.js';
import { v1Openapi } from './v1-openapi.js';
import { eventBody, pullQuery } from './v1-schemas.js';
import { idParam, ownSubscriptionBody } from './admin-schemas.js';
import { createSubscription, removeSubscription, subscriptionView } from './webhooks.js';
import { listSubscriptions } from '../storage/webhooks.js';
import { recordFeedback } from '../supervision/record-feedback.js';

/** Downstream systems (API key): incremental pull by change sequence, one order, and report-back events. */
export const v1Routes: RouteModule = {
  name: 'downstream-v1',
  mount(app, ctx) {
    const router = Router();
    const read = requireApiKey(ctx, 'work_orders:read');
    const write = requireApiKey(ctx, 'work_orders:write');

    router.get('/api/v1/work-orders', read, (req, res) => {
      const q = parseInput(pullQuery, req.query, 'query');
      const cursor = Number(q.cursor);
      const now = new Date().toISOString();
      // One read transaction: rows, posts and history come from the same snapshot.
      const page = inReadTransaction(ctx.db, () => {
        const rows = workOrdersChangedAfter(ctx.db, cursor, q.limit);
        return { rows, items: fullViews(ctx.db, rows, ctx.config.rulesDir, now) };
      });
      const last = page.rows.at(-1);
      res.json({
        items: page.items,
        next_cursor: String(last ? last.change_seq : cursor),
        has_more: page.rows.length === q.limit,
      });
    });

    router.get('/api/v1/work-orders/:number', read, (req, res) => {
      const order = findOrder(ctx, orderNumber(req));
      res.json(fullViews(ctx.db, [order], ctx.config.rulesDir, new Date().toISOString())[0]);
    });

    router.post('/api/v1/work-orders/:number/events', write, (req, res) => {
      const number = orderNumber(req);
      const body = parseInput(eventBody, req.body, 'body');
      const actor = currentActor(res);
      const outcome = runIdempotent(ctx.db, res.locals.apiKeyId as number, req.get('idempotency-key'), requestHash('POST', req.path, body), () => {
        const order = body.feedback
          ? recordFeedback(ctx, { number, feedback: body.feedback, note: body.note ?? null, actor })
          : transitionWorkOrder(ctx, {
            number, to: body.type as WorkOrderStatus, note: body.type === 'returned' ? (body.reason ?? body.note) : (body.note ?? body.reason), actor,
          });
        return { status: 200, body: { accepted_event: body.type, work_order: fullViews(ctx.db, [order], ctx.config.rulesDir, new Date().toISOString())[0] } };
      });
      if (outcome.replayed) res.set('Idempotent-Replayed', 'true');
      res.status(outcome.status).json(outcome.body);
    });

    // Self-service subscriptions: a key manages its own; destinations must be on the admin allow-list (and public, unless the admin gave a reason).
    router.get('/api/v1/webhooks', read, (_req, res) => {
      res.json({ items: listSubscriptions(ctx.db, res.locals.apiKeyId as number).map(subscriptionView) });
    });
    router.post('/api/v1/webhooks', read, async (req, res) => {
      const body = parseInput(ownSubscriptionBody, req.body, 'body');
      res.status(201).json(await createSubscription(ctx.db, { apiKeyId: res.locals.apiKeyId as number, url: body.url, eventTypes: body.event_types, actor: currentActor(res) }));
    });
    router.delete('/api/v1/webhooks/:id', read, (req, res) => {
      const { id } = parseInput(idParam, req.params, 'path');
      removeSubscription(ctx.db, id, currentActor(res), res.locals.apiKeyId as number);
      res.json({ ok: true });
    });

    app.use(router);
  },
  openapiPaths: v1Openapi,
};
