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
      summary: 'Incremental pull: orders whose latest change is after `cursor`, in change order (scope work_orders:read)',
      description:
        'Start with cursor=0 and pass next_cursor back each time; storing next_cursor after processing a page acknowledges it. ' +
        'Each change has a sequence number assigned in commit order, so a page never skips a change and an acknowledged change never comes back. ' +
        'An order changed several times between two pulls comes once, in its latest state; its `history` holds every step. ' +
        'Keep pulling while has_more is true; then poll (e.g. every 10 s) or subscribe to webhooks.',
      parameters: [
        { name: 'cursor', in: 'query', schema: { type: 'string', pattern: '^\\d+$' }, example: '88230' },
        { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 500, default: 100 }, example: 100 },
      ],
      responses: { '200': jsonResponse('a page', undefined, { items: [fullWorkOrderExample], next_cursor: '88231', has_more: false }), ...errorResponses(400), ...keyErrors },
    },
  },
  '/api/v1/work-orders/{number}': {
    get: {
      tags, security, summary: 'One work order with source posts and history (scope work_orders:read)', parameters: [numberParam],
      responses: { '200': jsonResponse('the order', undefined, fullWorkOrderExample), ...errorResponses(404), ...keyErrors },
    },
  },
  '/api/v1/work-orders/{number}/events': {
    post: {
      tags, security,
      summary: 'Report back: accepted / in_progress / resolved (note required) / returned (reason required) (scope work_orders:write)',
      description:
        'Send an Idempotency-Key header (a UUID) and retry freely: the same key with the same body returns the first response (header Idempotent-Replayed: true); ' +
        'the same key with a different body is refused with 422. A move the status table does not allow is refused with 409 naming the current status and the allowed moves.',
      parameters: [numberParam, { name: 'Idempotency-Key', in: 'header', schema: { type: 'string', maxLength: 255 }, example: '5b0e8d3c-0d5e-4a55-9a7e-2f4f1f0c9a11' }],
      requestBody: jsonBody(eventBody, { type: 'resolved', note: '已更换井盖并设置警示，现场恢复通行' }),
      responses: {
        '200': jsonResponse('the order after the event', undefined, { accepted_event: 'resolved', work_order: { ...fullWorkOrderExample, status: 'resolved' } }),
        '409': { description: 'not allowed from the current status', content: { 'application/json': { example: { error: { message: '工单 GD20261121-000123 当前状态为 dispatched（已派发），不能改为 resolved（已办结）；当前允许：accepted（已受理）、returned（已退回）' } } } } },
        '422': { description: 'Idempotency-Key reused with a different body', content: { 'application/json': { example: { error: { message: 'Idempotency-Key "abc" was already used for a different request; use a new key for a new request' } } } } },
        ...errorResponses(400, 404), ...keyErrors,
      },
    },
  },
  '/api/v1/webhooks': {
    get: { tags, security, summary: "This key's webhook subscriptions", responses: { '200': jsonResponse('subscriptions', undefined, { items: [subExample] }), ...keyErrors } },
    post: {
      tags, security,
      summary: 'Subscribe this key to event types at a URL; the URL\'s origin must be on the admin allow-list (else 403). The signing secret is shown once',
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
    delete: { tags, security, summary: 'Deactivate one of this key\'s subscriptions', parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' }, example: 7 }], responses: { '200': jsonResponse('deactivated', undefined, { ok: true }), ...errorResponses(404, 409), ...keyErrors } },
  },
};
