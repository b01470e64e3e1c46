import { get } from './api.js';
import { navigate } from './app.js';
import { clear, h, time, toast } from './dom.js';
import { URGENCY, WO_STATUS } from './labels.js';

/** Work orders: newest first, filter by status and overdue, j/k + Enter. Data from the work-order API. */
export async function renderWorkOrders(main, _params, search) {
  const status = search.get('status') || '';
  const overdue = search.get('overdue') || '';
  const rows = [];
  let before = null;
  let selected = 0;
  const tbody = h('tbody');
  const more = h('button', { type: 'button', onclick: () => load(false) }, '加载更多');
  const total = h('p', { class: 'muted' });
  const filter = h('form', { class: 'filters', onsubmit: (e) => {
    e.preventDefault();
    const p = new URLSearchParams();
    if (e.target.elements.status.value) p.set('status', e.target.elements.status.value);
    if (e.target.elements.overdue.checked) p.set('overdue', 'true');
    navigate('/work-orders' + (p.size ? `?${p}` : ''), { replace: true });
  } },
    h('label', null, '状态', h('select', { name: 'status' }, h('option', { value: '' }, '全部'), Object.entries(WO_STATUS).map(([v, t]) => h('option', { value: v, selected: v === status }, t)))),
    h('label', { class: 'inline' }, h('input', { type: 'checkbox', name: 'overdue', checked: overdue === 'true' }), ' 只看超时'),
    h('button', { type: 'submit', class: 'primary' }, '筛选'));
  main.append(h('section', null, h('div', { class: 'page-head' }, h('h1', null, '工单'), h('p', { class: 'keys' }, h('kbd', null, 'j'), '/', h('kbd', null, 'k'), ' 上下移动　', h('kbd', null, 'Enter'), ' 打开')),
    filter, total,
    h('table', { class: 'list' }, h('thead', null, h('tr', null, ['工单号', '状态', '紧急', '分类 / 事项', '责任部门', '位置', '派发时限'].map((t) => h('th', null, t)))), tbody),
    h('div', { class: 'more' }, more)));

  async function load(reset) {
    const p = new URLSearchParams({ limit: '50' });
    if (status) p.set('status', status);
    if (overdue) p.set('overdue', overdue);
    if (!reset && before) p.set('before', String(before));
    try {
      const data = await get(`/api/work-orders?${p}`);
      if (reset) rows.length = 0;
      rows.push(...data.items);
      before = data.next_before;
      total.textContent = `共 ${data.total} 张工单。`;
      draw();
    } catch (err) {
      toast(err.message, 'error');
    }
  }

  function draw() {
    clear(tbody);
    if (!rows.length) tbody.append(h('tr', null, h('td', { colspan: 7, class: 'empty' }, '没有符合条件的工单。')));
    rows.forEach((o, i) => tbody.append(h('tr', { class: i === selected ? 'selected' : '', onclick: () => ((selected = i), draw()), ondblclick: () => open() },
      h('td', null, h('a', { href: `/work-orders/${o.number}`, 'data-nav': '' }, o.number)),
      h('td', null, h('span', { class: `wo-status ${o.status}` }, o.status_label || WO_STATUS[o.status])),
      h('td', null, h('span', { class: `badge ${o.urgency}` }, URGENCY[o.urgency])),
      h('td', null, o.category_label, o.sub_item_label ? h('div', { class: 'muted small' }, o.sub_item_label) : null),
      h('td', null, o.department),
      h('td', null, [o.location.district, o.location.street, o.location.place].filter(Boolean).join(' ') || '—'),
      h('td', { class: o.deadlines.overdue ? 'overdue' : '' }, time(o.deadlines.current_step_due || o.deadlines.dispatch), o.deadlines.overdue ? ' 已超时' : ''))));
    more.hidden = !before;
  }

  const open = () => rows[selected] && navigate(`/work-orders/${rows[selected].number}`);
  await load(true);
  return {
    keys: {
      j: () => ((selected = Math.min(rows.length - 1, selected + 1)), draw()),
      k: () => ((selected = Math.max(0, selected - 1)), draw()),
      Enter: open,
      o: open,
    },
  };
}
