import { errorResponses, jsonBody, jsonResponse } from '../web/openapi/helpers.js';
import { topicBody } from './topics.js';
import { reportBody } from './weekly-report.js';
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
  asOf: '2026-12-01T00:30:00.000Z',
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

const ids = { leadIds: [4182, 4190, 4201], orders: ['GD20261121-000123'] };
export const hotspotsExample = {
  period,
  asOf: '2026-12-01T00:29:41.000Z',
  options: { level: 'place', windowDays: 7, minLeads: 3, classMinDistricts: 3, recurrenceDays: 180, limit: 100 },
  total: { hotspots: 1, recurrences: 1, classes: 1 },
  hotspots: [{
    level: 'place', district: '宝安区', street: '西乡街道', place: '碧海花园', count: 8, previous: 0, trend: 'new', windowStart: '2026-11-20T02:00:00.000Z', windowEnd: '2026-11-27T02:00:00.000Z',
    ...ids, categories: [{ category: 'noise', categoryName: '噪声扰民', n: 8 }], filter: { district: '宝安区', street: '西乡街道', place: '碧海花园' },
  }],
  recurrences: [{
    district: '宝安区', street: '西乡街道', place: '碧海花园', category: 'noise', categoryName: '噪声扰民', resolvedOrder: 'GD20261105-000031', resolvedAt: '2026-11-08T06:00:00.000Z', count: 3, ...ids,
    filter: { district: '宝安区', street: '西乡街道', place: '碧海花园', category: 'noise' },
  }],
  classes: [{
    category: 'road', categoryName: '道路设施', subItem: 'road.pothole', subItemName: '路面坑洼破损', current: 42, previous: 18,
    districts: [{ district: '宝安区', current: 15, previous: 5 }], leadIds: [4182, 4190], filter: { category: 'road', sub_item: 'road.pothole' },
  }],
  figures: [{ id: 'hotspots', title: '热点（地点 × 时间聚集）', chart: 'bar', columns: ['地点（趋势）', '时间窗内线索', '前一时间窗'], rows: [['宝安区 西乡街道 碧海花园（新出现）', 8, 0]], drill: [{ district: '宝安区', street: '西乡街道', place: '碧海花园' }] }],
};
const topicExample = { id: 3, name: '碧海花园噪声', kind: 'hotspot', filter: { district: '宝安区', place: '碧海花园' }, createdAt: '2026-12-01T02:00:00.000Z', recent: { from: '2026-11-02', to: '2026-12-01', leads: 8 } };

const reportId = { name: 'id', in: 'path', required: true, schema: { type: 'integer' }, example: 7 };
const reportExample = {
  id: 7, trigger: 'manual', generatedAt: '2026-11-30T00:00:00.000Z',
  period: { from: '2026-11-23', to: '2026-11-29', district: null }, previous: { from: '2026-11-16', to: '2026-11-22', district: null },
  totals: overviewExample.totals, previousTotals: overviewExample.totals,
  topProblems: [{ label: '市政公用 · 井盖缺失破损', current: 42, previous: 30, change: 12, filter: { category: 'municipal', sub_item: 'municipal.manhole' } }],
  hotspots: hotspotsExample.hotspots, recurrences: hotspotsExample.recurrences, classes: hotspotsExample.classes,
  overdue: { total: 41, orders: [{ number: 'GD20261121-000123', status: '已派发', category: '市政公用', subItem: '井盖缺失破损', department: '宝安区城市管理和综合执法局', where: '宝安区 西乡街道 固戍地铁站A出口', dueAt: '2026-11-21T01:44:10.000Z' }] },
  supervised: { total: 3, orders: [{ number: 'GD20261120-000087', reason: '多次退回', note: '两次退回，请区城管局说明原因并限期办结', since: '2026-11-21T02:10:00.000Z' }] },
  figures: [{ id: 'top_problems', title: '高频问题（本期与上期）', chart: 'bar', columns: ['事项', '本期线索', '上期线索'], rows: [['市政公用 · 井盖缺失破损', 42, 30]], drill: [{ category: 'municipal', sub_item: 'municipal.manhole' }] }],
};

export const analyticsOpenapi: Record<string, unknown> = {
  '/api/analytics/overview': {
    get: {
      tags,
      summary: '总览：一个统计区间（和区）内的采集、线索、工单数字，按日/周趋势和各维度分列，以及每个数字的统计口径',
      description: '每个图表 figures[] 同时给出表格（columns、rows）和每行对应的明细筛选（drill，用于 /api/analytics/leads）。asOf：工单数字对应的时刻；数据刚有变化时，先给出不超过 FIGURE_MAX_STALE_SECONDS 秒前的统计（asOf 为其统计时刻），同时在后台重新统计。',
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
  '/api/analytics/hotspots': {
    get: {
      tags,
      summary: '热点与类案：地点 × 时间的线索聚集（新出现 / 上升标记）、反复投诉（工单办结后同地同类再现）、全市类案（同一事项在多个区上升）',
      description: '每项给出线索编号、工单编号，以及列出其线索的筛选条件（filter，用于 /api/analytics/leads 或保存为关注专题）。asOf：结果对应的时刻；数据刚有变化时，先给出不超过 FIGURE_MAX_STALE_SECONDS 秒前的统计，同时在后台重新统计。',
      parameters: [
        ...periodParams,
        q('level', '聚集的地点层级：street 街道，place 社区或具体地点', 'place', { type: 'string', enum: ['street', 'place'] }),
        q('window_days', '时间窗（天），默认见配置 HOTSPOT_WINDOW_DAYS', 7, { type: 'integer' }),
        q('min_leads', '一个时间窗内至少多少条线索才算热点，默认见配置 HOTSPOT_MIN_LEADS', 3, { type: 'integer' }),
      ],
      responses: { '200': jsonResponse('hotspots, recurrences and classes', undefined, hotspotsExample), ...errorResponses(400, 401, 403) },
    },
  },
  '/api/analytics/map': {
    get: {
      tags,
      summary: '地图：各区的线索、已确认、工单和当前超时数（按区着色），边界数据（随应用发布）中是否有该区；选定区时另给出其街道表',
      parameters: periodParams,
      responses: {
        '200': jsonResponse('districts', undefined, {
          period: { ...period, district: '宝安区' },
          asOf: '2026-12-01T00:30:00.000Z',
          geo: '/assets/geo/shenzhen-districts.geo.json',
          areas: [{ district: '宝安区', leads: 812, confirmed: 640, orders: 640, overdueNow: 9, hasBoundary: true }],
          unplaced: 37,
          figures: [{ id: 'by_district', title: '按区', chart: 'bar', columns: ['区', '线索', '已确认', '工单', '当前超时'], rows: [['宝安区', 812, 640, 640, 9]], drill: [{ district: '宝安区' }] }],
        }),
        ...errorResponses(400, 401, 403),
      },
    },
  },
  '/api/analytics/map.csv': {
    get: {
      tags,
      summary: '地图的区表（by_district）或所选区的街道表（by_street），CSV（UTF-8 带 BOM）',
      parameters: [...periodParams, q('figure', 'by_district 或 by_street（需选定区）', 'by_district', { type: 'string' }, true)],
      responses: {
        '200': { description: 'CSV', content: { 'text/csv': { schema: { type: 'string' }, example: '\uFEFF区,线索,已确认,工单,当前超时\r\n宝安区,812,640,640,9\r\n' } } },
        ...errorResponses(400, 401, 403, 404),
      },
    },
  },
  '/api/analytics/hotspots.csv': {
    get: {
      tags,
      summary: '热点、反复投诉或全市类案的表格，CSV（UTF-8 带 BOM）',
      parameters: [...periodParams, q('figure', 'hotspots、recurrences 或 classes', 'hotspots', { type: 'string' }, true)],
      responses: {
        '200': { description: 'CSV', content: { 'text/csv': { schema: { type: 'string' }, example: '\uFEFF地点（趋势）,时间窗内线索,前一时间窗\r\n宝安区 西乡街道 碧海花园（新出现）,8,0\r\n' } } },
        ...errorResponses(400, 401, 403, 404),
      },
    },
  },
  '/api/analytics/topics': {
    get: {
      tags,
      summary: '关注的专题，以及每个专题近 30 天的线索数',
      responses: { '200': jsonResponse('topics', undefined, { items: [topicExample] }), ...errorResponses(401, 403) },
    },
    post: {
      tags,
      summary: '把热点、反复投诉或类案保存为关注的专题（记入审计）',
      requestBody: jsonBody(topicBody, { name: '碧海花园噪声', kind: 'hotspot', filter: { district: '宝安区', place: '碧海花园' } }),
      responses: { '201': jsonResponse('the topic', undefined, topicExample), ...errorResponses(400, 401, 403) },
    },
  },
  '/api/analytics/topics/{id}': {
    delete: {
      tags,
      summary: '取消关注一个专题（记入审计）',
      parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' }, example: 3 }],
      responses: { '200': jsonResponse('deleted', undefined, { deleted: 3 }), ...errorResponses(401, 403, 404) },
    },
  },
  '/api/analytics/reports': {
    get: {
      tags,
      summary: '每周一议报告列表（保留最近 N 份，最新在前）',
      responses: { '200': jsonResponse('reports', undefined, { keep: 12, items: [{ id: 7, from: '2026-11-23', to: '2026-11-29', trigger: 'schedule', generatedAt: '2026-11-30T00:00:00.000Z' }] }), ...errorResponses(401, 403) },
    },
    post: {
      tags,
      summary: '为任意统计区间（和区）立即生成一份报告',
      requestBody: jsonBody(reportBody, { from: '2026-11-23', to: '2026-11-29' }),
      responses: { '201': jsonResponse('the report', undefined, reportExample), ...errorResponses(400, 401, 403) },
    },
  },
  '/api/analytics/reports/{id}': {
    get: {
      tags,
      summary: '一份报告：高频问题及变化、热点与类案、超时工单和图表（生成时的数字）',
      parameters: [reportId],
      responses: { '200': jsonResponse('the report', undefined, reportExample), ...errorResponses(401, 403, 404) },
    },
  },
  '/api/analytics/reports/{id}/pdf': {
    get: {
      tags,
      summary: '报告的 PDF（由无头 Chromium 打印报告页）',
      parameters: [reportId],
      responses: { '200': { description: 'PDF', content: { 'application/pdf': { schema: { type: 'string', format: 'binary' }, example: '%PDF-1.4 …' } } }, ...errorResponses(401, 403, 404) },
    },
  },
  '/api/analytics/reports/{id}/csv': {
    get: {
      tags,
      summary: '报告中一个图表的表格，CSV（UTF-8 带 BOM）',
      parameters: [reportId, q('figure', 'top_problems、trend_day、by_district 或 hotspots', 'top_problems', { type: 'string' }, true)],
      responses: { '200': { description: 'CSV', content: { 'text/csv': { schema: { type: 'string' }, example: '\uFEFF事项,本期线索,上期线索\r\n市政公用 · 井盖缺失破损,42,30\r\n' } } }, ...errorResponses(400, 401, 403, 404) },
    },
  },
};
