import { errorResponses, jsonResponse } from '../web/openapi/helpers.js';
import { GLOSSARY } from './overview.js';

const tags = ['analytics'];
const q = (name: string, description: string, example: unknown, schema: Record<string, unknown> = { type: 'string' }, required = false) => ({ name, in: 'query', required, description, schema, example });
const day = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' };
export const periodParams = [
  q('from', '起始日（北京时间，含）；默认结束日前 29 天', '2026-11-01', day),
  q('to', '结束日（北京时间，含）；默认今天', '2026-11-30', day),
  q('district', '只统计这个区', '宝安区'),
];
const period = { from: '2026-11-01', to: '2026-11-30', district: null };

export const overviewExample = {
  period,
  generatedAt: '2026-12-01T00:30:00.000Z',
  totals: {
    posts: 182344, leads: 5120, pending: 210, confirmed: 3870, rejected: 960, merged: 80, orders: 3870, overdueNow: 41,
    dispatchedOnTime: 3790, dispatchJudged: 3850, dispatchOnTimeShare: 0.9844, firstDispatchOk: 3795, firstDispatchShare: 0.9806,
  },
  figures: [
    { id: 'trend_day', title: '按日趋势', chart: 'line', columns: ['日期', '采集帖子', '发现线索', '已确认', '已驳回'], rows: [['2026-11-01', 6012, 170, 128, 30]], drill: [{ from: '2026-11-01', to: '2026-11-01' }] },
  ],
  glossary: GLOSSARY.slice(0, 1),
};

const leadItem = {
  id: 4182, status: 'confirmed', category: 'municipal', categoryName: '市政公用', subItem: 'municipal.manhole', subItemName: '井盖缺失破损', urgency: 'urgent',
  district: '宝安区', street: '西乡街道', place: '固戍地铁站A出口', summary: '固戍地铁站A出口的井盖没了，晚上很危险', discoveredAt: '2026-11-21T00:31:00.000Z', workOrder: 'GD20261121-000123',
};

export const analyticsOpenapi: Record<string, unknown> = {
  '/api/analytics/overview': {
    get: {
      tags,
      summary: '总览：一个统计区间（和区）内的采集、线索、工单数字，按日/周趋势和各维度分列，以及每个数字的统计口径',
      description: '每个图表 figures[] 同时给出表格（columns、rows）和每行对应的明细筛选（drill，用于 /api/analytics/leads）。',
      parameters: periodParams,
      responses: { '200': jsonResponse('the overview', undefined, overviewExample), ...errorResponses(400, 401, 403) },
    },
  },
  '/api/analytics/overview.csv': {
    get: {
      tags,
      summary: '总览中一个图表的表格，CSV（UTF-8 带 BOM）',
      parameters: [...periodParams, q('figure', '图表编号（figures[].id）', 'by_category', { type: 'string' }, true)],
      responses: {
        '200': { description: 'CSV', content: { 'text/csv': { schema: { type: 'string' }, example: '\uFEFF分类,线索,已确认,已驳回\r\n市政公用,812,640,120\r\n' } } },
        ...errorResponses(400, 401, 403, 404),
      },
    },
  },
  '/api/analytics/leads': {
    get: {
      tags,
      summary: '图表、热点或地图背后的线索明细（最新在前），用 before 游标分页',
      parameters: [
        ...periodParams,
        q('street', '街道', '西乡街道'), q('place', '地点', '固戍地铁站A出口'), q('category', '分类代码', 'municipal'), q('sub_item', '事项代码', 'municipal.manhole'),
        q('unplaced', '只看未定位到区的线索', '1', { type: 'string', enum: ['1'] }), q('before', '上一页的 nextBefore', 4100, { type: 'integer' }), q('limit', '1–200，默认 50', 50, { type: 'integer' }),
      ],
      responses: { '200': jsonResponse('a page of leads', undefined, { period, total: 1, items: [leadItem], nextBefore: null }), ...errorResponses(400, 401, 403) },
    },
  },
};
