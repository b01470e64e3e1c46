import { get, post } from './api.js';
import { navigate } from './app.js';
import { h, time, toast } from './dom.js';

/** 每周一议: the kept reports (weekly by the scheduler, or made on demand for any period), newest first. */
export async function renderReports(main) {
  const data = await get('/api/analytics/reports');
  const from = h('input', { type: 'date', name: 'from', required: true });
  const to = h('input', { type: 'date', name: 'to', required: true });
  const form = h('form', { class: 'filters', id: 'report-form', onsubmit: async (e) => {
    e.preventDefault();
    const button = form.querySelector('button');
    button.disabled = true;
    try {
      const report = await post('/api/analytics/reports', { from: from.value, to: to.value });
      toast('报告已生成');
      navigate(`/reports/${report.id}`);
    } finally {
      button.disabled = false;
    }
  } }, h('label', null, '起始日', from), h('label', null, '结束日', to), h('button', { type: 'submit', class: 'primary' }, '生成报告'));
  main.append(h('section', { class: 'reports' },
    h('div', { class: 'page-head' }, h('h1', null, '每周一议')),
    h('p', { class: 'muted' }, `每周一自动生成上一周（周一至周日）的报告；也可以为任意区间生成。保留最近 ${data.keep} 份。`),
    form,
    h('table', { class: 'list', id: 'report-list' },
      h('thead', null, h('tr', null, ['统计区间', '生成方式', '生成时间', ''].map((t) => h('th', null, t)))),
      h('tbody', null, data.items.length === 0
        ? h('tr', null, h('td', { colspan: 4, class: 'empty' }, '还没有报告。'))
        : data.items.map((r) => h('tr', null,
          h('td', null, h('a', { href: `/reports/${r.id}`, 'data-nav': '' }, `${r.from} 至 ${r.to}`)),
          h('td', null, r.trigger === 'schedule' ? '每周自动' : '手动生成'), h('td', null, time(r.generatedAt)),
          h('td', null, h('a', { href: `/api/analytics/reports/${r.id}/pdf`, download: '' }, 'PDF'))))))));
}
