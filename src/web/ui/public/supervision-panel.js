import { get, post } from './api.js';
import { clear, h, time, toast } from './dom.js';
import { WO_STATUS } from './labels.js';
import { supervises } from './roles.js';

const PROGRESS = { status: '状态', reroute: '改派路由', edit: '修改', reassign: '改派', feedback: '市民评价' };

/** The progress of an order since it was put under supervision, as a table of text. */
export function progressTable(progress) {
  if (!progress.length) return h('p', { class: 'muted small' }, '督办后工单暂无新的进展。');
  return h('table', { class: 'list history-table' },
    h('thead', null, h('tr', null, ['时间', '类型', '状态变化', '说明', '操作人'].map((t) => h('th', null, t)))),
    h('tbody', null, progress.map((e) => h('tr', null, h('td', { class: 'nowrap' }, time(e.at)), h('td', null, PROGRESS[e.kind] || e.kind),
      h('td', null, e.from_status ? `${WO_STATUS[e.from_status] || e.from_status} → ` : '', e.to_status ? WO_STATUS[e.to_status] || e.to_status : ''), h('td', null, e.note || ''), h('td', null, e.who)))));
}

/** A 督办 form: the note (required) and the reason; calls back with the new record. */
export function superviseForm(number, reason, done) {
  return h('form', { class: 'panel supervise-form', onsubmit: async (e) => {
    e.preventDefault();
    const note = e.target.elements.note.value.trim();
    if (!note) return toast('请填写督办意见。', 'error');
    try {
      done(await post(`/api/work-orders/${number}/supervision`, { note, reason }));
      toast(`工单 ${number} 已列入督办。`, 'ok');
    } catch (err) {
      toast(err.message, 'error');
    }
  } },
  h('label', { class: 'wide' }, '督办意见', h('textarea', { name: 'note', rows: 3, maxlength: 2000, required: true, placeholder: '例如：请责任单位三日内到场处置并反馈结果' })),
  h('button', { type: 'submit', class: 'primary' }, '列入督办'));
}

/** The work-order page's 督办 section: the record and progress, or (for supervisors and admins) the form. */
export async function supervisionPanel(number, orderStatus) {
  const box = h('section', { class: 'supervision', id: 'supervision' });
  const draw = (s) => {
    clear(box).append(h('h2', null, '督办'));
    if (s) {
      box.append(
        h('p', { class: `banner ${s.open ? 'warn' : 'ok'}` }, s.open ? '督办中' : `督办已结束（工单已于 ${time(s.closed_at)} 关闭）`),
        h('dl', { class: 'facts' }, h('dt', null, '督办意见'), h('dd', { class: 'supervision-note' }, s.note), h('dt', null, '督办人'), h('dd', null, s.by), h('dt', null, '督办时间'), h('dd', null, time(s.at)),
          s.reason_label ? [h('dt', null, '督办原因'), h('dd', null, s.reason_label)] : null),
        h('h3', null, '督办后的办理进展'), progressTable(s.progress));
    } else if (supervises() && orderStatus !== 'closed') {
      box.append(superviseForm(number, null, draw));
    } else {
      box.append(h('p', { class: 'muted' }, '此工单未列入督办。'));
    }
  };
  draw((await get(`/api/work-orders/${number}/supervision`)).supervision);
  return box;
}
