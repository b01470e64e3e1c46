import { navigate } from './app.js';
import { h, time } from './dom.js';

/** The period and district of a supervisor's page (?from=&to=&district=), kept in the URL. */
export function periodForm(path, search, districts, extra = []) {
  const input = (name, label) => h('label', null, label, h('input', { type: 'date', name, value: search.get(name) || '' }));
  const district = h('select', { name: 'district' }, h('option', { value: '' }, '全市'),
    districts.map((d) => h('option', { value: d, selected: search.get('district') === d }, d)));
  const form = h('form', { class: 'filters period-form', onsubmit: (e) => {
    e.preventDefault();
    const q = new URLSearchParams([...new FormData(form)].filter(([, v]) => v));
    navigate(`${path}${q.size ? `?${q}` : ''}`);
  } }, input('from', '起始日'), input('to', '结束日'), h('label', null, '区', district), extra, h('button', { type: 'submit', class: 'primary' }, '查看'));
  return form;
}

/** The query string of a period (from the server's answer) plus a figure row's filter. */
export function periodQuery(period, extra = {}) {
  const q = new URLSearchParams({ from: period.from, to: period.to, ...(period.district ? { district: period.district } : {}), ...extra });
  return q.toString();
}

/**
 * A note when figures describe an earlier moment than now: after the store changes, a figure read
 * moments ago is shown while it is read again (FIGURE_MAX_STALE_SECONDS); nothing when current.
 */
export function asOfNote(asOf, what = '数据') {
  if (!asOf || Date.now() - Date.parse(asOf) < 5_000) return null;
  return h('span', { class: 'muted as-of', title: '数据有更新，正在重新统计；刷新页面可看到最新结果' }, `${what}截至 ${time(asOf)}，正在更新`);
}
