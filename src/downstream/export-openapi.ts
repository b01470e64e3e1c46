/** GeoJSON feature properties as exports write them (the column keys of exports.ts). */
const PROPERTIES = {
  'work-orders': {
    number: 'GD20261121-000123', status: '已派发', category: '市政公用', sub_item: '井盖缺失破损', department: '宝安区城市管理和综合执法局', urgency: '紧急',
    district: '宝安区', street: '西乡街道', place: '固戍地铁站A出口', description: '【市政公用 / 井盖缺失破损】宝安区 西乡街道 固戍地铁站A出口……',
    discovered_at: '2026-11-21 08:31:00', dispatch_deadline: '2026-11-21 09:01:00', dispatched_at: '2026-11-21 08:44:10', current_step_due: '2026-11-21 09:44:10',
    overdue: '否', resolved_at: null, created_at: '2026-11-21 08:44:10', updated_at: '2026-11-21 08:44:10', source_url: 'https://weibo.com/1234/Abc', public_interest_domains: null, location_precision: 'district',
  },
  leads: {
    lead_id: 4182, status: '已确认', category: '市政公用', sub_item: '井盖缺失破损', urgency: '紧急', district: '宝安区', street: '西乡街道', place: '固戍地铁站A出口',
    score: 0.82, heat: 3, post_count: 2, summary: '固戍地铁站A出口的井盖没了，晚上很危险', discovered_at: '2026-11-21 08:31:00', last_post_at: '2026-11-21 09:02:00',
    reject_reason: null, work_order: 'GD20261121-000123', source_url: 'https://weibo.com/1234/Abc', public_interest_domains: null, location_precision: 'district',
  },
};
const CSV = { 'work-orders': '\uFEFF工单编号,状态,分类,...\r\nGD20261121-000123,已派发,市政公用,...\r\n', leads: '\uFEFF线索ID,状态,分类,...\r\n4182,已确认,市政公用,...\r\n' };

const range = [
  { name: 'from', in: 'query', required: true, description: '起始时间（含）', schema: { type: 'string', format: 'date-time' }, example: '2026-11-01T00:00:00+08:00' },
  { name: 'to', in: 'query', required: true, description: '截止时间（不含）', schema: { type: 'string', format: 'date-time' }, example: '2026-12-01T00:00:00+08:00' },
];
const badRange = { description: 'bad range', content: { 'application/json': { example: { error: { message: '`from` must be before `to`', field: 'query.to' } } } } };

function operation(kind: 'work-orders' | 'leads', format: 'csv' | 'geojson', byKey: boolean) {
  const what = kind === 'leads' ? '[from, to) 内发现的线索' : '[from, to) 内创建的工单';
  const how = format === 'csv' ? 'CSV（UTF-8 带 BOM，可直接用 Excel 打开）' : 'GeoJSON（只含坐标已知的项：区中心点，精度 "district"）';
  const geo = { type: 'FeatureCollection', features: [{ type: 'Feature', geometry: { type: 'Point', coordinates: [113.883, 22.5553] }, properties: PROPERTIES[kind] }] };
  return {
    get: {
      tags: [byKey ? 'downstream' : 'exports'],
      ...(byKey ? { security: [{ apiKey: [] }] } : {}),
      summary: `${what}，导出为 ${how}`,
      parameters: range,
      responses: {
        '200': { description: 'the file', content: format === 'csv' ? { 'text/csv': { example: CSV[kind] } } : { 'application/geo+json': { example: geo } } },
        '400': badRange,
      },
    },
  };
}

export const exportOpenapi: Record<string, unknown> = {
  '/api/exports/work-orders.csv': operation('work-orders', 'csv', false),
  '/api/exports/work-orders.geojson': operation('work-orders', 'geojson', false),
  '/api/exports/leads.csv': operation('leads', 'csv', false),
  '/api/exports/leads.geojson': operation('leads', 'geojson', false),
  '/api/v1/exports/work-orders.csv': operation('work-orders', 'csv', true),
  '/api/v1/exports/work-orders.geojson': operation('work-orders', 'geojson', true),
};
