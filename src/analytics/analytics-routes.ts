import { Router, type Response } from 'express';
import { z } from 'zod';
import { NotFoundError } from '../errors.js';
import { currentActor, READERS, requireRole } from '../web/auth/guards.js';
import { readCookie, SESSION_COOKIE } from '../web/auth/cookies.js';
import { parseInput } from '../web/http-errors.js';
import type { RouteModule } from '../web/route-module.js';
import { analyticsOpenapi } from './analytics-openapi.js';
import { buildDistrictMap } from './district-map.js';
import { figureCsv, type Figure } from './figures.js';
import { warmFigures } from './figure-warmup.js';
import { buildHotspots, hotspotQuery } from './hotspot-report.js';
import { printReportPdf } from './report-pdf.js';
import { generateWeeklyReport, getReport, listReports, reportBody } from './weekly-report.js';
import { removeTopic, saveTopic, topicBody, topicsView } from './topics.js';
import { leadList, leadListQuery } from './lead-list.js';
import { buildOverview } from './overview.js';
import { periodQuery, toPeriod, type Period } from './period.js';

const reader = requireRole(...READERS);
const idParam = z.object({ id: z.coerce.number().int().positive() });
const csvQuery = periodQuery.extend({ figure: z.string().min(1).max(40) }).strict();

/** Sends one figure's table as a CSV download named after the figure and period. */
export function sendFigureCsv(res: Response, page: { period: Period; figures: Figure[] }, id: string) {
  const fig = page.figures.find((f) => f.id === id);
  if (!fig) throw new NotFoundError(`没有图表「${id.slice(0, 40)}」；应为 ${page.figures.map((f) => f.id).join('、')} 之一`);
  res.set('Content-Type', 'text/csv; charset=utf-8');
  res.set('Content-Disposition', `attachment; filename="${fig.id}-${page.period.from}_${page.period.to}.csv"`);
  res.send(figureCsv(fig));
}

/** Supervisors' figures (总览, map, hotspots, weekly reports): every number the pages show, as JSON. */
export const analyticsRoutes: RouteModule = {
  name: 'analytics',
  mount(app, ctx) {
    const r = Router();
    warmFigures(ctx);
    r.get('/api/analytics/overview', reader, async (req, res) => {
      res.json(await buildOverview(ctx, toPeriod(parseInput(periodQuery.strict(), req.query, 'query'))));
    });
    r.get('/api/analytics/overview.csv', reader, async (req, res) => {
      const q = parseInput(csvQuery, req.query, 'query');
      sendFigureCsv(res, await buildOverview(ctx, toPeriod(q)), q.figure);
    });
    r.get('/api/analytics/hotspots.csv', reader, async (req, res) => {
      const q = parseInput(hotspotQuery.extend({ figure: csvQuery.shape.figure }), req.query, 'query');
      sendFigureCsv(res, await buildHotspots(ctx, q), q.figure);
    });
    r.get('/api/analytics/map', reader, async (req, res) => {
      res.json(await buildDistrictMap(ctx, toPeriod(parseInput(periodQuery.strict(), req.query, 'query'))));
    });
    r.get('/api/analytics/map.csv', reader, async (req, res) => {
      const q = parseInput(csvQuery, req.query, 'query');
      sendFigureCsv(res, await buildDistrictMap(ctx, toPeriod(q)), q.figure);
    });
    r.get('/api/analytics/leads', reader, (req, res) => {
      res.json(leadList(ctx, parseInput(leadListQuery, req.query, 'query')));
    });
    r.get('/api/analytics/hotspots', reader, async (req, res) => {
      res.json(await buildHotspots(ctx, parseInput(hotspotQuery, req.query, 'query')));
    });
    r.get('/api/analytics/topics', reader, (_req, res) => {
      res.json(topicsView(ctx));
    });
    r.post('/api/analytics/topics', reader, (req, res) => {
      res.status(201).json(saveTopic(ctx, parseInput(topicBody, req.body), currentActor(res)));
    });
    r.delete('/api/analytics/topics/:id', reader, (req, res) => {
      const { id } = parseInput(idParam, req.params, 'path');
      removeTopic(ctx, id, currentActor(res));
      res.json({ deleted: id });
    });
    r.get('/api/analytics/reports', reader, (_req, res) => {
      res.json(listReports(ctx));
    });
    r.post('/api/analytics/reports', reader, async (req, res) => {
      res.status(201).json(await generateWeeklyReport(ctx, toPeriod(parseInput(reportBody, req.body)), 'manual'));
    });
    r.get('/api/analytics/reports/:id', reader, (req, res) => {
      res.json(getReport(ctx, parseInput(idParam, req.params, 'path').id));
    });
    r.get('/api/analytics/reports/:id/csv', reader, (req, res) => {
      const report = getReport(ctx, parseInput(idParam, req.params, 'path').id);
      sendFigureCsv(res, report, parseInput(z.object({ figure: csvQuery.shape.figure }).strict(), req.query, 'query').figure);
    });
    r.get('/api/analytics/reports/:id/pdf', reader, async (req, res) => {
      const report = getReport(ctx, parseInput(idParam, req.params, 'path').id);
      // the browser prints this app's page through the connection this request came in on
      const host = req.socket.localAddress?.includes(':') ? `[${req.socket.localAddress}]` : req.socket.localAddress;
      const pdf = await printReportPdf(ctx, `http://${host}:${req.socket.localPort}`, `/reports/${report.id}?print=1`, { name: SESSION_COOKIE, value: readCookie(req, SESSION_COOKIE) ?? '' });
      res.set('Content-Type', 'application/pdf');
      res.set('Content-Disposition', `attachment; filename="weekly-report-${report.period.from}_${report.period.to}.pdf"`);
      res.send(pdf);
    });
    app.use(r);
  },
  openapiPaths: analyticsOpenapi,
};
