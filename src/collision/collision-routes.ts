import { Router } from 'express';
import { ForbiddenError } from '../errors.js';
import { sendFigureCsv } from '../analytics/analytics-routes.js';
import { toPeriod } from '../analytics/period.js';
import { currentActor, READERS, requireRole } from '../web/auth/guards.js';
import { parseInput } from '../web/http-errors.js';
import type { RouteModule } from '../web/route-module.js';
import { collisionOpenapi } from './collision-openapi.js';
import { headStartCsvQuery, headStartQuery, linkDecisionBody, linkParams } from './collision-schemas.js';
import { buildHeadStart } from './head-start-report.js';
import { decideLink, type LinkDecision } from './link-decision.js';

/** 已诉/未诉: people confirm or undo a lead's link to a hotline ticket; supervisors read the 未诉先办 report. */
export const collisionRoutes: RouteModule = {
  name: 'collision',
  mount(app, ctx) {
    const r = Router();
    const reader = requireRole(...READERS);

    r.get('/api/collision/head-start', reader, (req, res) => {
      res.json(buildHeadStart(ctx, toPeriod(parseInput(headStartQuery, req.query, 'query'))));
    });
    r.get('/api/collision/head-start.csv', reader, (req, res) => {
      const q = parseInput(headStartCsvQuery, req.query, 'query');
      sendFigureCsv(res, buildHeadStart(ctx, toPeriod(q)), q.figure);
    });

    for (const decision of ['confirm', 'undo'] as LinkDecision[]) {
      r.post(`/api/leads/:id/ticket-links/:linkId/${decision}`, reader, (req, res) => {
        const { id, linkId } = parseInput(linkParams, req.params, 'path');
        const body = parseInput(linkDecisionBody, req.body ?? {}, 'body');
        const actor = currentActor(res);
        if (actor.kind !== 'user') throw new ForbiddenError('确认或撤销热线工单关联需要登录的核实员、监督员或管理员');
        res.json(decideLink(ctx, { leadId: id, linkId, decision, note: body.note ?? null, actor }));
      });
    }
    app.use(r);
  },
  openapiPaths: collisionOpenapi,
};
