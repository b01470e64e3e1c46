import { get } from './api.js';
import { catalogue } from './app.js';
import { clear, h, time, toast } from './dom.js';
import { URGENCY, WO_STATUS } from './labels.js';
import { supervises } from './roles.js';
import { progressTable, superviseForm } from './supervision-panel.js';

const LISTS = [['overdue', '超时工单'], ['returned', '多次退回'], ['recurring', '办结后重复投诉'], ['long_unresolved', '长期未办结'], ['unsatisfied', '市民不满意'], ['supervised', '督办记录']];

/** 重点工单: the supervision lists (JSON API, CSV export), 督办 from a row, and the 督办 records with progress. */
export async function renderSupervision(main, _params, search) {
  const cat = await catalogue();
  let list = LISTS.some(([k]) => k === search.get('list')) ? search.get('list') : 'overdue';
  let district = search.get('district') || '';
  const body = h('div', { id: 'supervision-body' });
  const tabs = h('nav', { class: 'tabs', 'aria-label': '清单' });
  const districtSelect = h('select', { name: 'district', onchange: () => ((district = districtSelect.value), load()) },
    h('option', { value: '' }, '全部区'), cat.districts.map((d) => h('option', { value: d, selected: d === district }, d)));
  const csv = h('a', { class: 'button', id: 'supervision-csv', download: '' }, '导出 CSV');
  main.append(h('section', { class: 'supervision-page' }, h('div', { class: 'page-head' }, h('h1', null, '重点工单')), tabs,
    h('div', { class: 'filters' }, h('label', null, '区', districtSelect), csv), body));

  function drawTabs() {
    clear(tabs).append(...LISTS.map(([k, name]) => h('button', { type: 'button', class: k === list ? 'primary' : '', 'aria-pressed': String(k === list), dataset: { list: k }, onclick: () => ((list = k), load()) }, name)));
  }

  async function load() {
    drawTabs();
    const p = new URLSearchParams(district ? { list, district } : { list });
    history.replaceState(null, '', `/supervision?${p}`);
    csv.hidden = list === 'supervised';
    csv.setAttribute('href', `/api/supervision/orders.csv?${p}`);
    try {
      if (list === 'supervised') drawSupervisions((await get('/api/supervisions?state=all')).items);
      else drawList(await get(`/api/supervision/orders?${p}`));
    } catch (err) {
      toast(err.message, 'error');
    }
  }

  function figure(o) {
    if (o.returns !== null) return `退回 ${o.returns} 次`;
    if (o.recurrence) return [`办结后又有 ${o.recurrence.count} 条线索，最近 ${time(o.recurrence.last_at)}：`, o.recurrence.lead_ids.map((id) => h('a', { href: `/leads/${id}`, 'data-nav': '' }, ` #${id}`))];
    if (o.feedback) return [`${time(o.feedback.at)} 不满意`, o.feedback.note ? h('div', { class: 'muted small feedback-note' }, o.feedback.note) : null];
    return o.overdue ? `已超时（时限 ${time(o.current_step_due)}）` : `立单 ${time(o.created_at)}`;
  }

  function drawList(data) {
    const tbody = h('tbody');
    clear(body).append(h('p', { class: 'muted', id: 'list-counted' }, `${data.name}：${data.counted}共 ${data.items.length} 张。`),
      h('table', { class: 'list' }, h('thead', null, h('tr', null, ['工单号', '状态', '紧急', '分类 / 事项', '责任单位', '位置', '情况', '督办'].map((t) => h('th', null, t)))), tbody));
    if (!data.items.length) tbody.append(h('tr', null, h('td', { colspan: 8, class: 'empty' }, '清单为空。')));
    for (const o of data.items) {
      const cell = h('td', { class: 'supervise-cell' });
      const drawCell = () => {
        if (o.supervision) clear(cell).append(o.supervision.open ? '督办中' : '督办已结束');
        else if (supervises() && o.status !== 'closed') clear(cell).append(h('button', { type: 'button', onclick: () => clear(cell).append(superviseForm(o.number, list, (s) => ((o.supervision = { id: s.id, open: s.open, at: s.at }), drawCell()))) }, '督办'));
        else clear(cell).append('—');
      };
      drawCell();
      tbody.append(h('tr', { dataset: { number: o.number } },
        h('td', null, h('a', { href: `/work-orders/${o.number}`, 'data-nav': '' }, o.number)),
        h('td', null, h('span', { class: `wo-status ${o.status}` }, o.status_label || WO_STATUS[o.status])),
        h('td', null, h('span', { class: `badge ${o.urgency}` }, URGENCY[o.urgency])),
        h('td', null, o.category_label, o.sub_item_label ? h('div', { class: 'muted small' }, o.sub_item_label) : null),
        h('td', null, o.department),
        h('td', null, [o.location.district, o.location.street, o.location.place].filter(Boolean).join(' ') || '—'),
        h('td', { class: o.overdue ? 'overdue' : '' }, figure(o)),
        cell));
    }
  }

  function drawSupervisions(items) {
    clear(body).append(h('p', { class: 'muted' }, `督办记录 ${items.length} 条，其中督办中 ${items.filter((s) => s.open).length} 条。工单关闭时督办自动结束。`));
    if (!items.length) body.append(h('p', { class: 'empty' }, '还没有督办记录。'));
    for (const s of items) {
      body.append(h('article', { class: 'supervision-record', dataset: { number: s.number } },
        h('h3', null, h('a', { href: `/work-orders/${s.number}`, 'data-nav': '' }, s.number), ' ', h('span', { class: `wo-status ${s.order.status}` }, s.order.status_label), ' ', s.open ? '督办中' : '督办已结束'),
        h('p', { class: 'muted small' }, `${s.by} 于 ${time(s.at)} 督办${s.reason_label ? `（${s.reason_label}）` : ''} · 责任单位 ${s.order.department}${s.order.overdue ? ' · 当前环节已超时' : ''}`),
        h('p', { class: 'supervision-note' }, s.note),
        progressTable(s.progress)));
    }
  }

  await load();
  return null;
}
