import { Router, type Request } from 'express';
import { NotFoundError } from '../errors.js';
import { domainsOfLead } from '../public-interest/domain-names.js';
import { actorName, auditLines } from '../text/audit-lines.js';
import { listWorkOrders, sourcePostsForLeads, workOrderEvents } from '../storage/work-orders.js';
import { currentActor, READERS, requireRole } from '../web/auth/guards.js';
import { parseInput } from '../web/http-errors.js';
import type { RouteModule } from '../web/route-module.js';
import { workOrderEditSchema, editWorkOrder } from './edit.js';
import { reassignWorkOrder } from './reassign.js';
import { findOrder, transitionWorkOrder } from './transition.js';
import { workOrderView } from './work-order-view.js';
import { workOrderOpenapi } from './work-order-openapi.js';
import { listQuery, reassignBody, transitionBody } from './work-order-schemas.js';
import { linksOfLeads } from '../storage/ticket-links.js';

export const NUMBER_PATTERN = /^GD\d{8}-\d{6}$/;

export function orderNumber(req: Request): string {
  const number = String(req.params.number);
  if (!NUMBER_PATTERN.test(number)) throw new NotFoundError(`工单编号「${number.slice(0, 40)}」格式不对；应为 GD20261121-000123`);
  return number;
}

/** Staff endpoints for work orders (session + role; CSRF is enforced by the security module). */
export const workOrderRoutes: RouteModule = {
  name: 'work-orders',
  mount(app, ctx) {
    const router = Router();
    const staff = requireRole('verifier', 'admin');
    const reader = requireRole(...READERS);

    router.get('/api/work-orders', reader, (req, res) => {
      const q = parseInput(listQuery, req.query, 'query');
      const now = new Date().toISOString();
      const { rows, total } = listWorkOrders(ctx.db, { ...q, now }, q.limit, q.before);
      const last = rows.at(-1);
      res.json({
        items: rows.map((o) => workOrderView(o, ctx.config.rulesDir, now)),
        total,
        next_before: rows.length === q.limit && last ? last.id : null,
      });
    });

    router.get('/api/work-orders/:number', reader, (req, res) => {
      const order = findOrder(ctx, orderNumber(req));
      const view = workOrderView(order, ctx.config.rulesDir, new Date().toISOString(), {
        posts: sourcePostsForLeads(ctx.db, [order.lead_id]).get(order.lead_id) ?? [],
        history: workOrderEvents(ctx.db, order.id),
        tickets: linksOfLeads(ctx.db, [order.lead_id]).get(order.lead_id) ?? [],
        domains: domainsOfLead(ctx.db, ctx.config.rulesDir, order.lead_id),
      });
      // Staff read who did what by name (downstream systems keep the actor references).
      res.json({ ...view, history: view.history?.map((e) => ({ ...e, who: actorName(ctx.db, e.actor) })), audit: auditLines(ctx, 'work_order', order.id) });
    });

    router.patch('/api/work-orders/:number', staff, (req, res) => {
      const number = orderNumber(req);
      const edit = parseInput(workOrderEditSchema, req.body, 'body');
      const order = editWorkOrder(ctx, { number, edit, actor: currentActor(res) });
      res.json(workOrderView(order, ctx.config.rulesDir, new Date().toISOString()));
    });

    router.post('/api/work-orders/:number/transitions', staff, (req, res) => {
      const number = orderNumber(req);
      const body = parseInput(transitionBody, req.body, 'body');
      const order = transitionWorkOrder(ctx, {
        number, to: body.to, note: body.to === 'returned' ? (body.reason ?? body.note) : (body.note ?? body.reason),
        expectedVersion: body.version, actor: currentActor(res),
      });
      res.json(workOrderView(order, ctx.config.rulesDir, new Date().toISOString()));
    });

    router.post('/api/work-orders/:number/reassign', requireRole('admin'), (req, res) => {
      const number = orderNumber(req);
      const body = parseInput(reassignBody, req.body, 'body');
      const order = reassignWorkOrder(ctx, { number, department: body.department, note: body.note, expectedVersion: body.version, actor: currentActor(res) });
      res.json(workOrderView(order, ctx.config.rulesDir, new Date().toISOString()));
    });

    app.use(router);
  },
  openapiPaths: workOrderOpenapi,
};
