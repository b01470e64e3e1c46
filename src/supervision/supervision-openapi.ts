import { errorResponses, jsonBody, jsonResponse } from '../web/openapi/helpers.js';
import { LIST_KINDS } from './list-kinds.js';
import { superviseBody } from './supervision-schemas.js';

const tags = ['supervision'];
const numberParam = { name: 'number', in: 'path', required: true, schema: { type: 'string', pattern: '^GD\\d{8}-\\d{6}$' }, example: 'GD20261121-000123' };
const q = (name: string, description: string, example: unknown, schema: Record<string, unknown> = { type: 'string' }, required = false) => ({ name, in: 'query', required, description, schema, example });
const listParams = [
  q('list', Object.entries(LIST_KINDS).map(([k, v]) => `${k}：${v.name}`).join('；'), 'returned', { type: 'string', enum: Object.keys(LIST_KINDS) }, true),
  q('district', '只看此区', '宝安区'),
  q('category', '只看此分类（代码）', 'municipal'),
  q('open_days', 'long_unresolved：立单超过多少天（默认 30）', 30, { type: 'integer', minimum: 1, maximum: 3650 }),
  q('within_days', 'recurring：办结后多少天内再出现算重复（默认 90）', 90, { type: 'integer', minimum: 1, maximum: 3650 }),
  q('limit', '1–500，默认 100', 100, { type: 'integer', minimum: 1, maximum: 500 }),
];

const rowExample = {
  number: 'GD20261121-000123', status: 'dispatched', status_label: '已派发', category_label: '市政公用', sub_item_label: '路灯不亮',
  department: '宝安区城市管理和综合执法局', urgency: 'normal', location: { district: '宝安区', street: '新安街道', place: '宝民一路 38 号' },
  created_at: '2026-11-21T00:44:10.000Z', current_step_due: '2026-11-21T04:44:10.000Z', overdue: true, resolved_at: '2026-11-25T02:00:00.000Z',
  returns: 2, recurrence: { count: 3, last_at: '2026-12-02T01:20:00.000Z', lead_ids: [1042] }, feedback: { note: '路灯修好两天又不亮了', at: '2026-11-27T03:00:00.000Z' },
  supervision: { id: 5, open: true, at: '2026-11-26T01:00:00.000Z' },
};
const supervisionExample = {
  id: 5, number: 'GD20261121-000123', reason: 'returned', reason_label: '多次退回', note: '请区城管局三日内明确责任单位并反馈', by: '王督', at: '2026-11-26T01:00:00.000Z',
  open: true, closed_at: '2026-11-30T08:00:00.000Z',
  order: { status: 'accepted', status_label: '已受理', department: '宝安区城市管理和综合执法局', category_label: '市政公用', current_step_due: '2026-11-27T01:00:00.000Z', overdue: false },
  progress: [{ at: '2026-11-26T02:10:00.000Z', kind: 'status', from_status: 'dispatched', to_status: 'accepted', note: '已受理，明日到场', who: 'API 密钥「宝安区智慧城管平台」' }],
};

export const supervisionOpenapi: Record<string, unknown> = {
  '/api/supervision/orders': {
    get: {
      tags,
      summary: '重点工单清单：超时、多次退回、办结后重复投诉、长期未办结、市民不满意（监督员、管理员、核实员可读）',
      description: Object.values(LIST_KINDS).map((k) => `${k.name}：${k.counted}`).join('\n'),
      parameters: listParams,
      responses: { '200': jsonResponse('the list', undefined, { list: 'returned', name: LIST_KINDS.returned.name, counted: LIST_KINDS.returned.counted, items: [rowExample] }), ...errorResponses(400, 401) },
    },
  },
  '/api/supervision/orders.csv': {
    get: {
      tags,
      summary: '重点工单清单导出为 CSV（UTF-8 带 BOM，Excel 直接打开显示中文）',
      parameters: listParams,
      responses: { '200': { description: 'CSV', content: { 'text/csv': { schema: { type: 'string' }, example: '\uFEFF工单编号,状态,分类,…\r\nGD20261121-000123,已派发,市政公用,…\r\n' } } }, ...errorResponses(400, 401) },
    },
  },
  '/api/supervisions': {
    get: {
      tags,
      summary: '督办记录（最新在前）：督办意见、督办人、时间，以及工单此后的办理进展；工单关闭时督办随之结束',
      parameters: [q('state', 'open：督办中（默认）；closed：已结束；all：全部', 'open', { type: 'string', enum: ['open', 'closed', 'all'] }), q('limit', '1–500，默认 100', 100, { type: 'integer' })],
      responses: { '200': jsonResponse('supervisions', undefined, { items: [supervisionExample] }), ...errorResponses(400, 401) },
    },
  },
  '/api/work-orders/{number}/supervision': {
    get: {
      tags,
      summary: '一张工单的督办记录（未督办时为 null）',
      parameters: [numberParam],
      responses: { '200': jsonResponse('the supervision or null', undefined, { supervision: supervisionExample }), ...errorResponses(401, 404) },
    },
    post: {
      tags,
      summary: '将工单列入督办（监督员或管理员），写入审计；每张工单一条督办记录，已关闭的工单不能督办',
      parameters: [numberParam],
      requestBody: jsonBody(superviseBody, { note: '请区城管局三日内明确责任单位并反馈', reason: 'returned' }),
      responses: {
        '201': jsonResponse('the supervision', undefined, { ...supervisionExample, progress: [] }),
        '409': { description: '已督办或已关闭', content: { 'application/json': { example: { error: { message: '工单 GD20261121-000123 已于 2026-11-26 09:00 由 王督 列入督办，不必重复督办' } } } } },
        ...errorResponses(400, 401, 403, 404),
      },
    },
  },
};
