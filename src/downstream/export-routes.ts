import { Router, type Response } from 'express';
import { z } from 'zod';
import { ValidationError } from '../errors.js';
import { READERS, requireRole } from '../web/auth/guards.js';
import { parseInput } from '../web/http-errors.js';
import type { RouteModule } from '../web/route-module.js';
import { requireApiKey } from './api-key-guard.js';
import { exportOpenapi } from './export-openapi.js';
import { writeExport, type ExportFormat, type ExportKind } from './exports.js';

export const exportQuery = z
  .object({ from: z.iso.datetime({ offset: true }), to: z.iso.datetime({ offset: true }) })
  .strict()
  .transform((q) => ({ from: new Date(q.from).toISOString(), to: new Date(q.to).toISOString() }));

export function checkRange(range: { from: string; to: string }): void {
  if (range.from >= range.to) throw new ValidationError('`from` must be before `to`', 'query.to');
}

const TYPES: Record<ExportFormat, string> = { csv: 'text/csv; charset=utf-8', geojson: 'application/geo+json; charset=utf-8' };

/** Exports for a time range: staff get work orders and leads; API keys with read scope get work orders. */
export const exportRoutes: RouteModule = {
  name: 'exports',
  mount(app, ctx) {
    const router = Router();
    const send = (res: Response, kind: ExportKind, format: ExportFormat, query: unknown) => {
      const range = parseInput(exportQuery, query, 'query');
      checkRange(range);
      res.set('Content-Type', TYPES[format]);
      res.set('Content-Disposition', `attachment; filename="${kind}-${range.from.slice(0, 10)}_${range.to.slice(0, 10)}.${format}"`);
      writeExport(ctx.db, { kind, format, ...range, rulesDir: ctx.config.rulesDir }, (chunk) => res.write(chunk));
      res.end();
    };
    const reader = requireRole(...READERS);
    const key = requireApiKey(ctx, 'work_orders:read');
    for (const format of ['csv', 'geojson'] as const) {
      for (const kind of ['work-orders', 'leads'] as const) router.get(`/api/exports/${kind}.${format}`, reader, (req, res) => send(res, kind, format, req.query));
      router.get(`/api/v1/exports/work-orders.${format}`, key, (req, res) => send(res, 'work-orders', format, req.query));
    }
    app.use(router);
  },
  openapiPaths: exportOpenapi,
};
