import { get } from './api.js';
import { h, time } from './dom.js';
import { STATUS } from './labels.js';

/** 我的处理记录: what I decided on a day (Beijing time, today by default), newest first. */
export async function renderMine(main, _params, search) {
  const date = /^\d{4}-\d{2}-\d{2}$/.test(search.get('date') || '') ? search.get('date') : undefined;
  const data = await get(`/api/me/decisions${date ? `?date=${date}` : ''}`);
  const picker = h('input', { type: 'date', name: 'date', value: data.date, 'aria-label': '日期',
    onchange: () => picker.value && history.replaceState(null, '', `/mine?date=${picker.value}`) });
  const form = h('form', { class: 'filters', onsubmit: (e) => (e.preventDefault(), location.assign(`/mine?date=${picker.value}`)) },
    h('label', null, '日期（北京时间）', picker), h('button', { type: 'submit', class: 'primary' }, '查看'));

  const outcome = (item) => {
    if (item.workOrder) return h('a', { href: `/work-orders/${item.workOrder}`, 'data-nav': '' }, `工单 ${item.workOrder}`);
    if (item.reason) return `原因：${item.reason}`;
    if (item.into) return h('a', { href: `/leads/${item.into}`, 'data-nav': '' }, `并入线索 ${item.into}`);
    return '';
  };
  main.append(
    h('section', { class: 'mine' },
      h('div', { class: 'page-head' }, h('h1', null, '我的处理记录'), h('a', { href: '/', 'data-nav': '', class: 'back' }, '← 返回队列')),
      form,
      h('p', { id: 'mine-summary', class: 'muted' }, `${data.date}：${data.summary.length ? data.summary.join('，') : '还没有处理记录'}。${data.truncated ? '（只显示最近 1000 条）' : ''}`),
      h('table', { class: 'list' },
        h('thead', null, h('tr', null, ['时间', '操作', '线索', '结果', '线索现状'].map((t) => h('th', null, t)))),
        h('tbody', null, data.items.length === 0
          ? h('tr', null, h('td', { colspan: 5, class: 'empty' }, '这一天没有您的确认、驳回、合并或修改记录。'))
          : data.items.map((item) => h('tr', null,
            h('td', null, time(item.at)),
            h('td', null, item.what),
            h('td', { class: 'summary' }, h('a', { href: `/leads/${item.leadId}`, 'data-nav': '' }, item.summary || `线索 ${item.leadId}`)),
            h('td', null, outcome(item)),
            h('td', null, h('span', { class: `status ${item.leadStatus}` }, STATUS[item.leadStatus] || item.leadStatus))))))));
}
