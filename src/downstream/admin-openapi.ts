import { errorResponses, jsonBody, jsonResponse } from '../web/openapi/helpers.js';
import { allowBody, createKeyBody, subscriptionBody } from './admin-schemas.js';

const tags = ['downstream admin'];
const idParam = { name: 'id', in: 'path', required: true, schema: { type: 'integer' }, example: 3 };
const keyExample = { id: 3, name: '宝安区智慧城管平台', prefix: 'crk_Q2x5bW9', scopes: ['work_orders:read', 'work_orders:write'], created_by: 'user:1', created_at: '2026-11-21T01:00:00.000Z', revoked_at: null, last_used_at: '2026-11-21T03:12:00.000Z' };
const subExample = { id: 7, api_key_id: 3, url: 'https://dispatch.baoan.example.gov.cn/hooks/civic-radar', event_types: ['work_order.created', 'work_order.status_changed'], active: true, created_by: 'user:1', created_at: '2026-11-21T01:05:00.000Z' };
const deliveryExample = { id: 120, event_id: '0f6b3c1e-8a55-4d7e-9a56-b8b3f0e2d111', subscription_id: 7, event_type: 'work_order.created', status: 'pending', attempts: 2, next_attempt_at: '2026-11-21T03:15:20.000Z', last_error: 'HTTP 503', created_at: '2026-11-21T03:15:00.000Z', delivered_at: null };
/** The `data` of a webhook event (webhookSummary in src/workorders/record-change.ts). */
const webhookDataExample = {
  number: 'GD20261121-000123', status: 'dispatched', department: '宝安区城市管理和综合执法局', category: 'municipal', sub_item: 'municipal.manhole', urgency: 'urgent',
  district: '宝安区', street: '西乡街道', place: '固戍地铁站A出口', dispatch_deadline: '2026-11-21T03:45:00.000Z', due_at: '2026-11-21T04:15:00.000Z', change_seq: 88231,
  updated_at: '2026-11-21T03:15:00.000Z', href: '/api/v1/work-orders/GD20261121-000123',
};
const e = (...codes: number[]) => errorResponses(...codes);

export const adminOpenapi: Record<string, unknown> = {
  '/api/admin/api-keys': {
    get: { tags, summary: 'API 密钥列表（从不显示密钥本身）', responses: { '200': jsonResponse('keys', undefined, { items: [keyExample] }), ...e(401, 403) } },
    post: {
      tags, summary: '创建 API 密钥；密钥只在这次响应中显示一次',
      requestBody: jsonBody(createKeyBody, { name: '宝安区智慧城管平台', scopes: ['work_orders:read', 'work_orders:write'] }),
      responses: { '201': jsonResponse('created', undefined, { ...keyExample, key: 'crk_Q2x5bW9uZ3RoZXJlYWxrZXlzaG93bm9uY2U' }), ...e(400, 401, 403) },
    },
  },
  '/api/admin/api-keys/{id}': {
    delete: { tags, summary: '吊销密钥（此后用它的请求得到 401）', parameters: [idParam], responses: { '200': jsonResponse('revoked', undefined, { ...keyExample, revoked_at: '2026-11-22T08:00:00.000Z' }), ...e(401, 403, 404, 409) } },
  },
  '/api/admin/webhook-allowlist': {
    get: { tags, summary: 'Webhook 可投递的目标源（允许列表）', responses: { '200': jsonResponse('allow-list', undefined, { items: [{ id: 1, origin: 'https://dispatch.baoan.example.gov.cn', note: '宝安区城管平台', private_reason: null, created_by: 'user:1', created_at: '2026-11-21T01:00:00.000Z' }] }), ...e(401, 403) } },
    post: {
      tags, summary: '放行一个目标源（scheme://host[:port]）',
      description: '内网、本机、链路本地或云元数据地址（10/8、172.16/12、192.168/16、100.64/10、127/8、169.254/16、::1、fc00::/7、fe80::/10，或解析到这些地址的域名）默认以 403 拒绝，除非 private_reason 写明为何可以接收 Webhook；理由随条目保存并记入审计日志。每次投递连接时都会重新解析并检查地址。',
      requestBody: jsonBody(allowBody, { origin: 'https://dispatch.baoan.example.gov.cn', note: '宝安区城管平台' }), responses: { '201': jsonResponse('allowed', undefined, { origin: 'https://dispatch.baoan.example.gov.cn' }), ...e(400, 401, 403) },
    },
    delete: { tags, summary: '移除目标源；待投递到该源的事件将失败', parameters: [{ name: 'origin', in: 'query', required: true, schema: { type: 'string' }, example: 'https://dispatch.baoan.example.gov.cn' }], responses: { '200': jsonResponse('removed', undefined, { ok: true }), ...e(400, 401, 403, 404) } },
  },
  '/api/admin/webhooks': {
    get: { tags, summary: '全部 Webhook 订阅', responses: { '200': jsonResponse('subscriptions', undefined, { items: [subExample] }), ...e(401, 403) } },
    post: {
      tags, summary: '为密钥订阅事件类型到允许列表内的 URL；签名密钥只显示一次',
      requestBody: jsonBody(subscriptionBody, { api_key_id: 3, url: subExample.url, event_types: subExample.event_types }),
      responses: { '201': jsonResponse('created', undefined, { ...subExample, secret: 'whsec_3q2+7w...' }), ...e(400, 401, 403) },
    },
  },
  '/api/admin/webhooks/{id}': {
    delete: { tags, summary: '停用订阅', parameters: [idParam], responses: { '200': jsonResponse('deactivated', undefined, { ok: true }), ...e(401, 403, 404, 409) } },
  },
  '/api/admin/webhook-deliveries': {
    get: {
      tags, summary: '投递日志，最新在前',
      parameters: [
        { name: 'subscription', in: 'query', schema: { type: 'integer' }, example: 7 },
        { name: 'status', in: 'query', schema: { type: 'string', enum: ['pending', 'delivered', 'failed'] }, example: 'failed' },
        { name: 'limit', in: 'query', schema: { type: 'integer' }, example: 50 },
        { name: 'before', in: 'query', schema: { type: 'integer' }, example: 120 },
      ],
      responses: { '200': jsonResponse('deliveries', undefined, { items: [deliveryExample], next_before: null }), ...e(400, 401, 403) },
    },
  },
  '/api/admin/webhook-deliveries/{id}': {
    get: {
      tags, summary: '单次投递：载荷及每次尝试', parameters: [idParam],
      responses: { '200': jsonResponse('delivery', undefined, { ...deliveryExample, payload: { id: deliveryExample.event_id, type: 'work_order.created', created_at: '2026-11-21T03:15:00.000Z', data: webhookDataExample }, attempts_log: [{ id: 1, delivery_id: 120, attempt: 1, at: '2026-11-21T03:15:01.000Z', status_code: 503, error: 'HTTP 503', duration_ms: 41 }] }), ...e(401, 403, 404) },
    },
  },
  '/api/admin/webhook-deliveries/{id}/retry': {
    post: { tags, summary: '立即重发一次失败的投递', parameters: [idParam], responses: { '200': jsonResponse('queued', undefined, { ...deliveryExample, status: 'pending', attempts: 12 }), ...e(401, 403, 404, 409) } },
  },
};
