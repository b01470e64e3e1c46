import { errorResponses, jsonBody, jsonResponse } from '../web/openapi/helpers.js';
import { workOrderEditSchema } from './edit.js';
import { fullWorkOrderExample, workOrderExample } from './openapi-examples.js';
import { reassignBody, transitionBody } from './work-order-schemas.js';

const numberParam = { name: 'number', in: 'path', required: true, schema: { type: 'string', pattern: '^GD\\d{8}-\\d{6}$' }, example: 'GD20261121-000123' };
const q = (name: string, description: string, example: unknown, schema: Record<string, unknown> = { type: 'string' }) => ({ name, in: 'query', required: false, description, schema, example });
const tags = ['work orders'];

export const workOrderOpenapi: Record<string, unknown> = {
  '/api/work-orders': {
    get: {
      tags,
      summary: '工单列表（最新在前），支持筛选；用 `before` 游标分页',
      parameters: [
        q('status', 'comma-separated statuses', 'dispatched,accepted'),
        q('department', 'exact department name', '宝安区城市管理和综合执法局'),
        q('category', 'category code', 'municipal'),
        q('district', 'district', '宝安区'),
        q('overdue', 'only orders whose current step passed its deadline (true) or not (false)', 'true', { type: 'string', enum: ['true', 'false'] }),
        q('from', 'created at or after (ISO 8601)', '2026-11-01T00:00:00+08:00'),
        q('to', 'created before (ISO 8601)', '2026-12-01T00:00:00+08:00'),
        q('limit', '1–200, default 50', 50, { type: 'integer' }),
        q('before', 'next_before of the previous page', 1200, { type: 'integer' }),
      ],
      responses: { '200': jsonResponse('a page of orders', undefined, { items: [workOrderExample], total: 1, next_before: null }), ...errorResponses(400, 401, 403) },
    },
  },
  '/api/work-orders/{number}': {
    get: {
      tags,
      summary: '一张工单：来源帖子、状态历史、来源线索的公益诉讼领域和审计记录',
      parameters: [numberParam],
      responses: {
        '200': jsonResponse('the order', undefined, {
          ...fullWorkOrderExample,
          history: fullWorkOrderExample.history.map((e) => ({ ...e, who: '王芳' })),
          audit: [{ id: 901, at: '2026-11-21T00:44:10.000Z', actor: 'user:3', who: '王芳', action: 'create', what: '创建', changes: [{ field: 'status', label: '状态', from: null, to: '已派发' }] }],
        }),
        ...errorResponses(401, 403, 404),
      },
    },
    patch: {
      tags,
      summary: '修改工单（按 version 乐观并发）。改分类、事项或区会按责任清单重新派发，并记入历史',
      parameters: [numberParam],
      requestBody: jsonBody(workOrderEditSchema, { category: 'road', sub_item: 'road.pothole', version: 2 }),
      responses: { '200': jsonResponse('the edited order', undefined, { ...workOrderExample, category: 'road', sub_item: 'road.pothole', department: '深圳市交通运输局宝安管理局', version: 3 }), ...errorResponses(400, 401, 403, 404, 409) },
    },
  },
  '/api/work-orders/{number}/transitions': {
    post: {
      tags,
      summary: '把工单改到允许的状态；`returned` 需 `reason`，`resolved` 需 `note`。409 会说明当前状态和允许的变更',
      parameters: [numberParam],
      requestBody: jsonBody(transitionBody, { to: 'closed', note: '回访市民确认已修复', version: 5 }),
      responses: { '200': jsonResponse('the order after the move', undefined, { ...workOrderExample, status: 'closed', allowed_transitions: [] }), ...errorResponses(400, 401, 403, 404, 409) },
    },
  },
  '/api/work-orders/{number}/reassign': {
    post: {
      tags,
      summary: '管理员：把退回的工单改派给其他单位（returned → reassigned → dispatched）。改派前仍由退回单位负责',
      parameters: [numberParam],
      requestBody: jsonBody(reassignBody, { department: '宝安区水务局', note: '属排水设施，转水务局' }),
      responses: { '200': jsonResponse('the re-dispatched order', undefined, { ...workOrderExample, department: '宝安区水务局' }), ...errorResponses(400, 401, 403, 404, 409) },
    },
  },
};
