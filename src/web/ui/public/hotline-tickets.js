// 12345 hotline tickets linked to a lead (已诉 / 未诉) — on the lead page and the work order page.
// The tickets' text, category, status and reply come from a hotline export: text nodes only.
import { post } from './api.js';
import { h, time, toast } from './dom.js';

const pct = (x) => `${Math.round(x * 100)}%`;

function ticketCard(t, actions) {
  return h('article', { class: `post ticket ${t.state}`, dataset: { ticketNo: t.ticket_no, linkId: t.link_id } },
    h('header', null,
      h('strong', null, `12345 工单 ${t.ticket_no}`), ' · 受理 ', time(t.received_at), ' · ', t.relation_label,
      ' · ', h('span', { class: 'badge' }, t.state_label)),
    h('dl', { class: 'ticket-facts' },
      h('dt', null, '热线分类'), h('dd', null, t.hotline_category || '—'),
      h('dt', null, '办理状态'), h('dd', null, t.hotline_status || '—'),
      h('dt', null, '答复'), h('dd', null, t.reply ? [t.reply, t.replied_at ? `（${time(t.replied_at)}）` : ''] : '尚无答复')),
    t.title ? h('h3', { class: 'post-title' }, t.title) : null,
    h('p', { class: 'post-text' }, t.text),
    h('footer', { class: 'muted small' },
      `匹配度 ${pct(t.score)}（地点 ${pct(t.score_parts.place)} · 事项 ${pct(t.score_parts.sub_item)} · 时间 ${pct(t.score_parts.time)} · 文本 ${pct(t.score_parts.text)}）`,
      actions ? [' ', actions] : null));
}

/**
 * The lead page's section: 已诉 / 未诉 and every linked ticket; a signed-in person may confirm or
 * undo a link (`reload` redraws the lead after a decision).
 */
export function hotlineSection(leadId, hotline, reload) {
  const decide = (t, decision) => async () => {
    try {
      await post(`/api/leads/${leadId}/ticket-links/${t.link_id}/${decision}`, {});
      toast(decision === 'undo' ? `已撤销与工单 ${t.ticket_no} 的关联。` : `已确认与工单 ${t.ticket_no} 的关联。`, 'ok');
      await reload();
    } catch (err) {
      toast(err.message, 'error');
    }
  };
  const buttons = (t) => [
    t.state !== 'confirmed' ? h('button', { type: 'button', class: 'link', dataset: { decide: 'confirm' }, onclick: decide(t, 'confirm') }, t.state === 'undone' ? '恢复关联' : '确认关联') : null,
    t.state !== 'undone' ? h('button', { type: 'button', class: 'link', dataset: { decide: 'undo' }, onclick: decide(t, 'undo') }, '撤销关联') : null,
  ];
  return h('section', { class: 'hotline', id: 'hotline' },
    h('h2', null, '12345 热线 ', h('span', { class: `badge ${hotline.reported ? 'reported' : 'unreported'}`, id: 'hotline-state' }, hotline.label)),
    h('p', { class: 'muted small' }, hotline.reported
      ? '已诉：市民在发帖之前已向 12345 热线反映过同一问题。'
      : '未诉：发现此线索前没有关于同一问题的热线工单（未诉先办）。'),
    hotline.tickets.length ? hotline.tickets.map((t) => ticketCard(t, buttons(t))) : h('p', { class: 'muted' }, '没有关联的热线工单。'));
}

/** The work order page's list: the same problem as the hotline received it (the department sees one problem). */
export function linkedTicketsSection(tickets) {
  return [h('h2', null, `关联的 12345 热线工单（${(tickets || []).length}）`),
    (tickets || []).length ? tickets.map((t) => ticketCard(t, null)) : h('p', { class: 'muted' }, '没有关联的热线工单。')];
}
