import { Router } from 'express';
import { z } from 'zod';
import { NotFoundError } from '../errors.js';
import { READERS, requireRole } from '../web/auth/guards.js';
import { parseInput } from '../web/http-errors.js';
import type { RouteModule } from '../web/route-module.js';
import { analyticsOpenapi } from './analytics-openapi.js';
import { figureCsv } from './figures.js';
import { leadList, leadListQuery } from './lead-list.js';
import { buildOverview } from './overview.js';
import { periodQuery, toPeriod } from './period.js';

const reader = requireRole(...READERS);
const csvQuery = periodQuery.extend({ figure: z.string().min(1).max(40) }).strict();

/** Sends a figure's table as a CSV download named after the figure and period. */
function sendCsv(res: import('express').Response, name: string, body: string) {
  res.set('Content-Type', 'text/csv; charset=utf-8');
  res.set('Content-Disposition', `attachment; filename="${name}.csv"`);
  res.send(body);
}

/** Supervisors' figures (总览, map, hotspots, weekly reports): every number the pages show, as JSON. */
export const analyticsRoutes: RouteModule = {
  name: 'analytics',
  mount(app, ctx) {
    const r = Router();
    r.get('/api/analytics/overview', reader, (req, res) => {
      res.json(buildOverview(ctx, toPeriod(parseInput(periodQuery.strict(), req.query, 'query'))));
    });
    r.get('/api/analytics/overview.csv', reader, (req, res) => {
      const q = parseInput(csvQuery, req.query, 'query');
      const period = toPeriod(q);
      const overview = buildOverview(ctx, period);
      const fig = overview.figures.find((f) => f.id === q.figure);
      if (!fig) throw new NotFoundError(`没有图表「${q.figure.slice(0, 40)}」；应为 ${overview.figures.map((f) => f.id).join('、')} 之一`);
      sendCsv(res, `${fig.id}-${period.from}_${period.to}`, figureCsv(fig));
    });
    r.get('/api/analytics/leads', reader, (req, res) => {
      res.json(leadList(ctx, parseInput(leadListQuery, req.query, 'query')));
    });
    app.use(r);
  },
  openapiPaths: analyticsOpenapi,
};
