import { periodParams } from '../analytics/analytics-openapi.js';
import { errorResponses, jsonBody, jsonResponse } from '../web/openapi/helpers.js';
import { linkDecisionBody } from './collision-schemas.js';
import { HEAD_START_GLOSSARY } from './head-start-report.js';
import { linkedTicketExample } from './linked-ticket-view.js';

const tags = ['collision'];
const counts = { leads: 412, unreported: 371, unreportedShare: 0.9005, reported: 41, laterTicket: 58, leadHoursMedian: 30.5, leadHoursP90: 161 };
const headStartExample = {
  period: { from: '2026-11-01', to: '2026-11-30', district: null },
  totals: counts,
  categories: [{ code: 'municipal', name: '市政公用', ...counts }],
  glossary: HEAD_START_GLOSSARY,
  figures: [{
    id: 'head-start-by-category', title: '未诉先办（按分类）', chart: 'bar',
    columns: ['分类', '线索数', '未诉先办', '未诉先办占比（%）', '已诉', '之后收到热线工单', '提前量中位数（小时）', '提前量 P90（小时）'],
    rows: [['市政公用', 412, 371, 90.1, 41, 58, 30.5, 161]], drill: [{ from: '2026-11-01', to: '2026-11-30', category: 'municipal' }],
  }],
};
const linkParams = [
  { name: 'id', in: 'path', required: true, schema: { type: 'integer', minimum: 1 }, example: 4182 },
  { name: 'linkId', in: 'path', required: true, schema: { type: 'integer', minimum: 1 }, example: 31 },
];
const decision = (confirm: boolean) => ({
  post: {
    tags,
    summary: confirm
      ? '确认线索与 12345 热线工单的关联（核实员、监督员、管理员）；也可恢复被撤销的关联，写入审计'
      : '撤销线索与 12345 热线工单的关联：两件事而非一件；此后系统不再把这张工单关联到这条线索，写入审计',
    parameters: linkParams,
    requestBody: { ...jsonBody(linkDecisionBody, { note: confirm ? '核实同一路段同一盏路灯' : '工单说的是宝民二路，不是同一处' }), required: false },
    responses: {
      '200': jsonResponse('the lead\'s 已诉/未诉 and links', undefined, { reported: !confirm, label: confirm ? '已诉' : '未诉', tickets: [{ ...linkedTicketExample, state: confirm ? 'confirmed' : 'undone', state_label: confirm ? '已人工确认' : '已撤销' }] }),
      '409': { description: '已是该状态，或工单已关联到另一条线索', content: { 'application/json': { example: { error: { message: '热线工单 BA2611200417 已关联到另一条线索；请先在那条线索上撤销关联，再确认这一条' } } } } },
      ...errorResponses(400, 401, 403, 404),
    },
  },
});

export const collisionOpenapi: Record<string, unknown> = {
  '/api/collision/head-start': {
    get: {
      tags,
      summary: '未诉先办：统计期内的线索中，有多少在任何 12345 工单之前被发现，占比，以及比之后的首张热线工单提前多少小时（中位数、P90）；按分类（监督员、管理员、核实员可读）',
      description: Object.values(HEAD_START_GLOSSARY).join('\n'),
      parameters: periodParams,
      responses: { '200': jsonResponse('the report', undefined, headStartExample), ...errorResponses(400, 401) },
    },
  },
  '/api/collision/head-start.csv': {
    get: {
      tags,
      summary: '未诉先办的分类表导出为 CSV（UTF-8 带 BOM）',
      parameters: [...periodParams, { name: 'figure', in: 'query', required: true, schema: { type: 'string' }, example: 'head-start-by-category' }],
      responses: { '200': { description: 'CSV', content: { 'text/csv': { schema: { type: 'string' }, example: '\uFEFF分类,线索数,未诉先办,…\r\n市政公用,412,371,…\r\n' } } }, ...errorResponses(400, 401, 404) },
    },
  },
  '/api/leads/{id}/ticket-links/{linkId}/confirm': decision(true),
  '/api/leads/{id}/ticket-links/{linkId}/undo': decision(false),
};
