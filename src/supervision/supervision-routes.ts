import { Router } from 'express';
import { ForbiddenError } from '../errors.js';
import { inReadTransaction } from '../storage/database.js';
import { supervisionList, type SupervisionListKind } from '../storage/supervision-lists.js';
import { listSupervisions, supervisionOfOrder, supervisionsFor } from '../storage/supervisions.js';
import { currentActor, READERS, requireRole } from '../web/auth/guards.js';
import { parseInput } from '../web/http-errors.js';
import type { RouteModule } from '../web/route-module.js';
import { findOrder } from '../workorders/transition.js';
import { orderNumber } from '../workorders/work-order-routes.js';
import { listCsv } from './list-csv.js';
import { LIST_KINDS } from './list-kinds.js';
import { superviseOrder } from './supervise.js';
import { supervisionOpenapi } from './supervision-openapi.js';
import { listQuery, superviseBody, supervisionsQuery } from './supervision-schemas.js';
import { listRowView, supervisionView } from './supervision-view.js';

const DAY = 86_400_000;

/** 重点工单全程监管: the lists (JSON and CSV), putting an order under 督办, and the 督办 records. */
export const supervisionRoutes: RouteModule = {
  name: 'supervision',
  mount(app, ctx) {
    const router = Router();
    const reader = requireRole(...READERS);
    const supervisor = requireRole('supervisor', 'admin');

    const list = (query: unknown) => {
      const q = parseInput(listQuery, query, 'query');
      const kind = q.list as SupervisionListKind;
      const now = new Date();
      return inReadTransaction(ctx.db, () => {
        const rows = supervisionList(ctx.db, kind, {
          now: now.toISOString(), district: q.district, category: q.category, openSince: new Date(now.getTime() - q.open_days * DAY).toISOString(), withinDays: q.within_days, limit: q.limit,
        });
        const supervised = supervisionsFor(ctx.db, rows.map((r) => r.id));
        return { kind, items: rows.map((r) => listRowView(r, supervised.get(r.id), ctx.config.rulesDir, now.toISOString())) };
      });
    };

    router.get('/api/supervision/orders', reader, (req, res) => {
      const { kind, items } = list(req.query);
      res.json({ list: kind, name: LIST_KINDS[kind].name, counted: LIST_KINDS[kind].counted, items });
    });
    router.get('/api/supervision/orders.csv', reader, (req, res) => {
      const { kind, items } = list(req.query);
      res.set('Content-Type', 'text/csv; charset=utf-8');
      res.set('Content-Disposition', `attachment; filename="supervision-${kind}.csv"; filename*=UTF-8''${encodeURIComponent(`重点工单-${LIST_KINDS[kind].name}.csv`)}`);
      res.send(listCsv(items));
    });

    router.get('/api/supervisions', reader, (req, res) => {
      const q = parseInput(supervisionsQuery, req.query, 'query');
      const now = new Date().toISOString();
      res.json({ items: inReadTransaction(ctx.db, () => listSupervisions(ctx.db, q.state, q.limit).map((s) => supervisionView(ctx.db, s, ctx.config.rulesDir, now))) });
    });
    router.get('/api/work-orders/:number/supervision', reader, (req, res) => {
      const order = findOrder(ctx, orderNumber(req));
      const s = supervisionOfOrder(ctx.db, order.id);
      res.json({ supervision: s ? supervisionView(ctx.db, s, ctx.config.rulesDir, new Date().toISOString()) : null });
    });
    router.post('/api/work-orders/:number/supervision', supervisor, (req, res) => {
      const number = orderNumber(req);
      const body = parseInput(superviseBody, req.body, 'body');
      const actor = currentActor(res);
      if (actor.kind !== 'user') throw new ForbiddenError('督办需要登录的监督员或管理员');
      const s = superviseOrder(ctx, { number, note: body.note, reason: body.reason ?? null, actor });
      res.status(201).json(supervisionView(ctx.db, s, ctx.config.rulesDir, new Date().toISOString()));
    });

    app.use(router);
  },
  openapiPaths: supervisionOpenapi,
};
