import { errorResponses, jsonBody, jsonResponse } from '../web/openapi/helpers.js';
import { reviewBody } from './ticket-lead-schemas.js';

const tags = ['hotline leads'];
const q = (name: string, description: string, example: unknown, schema: Record<string, unknown> = { type: 'string' }) => ({ name, in: 'query', required: false, description, schema, example });
const idParam = { name: 'id', in: 'path', required: true, description: '热线线索编号', schema: { type: 'integer' }, example: 12 };
const filters = [
  q('topic', '专题代码（engine_lead 为引擎线索）', 'manhole_covers'), q('status', 'pending 待核查 | valuable 已核查·有价值 | dismissed 不予处理 | transferred 已移送', 'pending'),
  q('district', '区（引擎判定的，否则热线的）', '宝安区'), q('category', '引擎分类代码', 'municipal'), q('from', '受理时间不早于（ISO 8601）', '2026-11-01T00:00:00+08:00'),
  q('to', '受理时间早于（ISO 8601）', '2026-12-01T00:00:00+08:00'), q('q', '关键词：标题、诉求内容或地址包含', '井盖'),
];
const reading = { category: 'municipal', category_label: '市政公用', sub_item: 'municipal.manhole', sub_item_label: '井盖缺失破损', urgency: 'urgent', location: { district: '宝安区', street: '新安街道', place: '宝城小学' } };
const review = { status: 'pending', status_label: '待核查', dismiss_reason: null, dismiss_reason_label: null, recipient: null, note: null, reviewed_by: null, reviewed_at: null };
const item = {
  id: 12, topic: { code: 'manhole_covers', name: '窨井盖' }, received_at: '2026-11-20T01:12:00.000Z',
  ticket: { id: 3401, source: 'sz12345', ticket_no: 'SZ2026112000123', title: '井盖缺失', excerpt: '宝城小学门口的井盖不见了，孩子放学经过很危险', category_raw: '城市管理/市政设施', department: '宝安区城市管理和综合执法局', status_raw: '已办结', address: '宝安区新安街道宝城小学东门' },
  reading, reasons: ['规则「井盖缺失或破损」命中：井盖、不见'], ...review,
};

export const ticketLeadOpenapi: Record<string, unknown> = {
  '/api/screening-topics': {
    get: {
      tags, summary: '过筛子专题（rules/screening-topics.yaml，另有内置的「引擎线索」）：名称、说明、筛选条件（文字）、关键词规则（原文）（监督员或管理员）',
      responses: {
        '200': jsonResponse('topics', undefined, { sha: '418b00aeb1b9eed6', topics: [
          { code: 'engine_lead', name: '引擎线索', description: '引擎判断为线索并给出分类的工单（未命中任何专题也列出）', built_in: true, filters: ['引擎判为线索且有分类'], rules: [] },
          { code: 'manhole_covers', name: '窨井盖', description: '井盖缺失、破损、松动……', built_in: false, filters: [], rules: [{ id: 'cover_damaged', name: '井盖缺失或破损', any: '井盖|窨井', all: ['缺失|丢失|不见'], near: [], none: '已修复' }] },
        ] }),
        ...errorResponses(401, 403),
      },
    },
  },
  '/api/hotline-leads': {
    get: {
      tags,
      summary: '热线线索：热线工单经引擎和过筛子专题命中的线索，按专题、核查状态、区、分类、受理时间、关键词筛选，受理时间最新在前；每页 limit 条，next 取下一页；counts 为其余条件下各专题的数量（只在第一页给出，之后的页为 null）（监督员或管理员）',
      parameters: [...filters, q('after', '上一页返回的 next', 'WyIyMDI2LTExLTIwVDAxOjEyOjAwLjAwMFoiLDEyXQ'), q('limit', '1–200，默认 50', 50, { type: 'integer' })],
      responses: {
        '200': jsonResponse('one page', undefined, { items: [item], next: 'WyIyMDI2LTExLTIwVDAxOjEyOjAwLjAwMFoiLDEyXQ', counts: [{ topic: { code: 'engine_lead', name: '引擎线索' }, total: 210, pending: 180 }, { topic: { code: 'manhole_covers', name: '窨井盖' }, total: 14, pending: 9 }] }),
        ...errorResponses(400, 401, 403),
      },
    },
  },
  '/api/hotline-leads.csv': {
    get: {
      tags, summary: '按同样的筛选条件导出热线线索 CSV（UTF-8 带 BOM，最多 10,000 行；以 = + - @ 开头的单元格前加单引号，防止公式）', parameters: filters,
      responses: { '200': { description: 'CSV', content: { 'text/csv': { example: '\uFEFF线索编号,专题,核查状态,工单来源,热线工单号,受理时间,…\r\n12,窨井盖,待核查,sz12345,SZ2026112000123,2026-11-20 09:12:00,…\r\n' } } }, ...errorResponses(400, 401, 403) },
    },
  },
  '/api/hotline-leads/{id}': {
    get: {
      tags, summary: '一条热线线索：工单全文、热线答复、引擎的判读、该工单命中的全部专题（原因与命中位置，位置为 screened_text 中的 UTF-16 偏移）、核查记录', parameters: [idParam],
      responses: {
        '200': jsonResponse('the lead', undefined, {
          id: 12, topic: item.topic, received_at: item.received_at, ...review,
          next_statuses: [{ status: 'valuable', label: '已核查·有价值' }, { status: 'dismissed', label: '不予处理' }, { status: 'transferred', label: '已移送' }],
          dismiss_reasons: [{ code: 'resolved', label: '热线已办结，无需跟进' }],
          ticket: { id: 3401, source: 'sz12345', ticket_no: 'SZ2026112000123', received_at: item.received_at, title: '井盖缺失', text: '宝城小学门口的井盖不见了，孩子放学经过很危险', category_raw: '城市管理/市政设施', address: '宝安区新安街道宝城小学东门', district_raw: '宝安区', department: '宝安区城市管理和综合执法局', status_raw: '已办结', reply: '已安排人员更换井盖', replied_at: '2026-11-21T03:00:00.000Z', satisfaction: 'satisfied', screened_at: '2026-11-20T01:13:00.000Z' },
          reading: { is_lead: true, ...reading, domains: [{ code: 'work_safety', name: '安全生产' }] },
          screened_text: '井盖缺失\n宝城小学门口的井盖不见了，孩子放学经过很危险',
          hits: [{ id: 12, topic: item.topic, status: 'pending', status_label: '待核查', reasons: item.reasons, spans: [{ start: 0, end: 2, rule: '井盖缺失或破损' }, { start: 12, end: 14, rule: '井盖缺失或破损' }] }],
          history: [],
        }),
        ...errorResponses(400, 401, 403, 404),
      },
    },
  },
  '/api/hotline-leads/{id}/review': {
    post: {
      tags,
      summary: '核查一条热线线索（监督员或管理员）：待核查 → 已核查·有价值 / 不予处理（需原因）/ 已移送（需移送对象）；有价值 → 已移送 / 不予处理；不予处理 → 待核查（重新打开）；已移送为最终状态。写入审计，答复为更新后的线索',
      parameters: [idParam],
      requestBody: jsonBody(reviewBody, { status: 'transferred', recipient: '宝安区人民检察院', note: '涉及学校周边公共安全，移送公益诉讼' }),
      responses: { '200': jsonResponse('the lead after the review', undefined, { id: 12, status: 'transferred', status_label: '已移送', recipient: '宝安区人民检察院' }), ...errorResponses(400, 401, 403, 404, 409) },
    },
  },
};
