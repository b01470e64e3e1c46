import { errorResponses, jsonBody, jsonResponse } from '../web/openapi/helpers.js';
import { saveSearchBody, transferBody, transferUpdateBody } from './public-interest-schemas.js';

const tags = ['public interest'];
const q = (name: string, description: string, example: unknown, schema: Record<string, unknown> = { type: 'string' }) => ({ name, in: 'query', required: false, description, schema, example });
const idParam = (what: string) => ({ name: 'id', in: 'path', required: true, description: what, schema: { type: 'integer' }, example: 1 });
const transferExample = { id: 3, lead_id: 1042, transferred_at: '2026-12-01T02:00:00.000Z', by: '王督', recipient: '宝安区人民检察院', outcome: '已立案', note: '附现场照片 12 张', updated_at: '2026-12-05T06:30:00.000Z' };
const filterExample = { domain: 'ecology', q: '偷排', district: '宝安区', place: '茅洲河', from: '2026-11-01T00:00:00+08:00', to: '2026-12-01T00:00:00+08:00' };
const searchExample = { id: 2, name: '茅洲河偷排', filter: filterExample, created_at: '2026-12-01T01:00:00.000Z' };

export const publicInterestOpenapi: Record<string, unknown> = {
  '/api/public-interest/domains': {
    get: { tags, summary: '公益诉讼领域（rules/public-interest.yaml）', responses: { '200': jsonResponse('domains', undefined, { domains: [{ code: 'ecology', name: '生态环境和资源保护' }] }), ...errorResponses(401) } },
  },
  '/api/public-interest/leads': {
    get: {
      tags,
      summary: '公益诉讼线索：按领域、关键词（摘要或帖子原文）、区、地点（地点或街道包含）和发现时间筛选，最新在前',
      parameters: [q('domain', '领域代码', 'ecology'), q('q', '关键词', '偷排'), q('district', '区', '宝安区'), q('place', '地点或街道包含', '茅洲河'),
        q('from', '发现时间不早于（ISO 8601）', '2026-11-01T00:00:00+08:00'), q('to', '发现时间早于（ISO 8601）', '2026-12-01T00:00:00+08:00'), q('limit', '1–500，默认 100', 100, { type: 'integer' })],
      responses: {
        '200': jsonResponse('tagged leads', undefined, { items: [{ id: 1042, status: 'confirmed', category_label: '污染防治', location: { district: '宝安区', street: '松岗街道', place: '茅洲河' }, summary: '茅洲河边工厂晚上偷排污水，河水发黑', discovered_at: '2026-11-21T14:02:00.000Z', domains: [{ code: 'ecology', name: '生态环境和资源保护' }], work_order: 'GD20261121-000123', transfers: 1 }] }),
        ...errorResponses(400, 401),
      },
    },
  },
  '/api/leads/{id}/public-interest': {
    get: { tags, summary: '一条线索的公益诉讼领域和移送检察机关记录（工单页按其来源线索显示）', parameters: [idParam('线索编号')], responses: { '200': jsonResponse('domains and transfers', undefined, { domains: [{ code: 'ecology', name: '生态环境和资源保护' }], transfers: [transferExample] }), ...errorResponses(400, 401) } },
  },
  '/api/public-interest/transfers': {
    post: {
      tags, summary: '记录移送检察机关（监督员或管理员）：何时、移送给谁、结果；写入线索的审计记录',
      requestBody: jsonBody(transferBody, { lead_id: 1042, recipient: '宝安区人民检察院', transferred_at: '2026-12-01T10:00:00+08:00', note: '附现场照片 12 张' }),
      responses: { '201': jsonResponse('the transfer', undefined, { ...transferExample, outcome: null }), ...errorResponses(400, 401, 403, 404) },
    },
  },
  '/api/public-interest/transfers/{id}': {
    patch: {
      tags, summary: '更新移送结果（如 已立案、已发出诉前检察建议、不予立案），写入审计', parameters: [idParam('移送记录编号')],
      requestBody: jsonBody(transferUpdateBody, { outcome: '已立案', note: '检察院 12 月 5 日立案' }),
      responses: { '200': jsonResponse('the transfer', undefined, transferExample), ...errorResponses(400, 401, 403, 404) },
    },
  },
  '/api/public-interest/searches': {
    get: { tags, summary: '我保存的公益诉讼线索搜索（每人各自的）', responses: { '200': jsonResponse('saved searches', undefined, { items: [searchExample] }), ...errorResponses(401) } },
    post: { tags, summary: '保存当前筛选条件', requestBody: jsonBody(saveSearchBody, { name: searchExample.name, filter: filterExample }), responses: { '201': jsonResponse('saved', undefined, searchExample), ...errorResponses(400, 401) } },
  },
  '/api/public-interest/searches/{id}': {
    delete: { tags, summary: '删除我保存的一个搜索', parameters: [idParam('已保存搜索编号')], responses: { '200': jsonResponse('deleted', undefined, { ok: true }), ...errorResponses(401, 404) } },
  },
};
