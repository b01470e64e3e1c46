import { Router } from 'express';
import { z } from 'zod';
import { recordAudit } from '../audit/audit-log.js';
import { CATEGORY_CODES } from '../domain/categories.js';
import { inTransaction } from '../storage/database.js';
import { currentActor, READERS, requireRole } from '../web/auth/guards.js';
import { parseInput } from '../web/http-errors.js';
import { errorResponses, jsonBody, jsonResponse } from '../web/openapi/helpers.js';
import type { RouteModule } from '../web/route-module.js';
import { allDepartments, loadResponsibility, routeOrder, saveResponsibility } from './responsibility.js';
import { subItemCatalogue } from './sub-item-catalogue.js';

const putBody = z.object({ etag: z.string().min(1).max(64).optional(), list: z.unknown() }).strict();
const routeQuery = z
  .object({ category: z.enum(CATEGORY_CODES), sub_item: z.string().max(60).optional(), district: z.string().max(20).optional(), street: z.string().max(30).optional() })
  .strict();

const listExample = {
  version: 1,
  districts: { 宝安区: '宝安' },
  fallback: 'service_center',
  departments: [
    { id: 'service_center', name: '{district}政务服务和数据管理局（12345热线分拨）', citywide: '深圳市政务服务和数据管理局（12345热线分拨）' },
    { id: 'urban_management', name: '{district}城市管理和综合执法局', citywide: '深圳市城市管理和综合执法局' },
  ],
  routes: [{ category: 'municipal', department: 'urban_management' }],
};

/** Departments and the responsibility list (责任清单): read by staff, edited as data by admins. */
export const responsibilityRoutes: RouteModule = {
  name: 'responsibility',
  mount(app, ctx) {
    const router = Router();
    const reader = requireRole(...READERS);
    router.get('/api/departments', reader, (_req, res) => {
      res.json({ departments: allDepartments(loadResponsibility(ctx.config.rulesDir).list) });
    });
    router.get('/api/responsibility', reader, (_req, res) => {
      const { list, etag } = loadResponsibility(ctx.config.rulesDir);
      res.json({ etag, list, sub_items: [...subItemCatalogue(ctx.config.rulesDir).values()] });
    });
    router.get('/api/responsibility/route', reader, (req, res) => {
      const q = parseInput(routeQuery, req.query, 'query');
      res.json(routeOrder(loadResponsibility(ctx.config.rulesDir).list, q));
    });
    router.put('/api/responsibility', requireRole('admin'), (req, res) => {
      const body = parseInput(putBody, req.body, 'body');
      const before = loadResponsibility(ctx.config.rulesDir).etag;
      const saved = saveResponsibility(ctx.config.rulesDir, body.list, body.etag);
      inTransaction(ctx.db, () =>
        recordAudit(ctx.db, { actor: currentActor(res), entity: 'responsibility', entityId: 'rules/responsibility.yaml', action: 'edit', before: { etag: before }, after: { etag: saved.etag, routes: saved.list.routes.length } }),
      );
      ctx.log.info({ etag: saved.etag }, 'responsibility list replaced');
      res.json({ etag: saved.etag, list: saved.list });
    });
    app.use(router);
  },
  openapiPaths: {
    '/api/departments': {
      get: {
        tags: ['work orders'], summary: '责任清单可指派的全部具体单位（用于选择和改派）',
        responses: { '200': jsonResponse('departments', undefined, { departments: [{ id: 'urban_management', name: '宝安区城市管理和综合执法局', district: '宝安区' }] }), ...errorResponses(401, 403) },
      },
    },
    '/api/responsibility': {
      get: { tags: ['work orders'], summary: '责任清单及其 etag，以及规则包中可用于派发规则的事项', responses: { '200': jsonResponse('the list', undefined, { etag: '3f9a0c2b7d1e4a55', list: listExample, sub_items: [{ id: 'municipal.manhole', category: 'municipal', name: '井盖缺失破损' }] }), ...errorResponses(401, 403) } },
      put: {
        tags: ['work orders'],
        summary: '管理员：替换责任清单（校验后原子写入 rules/responsibility.yaml）。请带上加载时的 etag：期间有人保存则返回 409。已有工单不会重新派发',
        requestBody: jsonBody(putBody, { etag: '3f9a0c2b7d1e4a55', list: listExample }),
        responses: { '200': jsonResponse('saved', undefined, { etag: '8c1d22e0a9b34f10', list: listExample }), ...errorResponses(400, 401, 403, 409) },
      },
    },
    '/api/responsibility/route': {
      get: {
        tags: ['work orders'], summary: '预览：责任清单对某分类、事项和地点会派给哪个单位',
        parameters: [
          { name: 'category', in: 'query', required: true, schema: { type: 'string' }, example: 'municipal' },
          { name: 'sub_item', in: 'query', schema: { type: 'string' }, example: 'municipal.waterlogging' },
          { name: 'district', in: 'query', schema: { type: 'string' }, example: '宝安区' },
          { name: 'street', in: 'query', schema: { type: 'string' }, example: '西乡街道' },
        ],
        responses: { '200': jsonResponse('the routing', undefined, { departmentId: 'water', department: '宝安区水务局', matched: 'municipal.waterlogging' }), ...errorResponses(400, 401, 403) },
      },
    },
  },
};
