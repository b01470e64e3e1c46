import { linkedTicketExample } from '../collision/linked-ticket-view.js';
import { newLeadBody } from '../review/lead-create.js';
import { queueQuery } from '../review/queue.js';
import { bulkRejectBody, confirmBody, editBody, mergeBody, rejectBody, reopenBody } from './review-bodies.js';
import { errorResponses, jsonBody, jsonResponse, schemaOf } from './openapi/helpers.js';

const tags = ['review'];
const idParam = [{ name: 'id', in: 'path', required: true, schema: { type: 'integer', minimum: 1 }, example: 42 }];

// Fields a queue item and the lead view share; categoryName and platforms are the queue's only (test/web/openapi-drift.test.ts).
const leadFields = {
  id: 42, status: 'new', category: 'sanitation', subItem: 'garbage_overflow', urgency: 'normal', district: '福田区',
  street: '华强北街道', place: '华强北路与深南大道交叉口', score: 0.82, heat: 3, postCount: 2, summary: '华强北路口垃圾堆了三天没人清理，臭气熏天',
  postedAt: '2026-11-21T08:30:00.000Z', discoveredAt: '2026-11-21T08:31:00.000Z', lastPostAt: '2026-11-21T09:02:00.000Z', version: 1,
  claim: { userId: 3, name: '张三', until: '2026-11-21T09:10:00.000Z' },
};
const queueItem = { ...leadFields, categoryName: '市容环卫', platforms: ['weibo'] };
const leadExample = {
  ...leadFields,
  evidence: { decided_by: 'rules+model', rules_lead: true, rules_score: 0.82, locality: 'place', model: { version: 'm20261206-101500-1a2b3c4d', p_lead: 0.93, p_urgent: 0.08, category: 'sanitation', p_category: 0.88, for: [{ text: '垃圾', weight: 0.31 }], against: [{ text: '请问', weight: -0.12 }] } },
  matched: ['sanitation.garbage_overflow.overflowing', 'urgent.injured'], matchedNames: ['市容环卫 · 垃圾满溢', '紧急：有人受伤'], editedFields: [], createdAt: '2026-11-21T08:31:00.000Z', updatedAt: '2026-11-21T08:31:00.000Z',
  rejectReason: null, rejectReasonLabel: null, rejectNote: null, mergedInto: null, mergedFrom: [], reviewedBy: null, reviewedAt: null, createdBy: null,
  workOrder: null, domains: [{ code: 'ecology', name: '生态环境和资源保护' }], hotline: { reported: true, label: '已诉', tickets: [linkedTicketExample] }, claim: { userId: 3, name: '张三', until: '2026-11-21T09:10:00.000Z', mine: true },
  posts: [{ id: 1001, platform: 'weibo', platformPostId: '4951234567890123', url: 'https://weibo.com/1234/Abc', author: '福田小王', title: null,
    text: '华强北路口垃圾堆了三天没人清理，臭气熏天', publishedAt: '2026-11-21T08:30:00.000Z', ipLocation: '广东', likes: 12, comments: 3, shares: 1, views: null,
    firstSeenAt: '2026-11-21T08:31:00.000Z', similarity: 1, spans: [{ start: 5, end: 7, rule: 'sanitation.garbage_overflow.overflowing', ruleName: '市容环卫 · 垃圾满溢' }] }],
  audit: [{ id: 7, at: '2026-11-21T08:40:00.000Z', actor: 'user:3', who: '张三', action: 'edit', what: '修改', changes: [{ field: 'district', label: '区', from: '空', to: '福田区' }] }],
};

const queryParams = Object.entries((schemaOf(queueQuery, 'input') as { properties: Record<string, unknown> }).properties).map(([name, schema]) => ({
  name, in: 'query', required: false, schema,
  description: {
    status: 'lead status (default new = the pending queue)', q: 'keywords, space-separated; terms of 3+ characters use the trigram index, 1–2 character terms a substring match',
    after: 'keyset cursor: nextCursor of the previous page', hotline: '12345 热线: reported = 已诉 (a linked ticket came before the lead), unreported = 未诉', from: 'discovered at or after (ISO 8601)', to: 'discovered before (ISO 8601)',
  }[name],
}));

const view = (d: string) => jsonResponse(d, undefined, leadExample);

/** OpenAPI paths of the review API (see review-routes.ts). */
export function reviewOpenapiPaths(): Record<string, unknown> {
  return {
    '/api/catalogue': {
      get: { tags, summary: '分类及事项、驳回原因、区、平台：核实界面的选项', responses: {
        '200': jsonResponse('choices', undefined, { categories: [{ code: 'sanitation', name: '市容环卫', subItems: [{ id: 'garbage_overflow', name: '垃圾满溢' }] }], rejectReasons: [{ code: 'not_civic', name: '不属于民生诉求' }], districts: ['福田区'], platforms: ['weibo'], urgencies: [{ code: 'urgent', name: '紧急' }] }),
        ...errorResponses(401) } },
    },
    '/api/leads': {
      get: { tags, summary: '线索队列：按紧急程度、评分、热度、时间排序；支持筛选和游标分页', parameters: queryParams, responses: {
        '200': jsonResponse('one page', undefined, { items: [queueItem], nextCursor: 'dXJnZW5jeXwxMDk5OTk5OTk5OTk5OS4xODAwMDAwOTk5OTk5OTk5OTk2LjAwMDAwMDIwMjYtMTEtMjFUMDg6MzE6MDAuMDAwWjAwMDAwMDAwMDA0Mg' }), ...errorResponses(400, 401) } },
      post: { tags, summary: '手工新建线索（如来自电话）；其文字存为平台 "manual" 的一条帖子', requestBody: jsonBody(newLeadBody, { text: '梅林路路灯连续一周不亮，晚上很危险', category: 'municipal', urgency: 'normal', district: '福田区', place: '梅林路 38 号' }),
        responses: { '201': view('the new lead'), ...errorResponses(400, 401, 403) } },
    },
    '/api/leads/stats': { get: { tags, summary: '待处理数、紧急数及变化标记', responses: { '200': jsonResponse('counts', undefined, { pending: 120, urgent: 4, maxLeadId: 9812, maxLeadChange: 5531 }), ...errorResponses(401) } } },
    '/api/leads/counts': { get: { tags, summary: '某状态线索按紧急程度、分类、区的数量（队列筛选项旁的数字；district 为 null 表示尚未定位）',
      parameters: [{ name: 'status', in: 'query', required: false, schema: { type: 'string', enum: ['new', 'confirmed', 'rejected', 'merged'], default: 'new' } }],
      responses: { '200': jsonResponse('counts', undefined, { status: 'new', total: 120, urgent: 4, byCategory: [{ code: 'sanitation', name: '市容环卫', count: 31 }], byDistrict: [{ district: '福田区', count: 22 }, { district: null, count: 9 }] }), ...errorResponses(400, 401) } } },
    '/api/leads/reject': { post: { tags, summary: '批量驳回：多条线索用同一个原因，每条带上您看到的版本；已被他人修改或认领的逐条报告，其余照常驳回',
      requestBody: jsonBody(bulkRejectBody, { leads: [{ id: 42, version: 1 }, { id: 43, version: 2 }], reason: 'advertising', note: '楼盘广告' }),
      responses: { '200': jsonResponse('per-lead results', undefined, { rejected: 1, failed: 1, results: [{ id: 42, rejected: true, version: 2 }, { id: 43, rejected: false, error: '线索 43 已被他人修改（您看到的版本 2，当前版本 3）；请刷新后重试' }] }), ...errorResponses(400, 401, 403) } } },
    '/api/me/decisions': { get: { tags, summary: '我的处理记录：当前用户某一天（北京时间，默认今天）对线索的确认、驳回、合并、重新打开、修改与新建，最新在前',
      parameters: [{ name: 'date', in: 'query', required: false, schema: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' }, example: '2026-12-07' }],
      responses: { '200': jsonResponse('decisions', undefined, { date: '2026-12-07', counts: { confirm: 1, reject: 1, merge: 0, reopen: 0, edit: 0, create: 0 }, summary: ['确认并生成工单 1 条', '驳回 1 条'], truncated: false,
        items: [{ at: '2026-12-07T02:10:00.000Z', action: 'confirm', what: '确认并生成工单', leadId: 42, summary: '华强北路口垃圾堆了三天没人清理', category: 'sanitation', leadStatus: 'confirmed', workOrder: 'GD20261207-000123', reason: null, into: null },
          { at: '2026-12-07T02:05:00.000Z', action: 'reject', what: '驳回', leadId: 43, summary: '新楼盘开盘大优惠', category: 'property', leadStatus: 'rejected', workOrder: null, reason: '广告营销', into: null }] }), ...errorResponses(400, 401) } } },
    '/api/leads/events': { get: { tags, summary: '服务器推送事件（SSE）：线索新增或变化时推送 `queue` 事件及计数', responses: {
      '200': { description: 'text/event-stream', content: { 'text/event-stream': { example: 'event: queue\ndata: {"pending":120,"urgent":4,"maxLeadId":9812,"maxLeadChange":5531}\n\n' } } }, ...errorResponses(401) } } },
    '/api/leads/{id}': {
      get: { tags, summary: '一条线索：帖子（原文与高亮区间）、认领、工单和审计记录', parameters: idParam, responses: { '200': view('the lead'), ...errorResponses(400, 401, 404) } },
      patch: { tags, summary: '修改引擎给出的建议（乐观并发：请带上您看到的 version）', parameters: idParam,
        requestBody: jsonBody(editBody, { version: 1, district: '南山区', subItem: 'garbage_overflow' }), responses: { '200': view('the edited lead'), ...errorResponses(400, 401, 403, 404, 409) } },
    },
    '/api/leads/{id}/claim': {
      post: { tags, summary: '认领（或续期）一条新线索几分钟；409 会说明是谁在处理', parameters: idParam, responses: {
        '200': jsonResponse('claimed', undefined, { claim: { userId: 3, name: '张三', until: '2026-11-21T09:10:00.000Z', mine: true } }), ...errorResponses(401, 404, 409) } },
      delete: { tags, summary: '释放认领（自己的；管理员可释放任何人的）', parameters: idParam, responses: { '200': jsonResponse('released', undefined, { claim: null }), ...errorResponses(401, 403, 404) } },
    },
    '/api/leads/{id}/confirm': { post: { tags, summary: '确认新线索：生成工单（无论并发如何，只生成一次）', parameters: idParam,
      requestBody: jsonBody(confirmBody, { version: 2 }), responses: { '201': jsonResponse('confirmed', undefined, { workOrder: { number: 'GD20261121-000123', id: 123 }, lead: { ...leadExample, status: 'confirmed', workOrder: 'GD20261121-000123' } }), ...errorResponses(400, 401, 403, 404, 409) } } },
    '/api/leads/{id}/reject': { post: { tags, summary: '驳回新线索：需填原因，可附备注', parameters: idParam,
      requestBody: jsonBody(rejectBody, { version: 2, reason: 'advertising', note: '楼盘广告' }), responses: { '200': view('rejected'), ...errorResponses(400, 401, 403, 404, 409) } } },
    '/api/leads/{id}/merge': { post: { tags, summary: '把新线索合并到另一条：帖子移过去，热度相加', parameters: idParam,
      requestBody: jsonBody(mergeBody, { version: 2, into: 40 }), responses: { '200': view('merged'), ...errorResponses(400, 401, 403, 404, 409) } } },
    '/api/leads/{id}/reopen': { post: { tags, summary: '重新打开已驳回或已合并的线索（撤销合并：帖子回到本线索）', parameters: idParam,
      requestBody: jsonBody(reopenBody, { version: 3, note: '误驳回' }), responses: { '200': view('reopened'), ...errorResponses(400, 401, 403, 404, 409) } } },
  };
}
