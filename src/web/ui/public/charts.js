// Supervisors' figures: an ECharts chart (served by the app from node_modules, never a CDN), the same
// numbers as a table, and a CSV link. Chart text is drawn on the canvas (tooltips in richText mode)
// and every formatter returns plain text, so markup in place names or lead text is never parsed as HTML.
import * as echarts from '/assets/vendor/echarts.esm.min.mjs';
import { navigate } from './app.js';
import { h } from './dom.js';

const charts = new Set();
window.addEventListener('resize', () => charts.forEach((c) => c.resize()));

/** Plain text for a chart label: rich-text markers ({style|…}) made literal, length capped. */
export function chartText(value, max = 24) {
  const s = String(value ?? '').replace(/[{}|]/g, (c) => ({ '{': '｛', '}': '｝', '|': '｜' })[c]);
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

/** Disposes the charts of the page being left. */
export function disposeCharts() {
  charts.forEach((c) => c.dispose());
  charts.clear();
}

function lineOrBar(fig) {
  const labels = fig.rows.map((r) => chartText(r[0]));
  const series = fig.columns.slice(1).map((name, i) => ({
    name: chartText(name), type: fig.chart === 'line' ? 'line' : 'bar', data: fig.rows.map((r) => r[i + 1]),
  }));
  const horizontal = fig.chart === 'bar' && fig.rows.length > 6;
  const cat = { type: 'category', data: horizontal ? [...labels].reverse() : labels, axisLabel: { formatter: (v) => chartText(v, 14) } };
  const val = { type: 'value', minInterval: 1 };
  if (horizontal) series.forEach((s) => s.data.reverse());
  return {
    tooltip: { trigger: 'axis', renderMode: 'richText', formatter: (items) => [chartText(items[0].name, 40), ...items.map((i) => `${chartText(i.seriesName)}：${i.value ?? '—'}`)].join('\n') },
    legend: { top: 0, formatter: (n) => chartText(n) },
    grid: { left: horizontal ? 120 : 48, right: 24, top: 36, bottom: 32, containLabel: false },
    xAxis: horizontal ? val : cat,
    yAxis: horizontal ? cat : val,
    series,
  };
}

/** A chart of `option` in a new element; `onClick(dataIndex, name)` for drill-down. */
export function chart(option, { height = 280, onClick, label = '图表' } = {}) {
  const el = h('div', { class: 'chart', role: 'img', 'aria-label': label });
  el.style.height = `${height}px`;
  requestAnimationFrame(() => {
    if (!el.isConnected) return;
    const c = echarts.init(el, null, { renderer: 'canvas', locale: 'ZH' });
    c.setOption({ animation: false, textStyle: { fontFamily: 'sans-serif' }, ...option });
    if (onClick) c.on('click', (p) => onClick(p.dataIndex, p.name));
    charts.add(c);
  });
  return el;
}

/**
 * One figure: title, chart, table (rows link to their list when `drillHref` gives one) and CSV.
 * Horizontal bars list the largest at the top, so their click index counts from the end.
 */
export function figureBlock(fig, { csvHref, drillHref }) {
  const href = (i) => (drillHref && fig.drill[i] ? drillHref(fig.drill[i]) : null);
  const horizontal = fig.chart === 'bar' && fig.rows.length > 6;
  const onClick = drillHref && ((i) => {
    const link = href(horizontal ? fig.rows.length - 1 - i : i);
    if (link) navigate(link);
  });
  const table = h('table', { class: 'list figure-table' },
    h('thead', null, h('tr', null, fig.columns.map((c) => h('th', null, c)))),
    h('tbody', null, fig.rows.length === 0
      ? h('tr', null, h('td', { colspan: fig.columns.length, class: 'empty' }, '区间内没有数据'))
      : fig.rows.map((r, i) => h('tr', null, r.map((v, j) => h('td', { class: j ? 'num' : null }, j === 0 && href(i) ? h('a', { href: href(i), 'data-nav': '' }, String(v)) : v ?? '—'))))));
  return h('section', { class: 'figure', id: `figure-${fig.id}` },
    h('div', { class: 'figure-head' }, h('h2', null, fig.title), h('a', { href: csvHref, download: '', class: 'csv' }, '下载 CSV')),
    fig.rows.length ? chart(lineOrBar(fig), { onClick, label: fig.title }) : null,
    h('details', { class: 'figure-data' }, h('summary', null, '数据表'), table));
}
