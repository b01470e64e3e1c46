import { errorResponses, jsonBody, jsonResponse } from '../web/openapi/helpers.js';
import { fullWorkOrderExample } from '../workorders/openapi-examples.js';
import { eventBody } from './v1-schemas.js';
import { ownSubscriptionBody } from './admin-schemas.js';

const security = [{ apiKey: [] }];
const tags = ['downstream'];
const subExample = { id: 7, api_key_id: 3, url: 'https://dispatch.baoan.example.gov.cn/hooks/civic-radar', event_types: ['work_order.created', 'work_order.status_changed'], active: true, created_by: 'key:3', created_at: '2026-11-21T01:05:00.000Z' };
const numberParam = { name: 'number', in: 'path', required: true, schema: { type: 'string' }, example: 'GD20261121-000123' };
const keyErrors = {
  '401': { description: 'API key missing, unknown or revoked', content: { 'application/json': { example: { error: { message: 'API key unknown or revoked; ask an admin for a new key' } } } } },
  '403': { description: 'the key lacks the scope', content: { 'application/json': { example: { error: { message: 'this API key (12345 平台) lacks the scope work_orders:write; it has work_orders:read' } } } } },
};

export const v1Openapi: Record<string, unknown> = {
  '/api/v1/work-orders': {
    get: {
      tags, security,
      summary: '增量拉取：最近一次变化在 `cursor` 之后的工单，按变化顺序（权限 work_orders:read）',
      description:
        '从 cursor=0 开始，每次把 next_cursor 传回；处理完一页后保存 next_cursor 即为确认。' +
        '每次变化都有按提交顺序分配的序号，所以分页不会漏掉变化，已确认的变化也不会再出现。' +
        '两次拉取之间变化多次的工单只出现一次，为最新状态；其 `history` 含每一步。' +
        'has_more 为 true 时继续拉取；之后定时轮询（如每 10 秒）或订阅 Webhook。',
      parameters: [
        { name: 'cursor', in: 'query', schema: { type: 'string', pattern: '^\\d+$' }, example: '88230' },
        { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 500, default: 100 }, example: 100 },
      ],
      responses: { '200': jsonResponse('a page', undefined, { items: [fullWorkOrderExample], next_cursor: '88231', has_more: false }), ...errorResponses(400), ...keyErrors },
    },
  },
  '/api/v1/work-orders/{number}': {
    get: {
      tags, security, summary: '一张工单：来源帖子和历史（权限 work_orders:read）', parameters: [numberParam],
      responses: { '200': jsonResponse('the order', undefined, fullWorkOrderExample), ...errorResponses(404), ...keyErrors },
    },
  },
  '/api/v1/work-orders/{number}/events': {
    post: {
      tags, security,
      summary: '回报处理进展：accepted / in_progress / resolved（需 note）/ returned（需 reason）；办结后回报市民评价 feedback（权限 work_orders:write）',
      description:
        '市民评价：{"type":"feedback","feedback":"satisfied" 或 "unsatisfied","note":"市民的话"}，仅在工单已办结（resolved）或已关闭（closed）后接受（否则 409）；' +
        '不改变工单状态，记入处理历程和审计，最近一次为“不满意”的工单进入监督员的「市民不满意」清单。' +
        '请带 Idempotency-Key 请求头（UUID）并可放心重试：同一键、同一请求体返回第一次的响应（响应头 Idempotent-Replayed: true）；' +
        '同一键、不同请求体返回 422。状态表不允许的变更返回 409，并说明当前状态和允许的变更。',
      parameters: [numberParam, { name: 'Idempotency-Key', in: 'header', schema: { type: 'string', maxLength: 255 }, example: '5b0e8d3c-0d5e-4a55-9a7e-2f4f1f0c9a11' }],
      requestBody: jsonBody(eventBody, { type: 'resolved', note: '已更换井盖并设置警示，现场恢复通行' }),
      responses: {
        '200': jsonResponse('the order after the event', undefined, { accepted_event: 'resolved', work_order: { ...fullWorkOrderExample, status: 'resolved' } }),
        '409': { description: 'not allowed from the current status', content: { 'application/json': { example: { error: { message: '工单 GD20261121-000123 当前为“已派发”，不能改为“已办结”；当前可改为：“已受理”、“已退回”', details: { status: 'dispatched', requested: 'resolved', allowed: ['accepted', 'returned'] } } } } } },
        '422': { description: 'Idempotency-Key reused with a different body', content: { 'application/json': { example: { error: { message: 'Idempotency-Key "abc" was already used for a different request; use a new key for a new request' } } } } },
        ...errorResponses(400, 404), ...keyErrors,
      },
    },
  },
  '/api/v1/webhooks': {
    get: { tags, security, summary: '本密钥的 Webhook 订阅', responses: { '200': jsonResponse('subscriptions', undefined, { items: [subExample] }), ...keyErrors } },
    post: {
      tags, security,
      summary: '为本密钥订阅事件类型到某个 URL；该 URL 的源必须在管理员的允许列表内（否则 403）。签名密钥只显示一次',
      description:
        '每次投递是一个 POST，正文是 JSON 事件 {"id","type","created_at","data"}，请求头有 X-CivicRadar-Event、X-CivicRadar-Delivery（与 id 相同，仅供日志；请求头不在签名内）和 ' +
        'X-CivicRadar-Signature: t=<unix 秒>,v1=<hex HMAC-SHA256(secret, t + "." + 原始正文)>。接收方必须：' +
        '① 按收到的原始字节重新计算 HMAC，并用常数时间比较（constant-time，如 crypto.timingSafeEqual）；' +
        '② 拒绝 t 与当前时间相差超过 300 秒（5 分钟）的请求，否则截获的请求可以被重放；' +
        '③ 按已签名正文里的 "id" 去重（投递至少一次：重试的 id 不变、t 更新），不要按请求头去重。' +
        '10 秒内回复 2xx；其他回复按指数退避重试。可直接运行的示例接收端：examples/webhook-receiver.ts。',
      requestBody: jsonBody(ownSubscriptionBody, { url: subExample.url, event_types: subExample.event_types }),
      responses: { '201': jsonResponse('created', undefined, { ...subExample, secret: 'whsec_3q2...' }), ...errorResponses(400), ...keyErrors },
    },
  },
  '/api/v1/webhooks/{id}': {
    delete: { tags, security, summary: '停用本密钥的一个订阅', parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' }, example: 7 }], responses: { '200': jsonResponse('deactivated', undefined, { ok: true }), ...errorResponses(404, 409), ...keyErrors } },
  },
};
