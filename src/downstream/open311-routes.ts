import { Router, type ErrorRequestHandler, type Response } from 'express';
import { z } from 'zod';
import { AuthError, ForbiddenError, NotFoundError, ValidationError } from '../errors.js';
import { queryWorkOrders, workOrderEventsFor } from '../storage/work-orders.js';
import { parseInput } from '../web/http-errors.js';
import type { RouteModule } from '../web/route-module.js';
import { requireApiKey } from './api-key-guard.js';
import { errors311, request311, requestsXml, services311, servicesXml } from './open311.js';
import { open311Openapi } from './open311-openapi.js';

const W3C = z.iso.datetime({ offset: true });
const list = z.string().transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean));
export const requestsQuery = z
  .object({
    jurisdiction_id: z.string().optional(),
    api_key: z.string().optional(),
    service_request_id: list.optional(),
    service_code: list.optional(),
    start_date: W3C.optional(),
    end_date: W3C.optional(),
    status: list.pipe(z.array(z.enum(['open', 'closed']))).optional(),
  })
  .strict();

const MAX_RESULTS = 1000;
const DEFAULT_DAYS = 90;
type Format = 'json' | 'xml';

function send(res: Response, format: Format, json: unknown, xml: () => string, status = 200) {
  if (format === 'json') res.status(status).json(json);
  else res.status(status).type('application/xml; charset=utf-8').send(xml());
}

/**
 * Open311 GeoReport v2, read side: services, requests (the spec's filters, newest first, at most
 * 1000, the last 90 days when no dates are given) and one request; JSON and XML; errors in the
 * spec's [{code, description}] shape. An API key with work_orders:read is required.
 */
export const open311Routes: RouteModule = {
  name: 'open311',
  mount(app, ctx) {
    const router = Router();
    const read = requireApiKey(ctx, 'work_orders:read', { queryParam: 'api_key' });
    const city = ctx.config.city;

    for (const format of ['json', 'xml'] as const) {
      router.get(`/open311/v2/services.${format}`, read, (req, res) => {
        parseInput(z.object({ jurisdiction_id: z.string().optional(), api_key: z.string().optional() }).strict(), req.query, 'query');
        const items = services311(ctx.config.rulesDir);
        send(res, format, items, () => servicesXml(items));
      });

      router.get(`/open311/v2/requests.${format}`, read, (req, res) => {
        const q = parseInput(requestsQuery, req.query, 'query');
        let from = q.start_date && new Date(q.start_date).toISOString();
        let to = q.end_date && new Date(q.end_date).toISOString();
        if (!q.service_request_id && !from && !to) from = new Date(Date.now() - DEFAULT_DAYS * 86_400_000).toISOString();
        const statuses = q.status && [...new Set(q.status.flatMap((s) => (s === 'closed' ? ['resolved', 'closed'] : ['created', 'dispatched', 'accepted', 'in_progress', 'returned', 'reassigned'])))];
        // The spec: with service_request_id, the other filters are ignored.
        const rows = q.service_request_id
          ? queryWorkOrders(ctx.db, { numbers: q.service_request_id, limit: MAX_RESULTS })
          : queryWorkOrders(ctx.db, { codes: q.service_code, from, to, statuses, limit: MAX_RESULTS });
        const history = workOrderEventsFor(ctx.db, rows.map((r) => r.id));
        const items = rows.map((o) => request311(o, history.get(o.id) ?? [], ctx.config.rulesDir, city));
        send(res, format, items, () => requestsXml(items));
      });

      router.get(`/open311/v2/requests/:id.${format}`, read, (req, res) => {
        const id = String(req.params.id);
        const rows = queryWorkOrders(ctx.db, { numbers: [id], limit: 1 });
        if (rows.length === 0) throw new NotFoundError(`service request ${id.slice(0, 40)} not found`);
        const items = rows.map((o) => request311(o, workOrderEventsFor(ctx.db, [o.id]).get(o.id) ?? [], ctx.config.rulesDir, city));
        send(res, format, items, () => requestsXml(items));
      });
    }

    const onError: ErrorRequestHandler = (err, req, res, next) => {
      const status = err instanceof ValidationError ? 400 : err instanceof AuthError ? 401 : err instanceof ForbiddenError ? 403 : err instanceof NotFoundError ? 404 : 0;
      if (!status) return next(err);
      const format: Format = req.path.endsWith('.xml') ? 'xml' : 'json';
      const body = errors311(status, String(err.message), format);
      send(res, format, body, () => body as string, status);
    };
    router.use('/open311', onError);
    app.use(router);
  },
  openapiPaths: open311Openapi,
};
