import { get } from './api.js';
import { catalogue } from './app.js';
import { disposeCharts, figureBlock } from './charts.js';
import { h } from './dom.js';
import { asOfNote, periodForm, periodQuery } from './period-form.js';

const pct = (v) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);

/** 总览: a period's numbers, trends and breakdowns, each chart with its table and CSV, and how each is counted. */
export async function renderOverview(main, _params, search) {
  const [cat, o] = await Promise.all([catalogue(), get(`/api/analytics/overview?${new URLSearchParams([...search].filter(([k]) => ['from', 'to', 'district'].includes(k)))}`)]);
  const t = o.totals;
  const card = (label, value, note) => h('div', { class: 'stat' }, h('div', { class: 'stat-value' }, String(value)), h('div', { class: 'stat-label' }, label), note ? h('div', { class: 'muted' }, note) : null);
  main.append(h('section', { class: 'overview' },
    h('div', { class: 'page-head' }, h('h1', null, '总览'), h('span', { class: 'muted', id: 'overview-period' }, `${o.period.from} 至 ${o.period.to}（北京时间）· ${o.period.district ?? '全市'}`), asOfNote(o.asOf, '工单数据')),
    periodForm('/overview', search, cat.districts),
    h('div', { class: 'stats', id: 'overview-totals' },
      card('采集帖子', t.posts), card('发现线索', t.leads), card('已确认', t.confirmed), card('已驳回', t.rejected), card('待核实', t.pending),
      card('工单', t.orders), card('按时派发率', pct(t.dispatchOnTimeShare), `${t.dispatchedOnTime} / ${t.dispatchJudged}`),
      card('一次派发成功率', pct(t.firstDispatchShare), `${t.firstDispatchOk} / ${t.orders}`), card('当前超时工单', t.overdueNow)),
    o.figures.map((fig) => figureBlock(fig, {
      csvHref: `/api/analytics/overview.csv?${periodQuery(o.period, { figure: fig.id })}`,
      drillHref: (drill) => `/analytics/leads?${periodQuery(o.period, drill)}`,
    })),
    h('section', { class: 'glossary', id: 'glossary' }, h('h2', null, '统计口径'), h('dl', null, o.glossary.map((g) => [h('dt', null, g.term), h('dd', null, g.how)])))));
  return { leave: disposeCharts };
}
