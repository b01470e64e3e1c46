import { get } from './api.js';
import { disposeCharts, figureBlock } from './charts.js';
import { h, time } from './dom.js';

const TREND = { new: '新出现', rising: '上升', steady: '持续' };
const where = (x) => [x.district, x.street, x.place].filter(Boolean).join(' ') || '未定位';
const signed = (n) => (n > 0 ? `+${n}` : String(n));
const pct = (v) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);

function table(id, heads, rows, empty) {
  return h('table', { class: 'list', id },
    h('thead', null, h('tr', null, heads.map((t) => h('th', null, t)))),
    h('tbody', null, rows.length ? rows.map((r) => h('tr', null, r.map((c) => h('td', null, c)))) : h('tr', null, h('td', { colspan: heads.length, class: 'empty' }, empty))));
}

/** One 每周一议 report as generated: figures with tables and CSV, the lists, PDF. `?print=1` is the page the PDF prints. */
export async function renderReport(main, [id], search) {
  const r = await get(`/api/analytics/reports/${id}`);
  const printing = search.get('print') === '1';
  const t = r.totals;
  const p = r.previousTotals;
  const leadsHref = (filter) => `/analytics/leads?${new URLSearchParams({ from: r.period.from, to: r.period.to, ...(r.period.district ? { district: r.period.district } : {}), ...filter })}`;
  if (printing) document.body.classList.add('printing');
  main.append(h('article', { class: 'report' },
    h('div', { class: 'page-head' }, h('h1', null, '每周一议'), printing ? null : h('a', { href: `/api/analytics/reports/${r.id}/pdf`, download: '', id: 'report-pdf' }, '下载 PDF'), printing ? null : h('a', { href: '/reports', 'data-nav': '', class: 'back' }, '← 全部报告')),
    h('p', { id: 'report-period' }, `统计区间：${r.period.from} 至 ${r.period.to}（北京时间）· ${r.period.district ?? '全市'}；对比上期 ${r.previous.from} 至 ${r.previous.to}。生成于 ${time(r.generatedAt)}。`),
    h('h2', null, '一、总体情况'),
    table('report-totals', ['指标', '本期', '上期', '变化'], [
      ['发现线索', t.leads, p.leads, signed(t.leads - p.leads)], ['已确认', t.confirmed, p.confirmed, signed(t.confirmed - p.confirmed)],
      ['工单', t.orders, p.orders, signed(t.orders - p.orders)], ['按时派发率', pct(t.dispatchOnTimeShare), pct(p.dispatchOnTimeShare), ''],
      ['一次派发成功率', pct(t.firstDispatchShare), pct(p.firstDispatchShare), ''], ['当前超时工单', t.overdueNow, '—', ''],
    ], ''),
    h('h2', null, '二、高频问题'),
    table('report-top', ['事项', '本期', '上期', '变化'], r.topProblems.map((x) => [h('a', { href: leadsHref(x.filter), 'data-nav': '' }, x.label), x.current, x.previous, signed(x.change)]), '本期没有线索。'),
    h('h2', null, '三、热点与类案'),
    table('report-hotspots', ['地点', '线索', '趋势'], r.hotspots.map((x) => [h('a', { href: leadsHref(x.filter), 'data-nav': '' }, where(x)), x.count, TREND[x.trend]]), '本期没有热点。'),
    table('report-recurrences', ['反复投诉：地点', '分类', '已办结工单', '再现'], r.recurrences.map((x) => [where(x), x.categoryName, x.resolvedOrder, x.count]), '本期没有办结后再现的问题。'),
    table('report-classes', ['全市类案：事项', '本期', '上期', '上升的区'], r.classes.map((x) => [`${x.categoryName} · ${x.subItemName}`, x.current, x.previous, x.districts.map((d) => d.district).join('、')]), '本期没有多区上升的事项。'),
    h('h2', null, '四、超时工单'),
    h('p', null, `生成时共 ${r.overdue.total} 张工单超过当前环节时限${r.overdue.total > r.overdue.orders.length ? `，下表列出最早到期的 ${r.overdue.orders.length} 张` : ''}。`),
    table('report-overdue', ['工单', '状态', '分类 · 事项', '责任单位', '位置', '时限'], r.overdue.orders.map((o) => [h('a', { href: `/work-orders/${o.number}`, 'data-nav': '' }, o.number), o.status, `${o.category} · ${o.subItem}`, o.department, o.where, time(o.dueAt)]), '没有超时工单。'),
    h('h2', null, '五、督办工单'),
    supervisedSection(r.supervised),
    h('h2', null, '六、图表'),
    r.figures.map((fig) => figureBlock(fig, { csvHref: `/api/analytics/reports/${r.id}/csv?figure=${fig.id}`, drillHref: leadsHref }))));
  if (printing) {
    for (const d of main.querySelectorAll('details')) d.open = true;
    // charts draw on the next frame; the PDF printer waits for this marker
    requestAnimationFrame(() => requestAnimationFrame(() => main.append(h('span', { id: 'report-ready', hidden: true }))));
  }
  return { leave: disposeCharts };
}

/** 督办 at generation; a report made before this section existed says so instead of showing none. */
function supervisedSection(s) {
  if (!s) return h('p', { class: 'muted' }, '这份报告生成时还没有督办统计。');
  return [
    h('p', null, `生成时共 ${s.total} 张工单处于督办中${s.total > s.orders.length ? `，下表列出最近督办的 ${s.orders.length} 张` : ''}。`),
    table('report-supervised', ['工单', '督办原因', '督办意见', '督办时间'], s.orders.map((o) => [h('a', { href: `/work-orders/${o.number}`, 'data-nav': '' }, o.number), o.reason, o.note, time(o.since)]), '没有督办中的工单。'),
  ];
}
