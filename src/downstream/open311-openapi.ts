const tags = ['Open311 GeoReport v2'];
const security = [{ apiKey: [] }];
const serviceExample = { service_code: 'municipal.manhole', service_name: '井盖缺失破损', description: '市政公用 / 井盖缺失破损', metadata: false, type: 'realtime', keywords: '', group: '市政公用' };
const requestExample = {
  service_request_id: 'GD20261121-000123', status: 'open', status_notes: '按责任清单（municipal）派发至 宝安区城市管理和综合执法局', service_name: '井盖缺失破损',
  service_code: 'municipal.manhole', description: '【市政公用 / 井盖缺失破损】宝安区 西乡街道 固戍地铁站A出口……', agency_responsible: '宝安区城市管理和综合执法局',
  service_notice: '宝安区城市管理和综合执法局 处理中，本环节时限 2026-11-21T09:44:10+08:00', requested_datetime: '2026-11-21T08:44:10+08:00',
  updated_datetime: '2026-11-21T08:44:10+08:00', expected_datetime: '2026-11-21T09:44:10+08:00', address: '深圳市宝安区西乡街道固戍地铁站A出口',
  address_id: null, zipcode: null, lat: 22.5553, long: 113.883, media_url: null,
};
const xmlRequests = `<?xml version="1.0" encoding="utf-8"?>\n<service_requests>\n  <request>\n    <service_request_id>GD20261121-000123</service_request_id>\n    <status>open</status>\n    <agency_responsible>宝安区城市管理和综合执法局</agency_responsible>\n    <requested_datetime>2026-11-21T08:44:10+08:00</requested_datetime>\n    ...\n  </request>\n</service_requests>`;
const errs = {
  '400': { description: 'bad parameter', content: { 'application/json': { example: [{ code: 400, description: 'query.start_date: Invalid ISO datetime' }] } } },
  '401': { description: 'API key missing, unknown or revoked', content: { 'application/json': { example: [{ code: 401, description: 'API key unknown or revoked; ask an admin for a new key' }] } } },
};
const both = (json: unknown, xml: string) => ({ 'application/json': { example: json }, 'application/xml': { example: xml } });
const keyParam = { name: 'api_key', in: 'query', required: false, description: 'alternative to the Authorization header (Open311 convention)', schema: { type: 'string' }, example: 'crk_...' };

export const open311Openapi: Record<string, unknown> = {
  '/open311/v2/services.{format}': {
    get: {
      tags, security, summary: '服务列表：分类和事项（格式 json 或 xml）',
      parameters: [{ name: 'format', in: 'path', required: true, schema: { type: 'string', enum: ['json', 'xml'] }, example: 'json' }, keyParam],
      responses: { '200': { description: 'services', content: both([serviceExample], '<?xml version="1.0" encoding="utf-8"?>\n<services>\n  <service>\n    <service_code>municipal.manhole</service_code>\n    ...\n  </service>\n</services>') }, ...errs },
    },
  },
  '/open311/v2/requests.{format}': {
    get: {
      tags, security,
      summary: '服务请求（工单），最新在前，最多 1000 条；不带日期时为最近 90 天。带 service_request_id 时忽略其他筛选条件',
      parameters: [
        { name: 'format', in: 'path', required: true, schema: { type: 'string', enum: ['json', 'xml'] }, example: 'xml' },
        { name: 'service_request_id', in: 'query', schema: { type: 'string' }, description: 'comma-separated', example: 'GD20261121-000123,GD20261121-000124' },
        { name: 'service_code', in: 'query', schema: { type: 'string' }, description: 'comma-separated category or sub-item codes', example: 'municipal,road.pothole' },
        { name: 'start_date', in: 'query', schema: { type: 'string', format: 'date-time' }, example: '2026-11-01T00:00:00+08:00' },
        { name: 'end_date', in: 'query', schema: { type: 'string', format: 'date-time' }, example: '2026-11-30T23:59:59+08:00' },
        { name: 'status', in: 'query', schema: { type: 'string' }, description: 'open, closed or both comma-separated', example: 'open' },
        keyParam,
      ],
      responses: { '200': { description: 'requests', content: both([requestExample], xmlRequests) }, ...errs },
    },
  },
  '/open311/v2/requests/{id}.{format}': {
    get: {
      tags, security, summary: '单个服务请求（按规范返回只含一项的列表）',
      parameters: [
        { name: 'id', in: 'path', required: true, schema: { type: 'string' }, example: 'GD20261121-000123' },
        { name: 'format', in: 'path', required: true, schema: { type: 'string', enum: ['json', 'xml'] }, example: 'json' },
        keyParam,
      ],
      responses: { '200': { description: 'the request', content: both([requestExample], xmlRequests) }, '404': { description: 'no such request', content: { 'application/json': { example: [{ code: 404, description: 'service request GD20261121-999999 not found' }] } } }, ...errs },
    },
  },
};
