import { errorResponses, jsonBody, jsonResponse } from '../web/openapi/helpers.js';
import { PUSH_MAX_ROWS, pushBody } from './ticket-schemas.js';

const tags = ['tickets'];
const idParam = { name: 'id', in: 'path', required: true, description: '导入编号', schema: { type: 'integer' }, example: 12 };
const importExample = {
  id: 12, source: 'demo-hotline', origin: 'file', file_name: '12345工单-2026年12月.xlsx', format: 'xlsx', status: 'done',
  rows: { read: 10412, inserted: 9870, updated: 512, unchanged: 0, rejected: 30 }, error: null, by: '张管理', started_at: '2026-12-07T01:05:00.000Z', finished_at: '2026-12-07T01:05:09.000Z',
};
const pushExample = {
  source: 'demo-hotline',
  tickets: [
    { 工单编号: 'GD20261207-0001', 受理时间: '2026-12-07 09:05:00', 诉求内容: '小区门口垃圾堆积好几天没人清理', 所属区: '南山区', 办理状态: '已受理' },
    { 工单编号: 'GD20261207-0002', 受理时间: '昨天', 诉求内容: '楼下烧烤店油烟太大' },
  ],
};
const pushResult = {
  import_id: 13, accepted: 1, rejected: 1,
  results: [
    { row: 1, ticket_no: 'GD20261207-0001', status: 'inserted' },
    { row: 2, status: 'rejected', field: 'received_at', expected: '时间（YYYY-MM-DD HH:mm:ss、YYYY/M/D H:mm，或带时区的 ISO 8601）', received: '"昨天"', message: '第 2 条：字段“受理时间”（受理时间 / 来电时间）应为时间（…），实际为"昨天"' },
  ],
};

export const ticketOpenapi: Record<string, unknown> = {
  '/api/v1/tickets': {
    post: {
      tags,
      summary: `热线系统推送工单（API 密钥，权限 tickets:push）：一次最多 ${PUSH_MAX_ROWS} 条，键为来源文件（rules/ticket-sources/<source>.yaml）中的列名；逐条答复 inserted / updated / unchanged / rejected（字段、应为、实际）。同一工单编号再推送只更新、不重复；可带 Idempotency-Key。全部被拒时为 422`,
      parameters: [{ name: 'Idempotency-Key', in: 'header', required: false, description: '重试时带同一个键，只执行一次', schema: { type: 'string' }, example: '7f9c2ba4-e88f-4e8e-9a3b-1a7c1c3f0d52' }],
      requestBody: jsonBody(pushBody, pushExample),
      responses: {
        '200': jsonResponse('per-row results', undefined, pushResult),
        '422': jsonResponse('every row rejected', undefined, { ...pushResult, accepted: 0, rejected: 1, results: [pushResult.results[1]] }),
        ...errorResponses(400, 401, 403, 404),
      },
    },
  },
  '/api/tickets/sources': {
    get: { tags, summary: '热线来源（rules/ticket-sources/）：代码和名称；读不出的文件给出错误', responses: { '200': jsonResponse('sources', undefined, { items: [{ key: 'demo-hotline', name: '示范市12345热线', error: null }] }), ...errorResponses(401, 403) } },
  },
  '/api/tickets/imports': {
    get: {
      tags, summary: '导入记录（文件和推送），最新在前（管理员、监督员）',
      parameters: [{ name: 'limit', in: 'query', required: false, description: '1–200，默认 50', schema: { type: 'integer' }, example: 50 }],
      responses: { '200': jsonResponse('imports', undefined, { items: [importExample] }), ...errorResponses(400, 401, 403) },
    },
    post: {
      tags,
      summary: '上传热线导出文件（管理员）：请求体为文件本身（application/octet-stream），最大 200 MB；立即答复 202 和导入记录，之后在导入记录中看进度',
      parameters: [
        { name: 'source', in: 'query', required: true, description: '热线来源代码', schema: { type: 'string' }, example: 'demo-hotline' },
        { name: 'filename', in: 'query', required: true, description: '文件名，扩展名决定格式：.csv .txt .xlsx .jsonl .ndjson', schema: { type: 'string' }, example: '12345工单-2026年12月.xlsx' },
      ],
      requestBody: { required: true, content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' }, example: '工单编号,受理时间,诉求内容,所属区\r\nGD20261207-0001,2026/12/7 9:05,小区门口垃圾堆积好几天没人清理,南山区\r\n' } } },
      responses: { '202': jsonResponse('the import, running', undefined, { ...importExample, status: 'running', rows: { read: 0, inserted: 0, updated: 0, unchanged: 0, rejected: 0 }, finished_at: null }), ...errorResponses(400, 401, 403, 404) },
    },
  },
  '/api/tickets/imports/{id}': {
    get: { tags, summary: '一次导入的进度和计数', parameters: [idParam], responses: { '200': jsonResponse('the import', undefined, importExample), ...errorResponses(400, 401, 403, 404) } },
  },
  '/api/tickets/imports/{id}/rejects.csv': {
    get: {
      tags, summary: '未导入的行（CSV，Excel 可直接打开）：行号、字段、应为、实际、说明', parameters: [idParam],
      responses: { '200': { description: 'CSV', content: { 'text/csv': { schema: { type: 'string' }, example: '\uFEFF行号,字段,应为,实际,说明\r\n3,工单编号（ticket_no）,非空文本,空,第 3 行：字段“工单编号”（工单编号 / 工单号）应为非空文本，实际为空\r\n' } } }, ...errorResponses(400, 401, 403, 404) },
    },
  },
};
