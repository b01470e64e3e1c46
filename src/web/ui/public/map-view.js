import * as echarts from '/assets/vendor/echarts.esm.min.mjs';
import { get } from './api.js';
import { catalogue, navigate } from './app.js';
import { chart, chartText, disposeCharts, figureBlock } from './charts.js';
import { h } from './dom.js';
import { asOfNote, periodForm, periodQuery } from './period-form.js';

let geo;
/** The district boundaries shipped with the app, registered with ECharts once. */
async function shenzhen(url) {
  geo ??= await fetch(url, { credentials: 'same-origin' }).then((r) => r.json()).then((g) => (echarts.registerMap('深圳', g), g));
  return geo;
}

/** 地图: districts coloured by leads in the period; a click opens the district's streets and its leads. */
export async function renderMap(main, _params, search) {
  const query = new URLSearchParams([...search].filter(([k]) => ['from', 'to', 'district'].includes(k)));
  const [cat, data] = await Promise.all([catalogue(), get(`/api/analytics/map?${query}`)]);
  await shenzhen(data.geo);
  const shaped = data.areas.filter((a) => a.hasBoundary);
  const max = Math.max(1, ...shaped.map((a) => a.leads));
  const byName = new Map(data.areas.map((a) => [a.district, a]));
  const map = chart({
    tooltip: { trigger: 'item', renderMode: 'richText', formatter: (p) => {
      const a = byName.get(p.name);
      return a ? [chartText(a.district), `线索：${a.leads}`, `已确认：${a.confirmed}`, `工单：${a.orders}`, `当前超时：${a.overdueNow}`].join('\n') : chartText(p.name);
    } },
    visualMap: { min: 0, max, left: 8, bottom: 8, text: ['多', '少'], calculable: true, inRange: { color: ['#e0f3f8', '#fdae61', '#d73027'] } },
    series: [{ type: 'map', map: '深圳', roam: true, selectedMode: false, label: { show: true, formatter: (p) => chartText(p.name) },
      data: shaped.map((a) => ({ name: a.district, value: a.leads })) }],
  }, { height: 480, label: '深圳各区线索分布图', onClick: (_i, name) => byName.has(name) && navigate(`/map?${periodQuery({ ...data.period, district: name })}`) });
  const others = data.areas.filter((a) => !a.hasBoundary && a.leads);
  main.append(h('section', { class: 'district-map' },
    h('div', { class: 'page-head' }, h('h1', null, '地图'), h('span', { class: 'muted', id: 'map-period' }, `${data.period.from} 至 ${data.period.to}（北京时间）${data.period.district ? ` · ${data.period.district}` : ''}`), asOfNote(data.asOf, '工单数据')),
    periodForm('/map', search, cat.districts),
    h('p', { class: 'muted' }, '颜色按统计区间内发现的线索数；点击一个区查看其街道和线索。边界数据没有光明区（在宝安区范围内）和大鹏新区（在龙岗区范围内），也没有街道边界：它们的数字见下表。',
      data.unplaced ? ` 另有 ${data.unplaced} 条线索未定位到区。` : ''),
    others.length ? h('p', { id: 'map-unshaped' }, `图中未单独显示：${others.map((a) => `${a.district} ${a.leads} 条`).join('，')}`) : null,
    h('div', { id: 'district-map' }, map),
    data.figures.map((fig) => figureBlock(fig, {
      csvHref: `/api/analytics/map.csv?${periodQuery(data.period, { figure: fig.id })}`,
      drillHref: (drill) => `/analytics/leads?${periodQuery(data.period, drill)}`,
    }))));
  return { leave: disposeCharts };
}
