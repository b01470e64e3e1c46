import { Router } from 'express';
import { z } from 'zod';
import { reviewCatalogue } from '../review/catalogue.js';
import { decideMissedCandidate, listMissedCandidates, missedDecisionBody, missedQuery } from '../review/missed.js';
import { ValidationError } from '../errors.js';
import { currentActor, READERS, requireRole } from './auth/guards.js';
import { parseInput } from './http-errors.js';
import { errorResponses, jsonBody, jsonResponse, schemaOf } from './openapi/helpers.js';
import type { RouteModule } from './route-module.js';

const staff = requireRole('verifier', 'admin');
const reader = requireRole(...READERS);
const idParam = z.object({ id: z.coerce.number().int().positive() });
const tags = ['review'];

const example = {
  id: 7, postId: 1203, pLead: 0.34, category: 'municipal', status: 'open', decidedCategory: null, decidedAt: null, leadId: null, sampledOn: '2026-12-06', createdAt: '2026-12-06T08:00:00.000Z',
  evidence: { decided_by: 'neither', rules_lead: false, rules_score: 0, locality: 'none', model: { version: 'm20261206-101500-1a2b3c4d', p_lead: 0.34, p_urgent: 0.05, category: 'municipal', p_category: 0.61, for: [{ text: '停水', weight: 0.21 }], against: [{ text: '请问', weight: -0.12 }] } },
  post: { platform: 'weibo', url: 'https://weibo.com/1234/Abc', author: '宝安街坊', title: null, text: '我们这栋又停水了，也没个通知', publishedAt: '2026-12-06T07:58:00.000Z', ipLocation: '广东' },
};

/**
 * 可能遗漏 (possibly missed): posts the verdict turned down while the model found them plausible,
 * sampled within a daily budget; verifiers decide, and decisions become training examples.
 */
export const missedRoutes: RouteModule = {
  name: 'missed',
  mount(app, ctx) {
    const r = Router();
    r.get('/api/missed', reader, (req, res) => {
      res.json(listMissedCandidates(ctx, parseInput(missedQuery, req.query, 'query')));
    });
    r.post('/api/missed/:id/decision', staff, (req, res) => {
      const { id } = parseInput(idParam, req.params, 'path');
      const body = parseInput(missedDecisionBody, req.body);
      const actor = currentActor(res);
      if (actor.kind !== 'user') throw new ValidationError('此操作需要登录的核实员或管理员，API 密钥不能代做');
      res.json(decideMissedCandidate(ctx, id, body, actor, reviewCatalogue(ctx.config.rulesDir, ctx.log)));
    });
    app.use(r);
  },
  openapiPaths: {
    '/api/missed': {
      get: {
        tags, summary: '可能遗漏：被判为非线索、但模型认为有可能的帖子（按每日额度抽样），附各状态数量',
        parameters: Object.entries((schemaOf(missedQuery, 'input') as { properties: Record<string, unknown> }).properties).map(([name, schema]) => ({ name, in: 'query', required: false, schema })),
        responses: { '200': jsonResponse('one page', undefined, { items: [example], nextAfter: null, counts: { open: 12, lead: 3, not_lead: 20 } }), ...errorResponses(400, 401) },
      },
    },
    '/api/missed/{id}/decision': {
      post: {
        tags, summary: '判定一条可能遗漏的帖子：是线索（作为新线索进入队列）或不是；判定结果留作训练样本',
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer', minimum: 1 }, example: 7 }],
        requestBody: jsonBody(missedDecisionBody, { is_lead: true, category: 'municipal', urgency: 'normal' }),
        responses: { '200': jsonResponse('the decided item', undefined, { ...example, status: 'lead', decidedCategory: 'municipal', leadId: 431 }), ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
  },
};
