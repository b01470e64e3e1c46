import { Router, type Response } from 'express';
import { REJECT_REASONS } from '../domain/lead-status.js';
import { z } from 'zod';
import { bulkRejectBody, confirmBody, editBody, mergeBody, rejectBody, reopenBody } from './review-bodies.js';
import { SHENZHEN_DISTRICTS } from '../domain/categories.js';
import { ValidationError } from '../errors.js';
import { reviewCatalogue } from '../review/catalogue.js';
import { bulkReject } from '../review/bulk-reject.js';
import { claimLead, releaseClaim } from '../review/claims.js';
import { editLead, rejectLead, reopenLead } from '../review/lead-actions.js';
import { createLead, newLeadBody } from '../review/lead-create.js';
import { mergeLead } from '../review/lead-merge.js';
import { leadView } from '../review/lead-view.js';
import { myDecisions, myDecisionsQuery } from '../review/my-decisions.js';
import { queueQuery } from '../review/queue.js';
import { ReaderPool } from '../threads/readers/reader-pool.js';
import { countQueue } from '../review/queue-counts.js';
import { knownPlatforms, queueStats } from '../storage/lead-queue.js';
import { confirmLead } from '../workorders/confirm-lead.js';
import type { AppContext } from '../context.js';
import { currentActor, READERS, requireRole, sessionOf } from './auth/guards.js';
import { parseInput } from './http-errors.js';
import { createLeadEvents } from './lead-events.js';
import { reviewOpenapiPaths } from './review-openapi.js';
import type { RouteModule } from './route-module.js';

const staff = requireRole('verifier', 'admin');
const reader = requireRole(...READERS);

const leadIdParam = z.object({ id: z.coerce.number().int().positive() });
const queueCountsQuery = z.object({ status: queueQuery.shape.status }).strict();

function userActor(res: Response) {
  const actor = currentActor(res);
  if (actor.kind !== 'user') throw new ValidationError('这个操作需要以个人身份登录（API 密钥不能代替）');
  return actor;
}

function categoryNames(ctx: AppContext): Record<string, string> {
  return Object.fromEntries(reviewCatalogue(ctx.config.rulesDir, ctx.log).map((c) => [c.code, c.name]));
}

export const reviewRoutes: RouteModule = {
  name: 'review',
  mount(app, ctx) {
    const r = Router();
    const events = createLeadEvents(ctx);
    const readers = new ReaderPool(ctx, 'queue', ctx.config.queueReaders);
    const view = (res: Response, id: number) => leadView(ctx, id, sessionOf(res)?.user.id ?? null);

    r.get('/api/catalogue', reader, (_req, res) => {
      res.json({
        categories: reviewCatalogue(ctx.config.rulesDir, ctx.log),
        rejectReasons: Object.entries(REJECT_REASONS).map(([code, name]) => ({ code, name })),
        districts: SHENZHEN_DISTRICTS,
        platforms: knownPlatforms(ctx.db),
        urgencies: [{ code: 'urgent', name: '紧急' }, { code: 'normal', name: '一般' }],
      });
    });
    r.get('/api/leads', reader, async (req, res) => {
      res.json(await readers.run('queuePage', { query: parseInput(queueQuery, req.query, 'query'), categoryNames: categoryNames(ctx), now: new Date().toISOString() }));
    });
    r.get('/api/leads/stats', reader, (_req, res) => {
      res.json(queueStats(ctx.db));
    });
    r.get('/api/leads/counts', reader, (req, res) => {
      const { status } = parseInput(queueCountsQuery, req.query, 'query');
      const counts = countQueue(ctx.db, status);
      const names = categoryNames(ctx);
      res.json({
        status, total: counts.total, urgent: counts.byUrgency.find((u) => u.urgency === 'urgent')?.count ?? 0,
        byCategory: counts.byCategory.map((c) => ({ code: c.category, name: names[c.category] ?? c.category, count: c.count })),
        byDistrict: counts.byDistrict,
      });
    });
    r.post('/api/leads/reject', staff, (req, res) => {
      const body = parseInput(bulkRejectBody, req.body);
      const results = bulkReject(ctx, { ...body, actor: currentActor(res) });
      res.json({ rejected: results.filter((x) => x.rejected).length, failed: results.filter((x) => !x.rejected).length, results });
    });
    r.get('/api/me/decisions', staff, (req, res) => {
      res.json(myDecisions(ctx.db, userActor(res), parseInput(myDecisionsQuery, req.query, 'query').date));
    });
    r.get('/api/leads/events', reader, (req, res) => events.handler(req, res));
    r.post('/api/leads', staff, (req, res) => {
      const body = parseInput(newLeadBody, req.body);
      const lead = createLead(ctx, body, userActor(res), reviewCatalogue(ctx.config.rulesDir, ctx.log));
      res.status(201).json(view(res, lead.id));
    });
    r.get('/api/leads/:id', reader, (req, res) => {
      res.json(view(res, parseInput(leadIdParam, req.params, 'path').id));
    });
    r.patch('/api/leads/:id', staff, (req, res) => {
      const { id } = parseInput(leadIdParam, req.params, 'path');
      const { version: v, ...changes } = parseInput(editBody, req.body);
      editLead(ctx, { leadId: id, actor: currentActor(res), version: v, changes, catalogue: reviewCatalogue(ctx.config.rulesDir, ctx.log) });
      res.json(view(res, id));
    });
    r.post('/api/leads/:id/claim', staff, (req, res) => {
      const { id } = parseInput(leadIdParam, req.params, 'path');
      res.json({ claim: claimLead(ctx, id, userActor(res)) });
    });
    r.delete('/api/leads/:id/claim', staff, (req, res) => {
      const { id } = parseInput(leadIdParam, req.params, 'path');
      releaseClaim(ctx, id, userActor(res), sessionOf(res)!.user.role === 'admin');
      res.json({ claim: null });
    });
    r.post('/api/leads/:id/confirm', staff, (req, res) => {
      const { id } = parseInput(leadIdParam, req.params, 'path');
      const body = parseInput(confirmBody, req.body ?? {});
      const order = confirmLead(ctx, { leadId: id, actor: currentActor(res), expectedVersion: body.version });
      res.status(201).json({ workOrder: order, lead: view(res, id) });
    });
    r.post('/api/leads/:id/reject', staff, (req, res) => {
      const { id } = parseInput(leadIdParam, req.params, 'path');
      const body = parseInput(rejectBody, req.body);
      rejectLead(ctx, { leadId: id, actor: currentActor(res), version: body.version, reason: body.reason, note: body.note });
      res.json(view(res, id));
    });
    r.post('/api/leads/:id/merge', staff, (req, res) => {
      const { id } = parseInput(leadIdParam, req.params, 'path');
      const body = parseInput(mergeBody, req.body);
      mergeLead(ctx, { leadId: id, intoId: body.into, actor: currentActor(res), version: body.version, note: body.note });
      res.json(view(res, id));
    });
    r.post('/api/leads/:id/reopen', staff, (req, res) => {
      const { id } = parseInput(leadIdParam, req.params, 'path');
      const body = parseInput(reopenBody, req.body ?? {});
      reopenLead(ctx, { leadId: id, actor: currentActor(res), version: body.version, note: body.note });
      res.json(view(res, id));
    });
    app.use(r);
  },
  get openapiPaths() {
    return reviewOpenapiPaths();
  },
};
