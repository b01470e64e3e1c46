import { get } from './api.js';
import { catalogue } from './app.js';
import { disposeCharts, figureBlock } from './charts.js';
import { h } from './dom.js';
import { periodForm, periodQuery } from './period-form.js';

const pct = (v) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);
const hours = (v) => (v === null ? '—' : `${v} 小时`);
const GLOSSARY = { leads: '线索数', unreported: '未诉先办', reported: '已诉', laterTicket: '之后收到热线工单' };

/** 未诉先办: of a period's leads, how many were found before any 12345 ticket, and how long before. */
export async function renderHeadStart(main, _params, search) {
  const [cat, r] = await Promise.all([catalogue(), get(`/api/collision/head-start?${new URLSearchParams([...search].filter(([k]) => ['from', 'to', 'district'].includes(k)))}`)]);
  const t = r.totals;
  const card = (label, value, note) => h('div', { class: 'stat' }, h('div', { class: 'stat-value' }, String(value)), h('div', { class: 'stat-label' }, label), note ? h('div', { class: 'muted' }, note) : null);
  main.append(h('section', { class: 'overview head-start' },
    h('div', { class: 'page-head' }, h('h1', null, '未诉先办'), h('span', { class: 'muted', id: 'head-start-period' }, `${r.period.from} 至 ${r.period.to}（北京时间）· ${r.period.district ?? '全市'}`)),
    periodForm('/head-start', search, cat.districts),
    h('div', { class: 'stats', id: 'head-start-totals' },
      card('线索数', t.leads), card('未诉先办', t.unreported, `占 ${pct(t.unreportedShare)}`), card('已诉', t.reported),
      card('之后收到热线工单', t.laterTicket), card('提前量中位数', hours(t.leadHoursMedian)), card('提前量 P90', hours(t.leadHoursP90))),
    r.figures.map((fig) => figureBlock(fig, {
      csvHref: `/api/collision/head-start.csv?${periodQuery(r.period, { figure: fig.id })}`,
      drillHref: (drill) => `/analytics/leads?${periodQuery(r.period, drill)}`,
    })),
    h('section', { class: 'glossary', id: 'glossary' }, h('h2', null, '统计口径'),
      h('dl', null, Object.entries(r.glossary).map(([k, how]) => [h('dt', null, GLOSSARY[k] ?? k), h('dd', null, how)])))));
  return { leave: disposeCharts };
}
