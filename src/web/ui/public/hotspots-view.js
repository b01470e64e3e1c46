import { del, get, post } from './api.js';
import { catalogue } from './app.js';
import { disposeCharts, figureBlock } from './charts.js';
import { clear, h, time, toast } from './dom.js';
import { asOfNote, periodForm, periodQuery } from './period-form.js';

const TREND = { new: ['新出现', 'new'], rising: ['上升', 'rising'], steady: ['持续', ''] };
const KIND = { hotspot: '热点', recurring: '反复投诉', class: '类案' };
const where = (x) => [x.district, x.street, x.place].filter(Boolean).join(' ') || '未定位';
const FRAME = ['level', 'window_days', 'min_leads'];

/** 热点与类案: concentrations in place × time, 反复投诉 and city-wide classes; each links to its leads and orders and can be watched. */
export async function renderHotspots(main, _params, search) {
  const query = new URLSearchParams([...search].filter(([k]) => ['from', 'to', 'district', ...FRAME].includes(k)));
  const [cat, data, topics] = await Promise.all([catalogue(), get(`/api/analytics/hotspots?${query}`), get('/api/analytics/topics')]);
  const o = data.options;
  // The lists hold the highest ranked `limit`; say when a detection found more.
  const shown = (key) => (data.total[key] > data[key].length ? h('p', { class: 'muted small' }, `共 ${data.total[key]} 项，按排名显示前 ${data[key].length} 项。`) : null);
  const frame = [
    h('label', null, '地点层级', h('select', { name: 'level' }, [['place', '社区或地点'], ['street', '街道']].map(([v, t]) => h('option', { value: v, selected: o.level === v }, t)))),
    h('label', null, '时间窗（天）', h('input', { type: 'number', name: 'window_days', min: 1, max: 90, value: o.windowDays })),
    h('label', null, '至少线索数', h('input', { type: 'number', name: 'min_leads', min: 2, value: o.minLeads })),
  ];
  const leadsHref = (filter) => `/analytics/leads?${periodQuery(data.period, filter)}`;
  const links = (x) => [
    h('a', { href: leadsHref(x.filter), 'data-nav': '' }, `${x.leadIds.length} 条线索`),
    x.orders.length ? [' · 工单 ', x.orders.slice(0, 5).map((n, i) => [i ? '、' : '', h('a', { href: `/work-orders/${n}`, 'data-nav': '' }, n)]), x.orders.length > 5 ? ` 等 ${x.orders.length} 张` : ''] : null,
  ];
  const topicList = h('ul', { id: 'topics', class: 'topics' });
  const showTopics = (items) => {
    clear(topicList);
    if (!items.length) topicList.append(h('li', { class: 'muted' }, '还没有关注的专题。在下面的热点、反复投诉或类案旁点「关注」。'));
    for (const t of items) {
      topicList.append(h('li', null, h('span', { class: 'badge' }, KIND[t.kind]), ' ', h('a', { href: `/analytics/leads?${periodQuery({ from: t.recent.from, to: t.recent.to, district: t.filter.district }, t.filter)}`, 'data-nav': '' }, t.name),
        ` 近 30 天 ${t.recent.leads} 条 `, h('button', { type: 'button', class: 'link', onclick: async () => {
          await del(`/api/analytics/topics/${t.id}`);
          showTopics((await get('/api/analytics/topics')).items);
        } }, '取消关注')));
    }
  };
  showTopics(topics.items);
  const watch = (kind, name, filter) => h('button', { type: 'button', class: 'link watch', onclick: async () => {
    await post('/api/analytics/topics', { name, kind, filter });
    toast(`已关注「${name}」`);
    showTopics((await get('/api/analytics/topics')).items);
  } }, '关注');
  const table = (id, heads, rows, empty) => h('table', { class: 'list', id },
    h('thead', null, h('tr', null, heads.map((t) => h('th', null, t)))),
    h('tbody', null, rows.length ? rows : h('tr', null, h('td', { colspan: heads.length, class: 'empty' }, empty))));

  main.append(h('section', { class: 'hotspots' },
    h('div', { class: 'page-head' }, h('h1', null, '热点与类案'), h('span', { class: 'muted' }, `${data.period.from} 至 ${data.period.to}（北京时间）· ${data.period.district ?? '全市'}`), asOfNote(data.asOf)),
    periodForm('/hotspots', search, cat.districts, frame),
    h('section', null, h('h2', null, '关注的专题'), topicList),
    h('h2', null, '热点'), shown('hotspots'),
    h('p', { class: 'muted' }, `同一${o.level === 'street' ? '街道' : '社区或地点'}在 ${o.windowDays} 天内至少 ${o.minLeads} 条线索（待核实或已确认）；「新出现」：此前四个时间窗没有，「上升」：至少是前一时间窗的两倍。`),
    table('hotspot-list', ['地点', '时间窗', '线索', '前一时间窗', '主要分类', '明细', ''], data.hotspots.map((x) => h('tr', null,
      h('td', null, where(x), ' ', TREND[x.trend][1] ? h('span', { class: `badge ${TREND[x.trend][1]}` }, TREND[x.trend][0]) : null),
      h('td', null, `${time(x.windowStart)} 起 ${o.windowDays} 天`), h('td', { class: 'num' }, x.count), h('td', { class: 'num' }, x.previous),
      h('td', null, x.categories.map((c) => `${c.categoryName} ${c.n}`).join('、')), h('td', null, links(x)), h('td', null, watch('hotspot', where(x), x.filter)))), '区间内没有达到条件的聚集。'),
    h('h2', null, '反复投诉'), shown('recurrences'),
    h('p', { class: 'muted' }, `同一地点、同一分类在工单办结后又出现的线索（只看 ${o.recurrenceDays} 天内办结的工单）。`),
    table('recurrence-list', ['地点', '分类', '已办结工单', '办结时间', '再现', '明细', ''], data.recurrences.map((x) => h('tr', null,
      h('td', null, where(x)), h('td', null, x.categoryName), h('td', null, h('a', { href: `/work-orders/${x.resolvedOrder}`, 'data-nav': '' }, x.resolvedOrder)), h('td', null, time(x.resolvedAt)),
      h('td', { class: 'num' }, x.count), h('td', null, links(x)), h('td', null, watch('recurring', `${where(x)} ${x.categoryName}`, x.filter)))), '区间内没有办结后再现的问题。'),
    h('h2', null, '全市类案'), shown('classes'),
    h('p', { class: 'muted' }, `同一事项在至少 ${o.classMinDistricts} 个区比上一个等长区间增多。`),
    table('class-list', ['事项', '本期', '上期', '上升的区', '明细', ''], data.classes.map((x) => h('tr', null,
      h('td', null, `${x.categoryName} · ${x.subItemName}`), h('td', { class: 'num' }, x.current), h('td', { class: 'num' }, x.previous),
      h('td', null, x.districts.map((d) => `${d.district} ${d.previous}→${d.current}`).join('、')),
      h('td', null, h('a', { href: leadsHref(x.filter), 'data-nav': '' }, `${x.leadIds.length} 条线索`)), h('td', null, watch('class', `${x.categoryName} · ${x.subItemName}`, x.filter)))), '区间内没有多区上升的事项。'),
    data.figures.map((fig) => figureBlock(fig, {
      csvHref: `/api/analytics/hotspots.csv?${new URLSearchParams({ ...Object.fromEntries(query), from: data.period.from, to: data.period.to, figure: fig.id })}`,
      drillHref: leadsHref,
    }))));
  return { leave: disposeCharts };
}
