import { h, time } from './dom.js';

/**
 * 操作记录 / 审计记录: the server's audit lines (who by name, what as a Chinese verb, changed fields
 * in words), shared by the lead and work-order pages. Values may quote crawled text: text nodes only.
 */
export function auditView(title, lines) {
  return h('section', { class: 'audit' }, h('h2', null, title),
    lines.length === 0 ? h('p', { class: 'muted' }, '暂无操作记录。') :
      h('table', { class: 'list audit-table' }, h('thead', null, h('tr', null, ['时间', '操作人', '操作', '变更'].map((t) => h('th', null, t)))),
        h('tbody', null, lines.map((a) => h('tr', null, h('td', { class: 'nowrap' }, time(a.at)), h('td', null, a.who), h('td', null, a.what),
          h('td', { class: 'small' }, a.changes.map((c) => h('div', null, `${c.label}：`, c.from === null ? c.to : `${c.from} → ${c.to ?? '空'}`))))))));
}
