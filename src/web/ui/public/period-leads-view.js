import { get } from './api.js';
import { h, time } from './dom.js';
import { STATUS } from './labels.js';

const FILTERS = { district: '区', street: '街道', place: '地点', category: '分类', sub_item: '事项', unplaced: '未定位到区' };

/** The leads behind a figure, hotspot or map area (明细): the period and filter in the URL, newest first. */
export async function renderPeriodLeads(main, _params, search) {
  const data = await get(`/api/analytics/leads?${search}`);
  const filters = Object.entries(FILTERS).filter(([k]) => search.get(k)).map(([k, label]) => (k === 'unplaced' ? label : `${label}：${search.get(k)}`));
  const next = new URLSearchParams(search);
  if (data.nextBefore) next.set('before', String(data.nextBefore));
  main.append(h('section', { class: 'period-leads' },
    h('div', { class: 'page-head' }, h('h1', null, '线索明细'), h('a', { href: `/overview?${new URLSearchParams({ from: data.period.from, to: data.period.to, ...(data.period.district ? { district: data.period.district } : {}) })}`, 'data-nav': '', class: 'back' }, '← 返回总览')),
    h('p', { class: 'muted', id: 'period-leads-summary' }, `${data.period.from} 至 ${data.period.to}${filters.length ? `，${filters.join('，')}` : ''}：共 ${data.total} 条`),
    h('table', { class: 'list' },
      h('thead', null, h('tr', null, ['发现时间', '线索', '分类 · 事项', '位置', '状态', '工单'].map((t) => h('th', null, t)))),
      h('tbody', null, data.items.length === 0
        ? h('tr', null, h('td', { colspan: 6, class: 'empty' }, '没有符合条件的线索。'))
        : data.items.map((l) => h('tr', null,
          h('td', null, time(l.discoveredAt)),
          h('td', { class: 'summary' }, h('a', { href: `/leads/${l.id}`, 'data-nav': '' }, l.summary || `线索 ${l.id}`)),
          h('td', null, `${l.categoryName} · ${l.subItemName}`),
          h('td', null, [l.district, l.street, l.place].filter(Boolean).join(' ') || '未定位'),
          h('td', null, h('span', { class: `status ${l.status}` }, STATUS[l.status] || l.status)),
          h('td', null, l.workOrder ? h('a', { href: `/work-orders/${l.workOrder}`, 'data-nav': '' }, l.workOrder) : '—'))))),
    data.nextBefore ? h('a', { href: `/analytics/leads?${next}`, 'data-nav': '', class: 'more' }, '下一页') : null));
}
