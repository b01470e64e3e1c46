import { get, patch, post } from './api.js';
import { clear, h, time, toast } from './dom.js';
import { supervises } from './roles.js';

// Suggestions only: the outcome is free text, as procuratorates word it.
const OUTCOMES = ['已受理', '已立案', '已发出诉前检察建议', '已提起公益诉讼', '不予立案', '已结案'];

/** 'YYYY-MM-DDTHH:mm' in Beijing time, for a datetime-local input. */
const beijingNow = () => time(new Date().toISOString()).replace(' ', 'T');

const optional = (form, name) => form.elements[name].value.trim() || null;

/**
 * A lead's 移送检察机关 records: to whom, when, outcome, who recorded it. Supervisors and admins
 * record new ones and keep outcomes up to date; `changed(count)` follows the number of records.
 * Resolves once the records are drawn.
 */
export async function transferPanel(leadId, districts, changed) {
  const box = h('div', { class: 'transfers', dataset: { leadId } });
  const recipients = h('datalist', { id: `recipients-${leadId}` }, districts.map((d) => `${d}人民检察院`).map((r) => h('option', { value: r })));
  const outcomes = h('datalist', { id: `outcomes-${leadId}` }, OUTCOMES.map((o) => h('option', { value: o })));

  async function load() {
    const { transfers } = await get(`/api/leads/${leadId}/public-interest`);
    changed(transfers.length);
    clear(box).append(recipients, outcomes,
      ...(transfers.length ? transfers.map(record) : [h('p', { class: 'muted small' }, '尚未移送检察机关。')]),
      ...(supervises() ? [newForm()] : []));
  }

  async function save(form, send, message) {
    try {
      await send();
      toast(message, 'ok');
      await load();
    } catch (err) {
      toast(err.message, 'error');
      form.querySelector('input, textarea')?.focus();
    }
  }

  function record(t) {
    return h('article', { class: 'transfer', dataset: { transferId: t.id } },
      h('p', null, '移送至 ', h('strong', { class: 'transfer-recipient' }, t.recipient), ` · 移送时间 ${time(t.transferred_at)}`),
      h('p', null, '结果：', h('span', { class: 'transfer-outcome' }, t.outcome || '待反馈')),
      t.note ? h('p', { class: 'transfer-note' }, t.note) : null,
      h('p', { class: 'muted small transfer-by' }, `${t.by} 记录，最后更新 ${time(t.updated_at)}`),
      supervises() ? outcomeForm(t) : null);
  }

  function outcomeForm(t) {
    const form = h('form', { class: 'filters outcome-form', onsubmit: (e) => {
      e.preventDefault();
      save(form, () => patch(`/api/public-interest/transfers/${t.id}`, { outcome: optional(form, 'outcome'), note: optional(form, 'note') }), '已更新移送结果。');
    } },
    h('label', null, '移送结果', h('input', { name: 'outcome', value: t.outcome || '', maxlength: 500, list: outcomes.id, placeholder: '待反馈' })),
    h('label', { class: 'grow' }, '说明', h('input', { name: 'note', value: t.note || '', maxlength: 2000 })),
    h('button', { type: 'submit' }, '更新结果'));
    return form;
  }

  function newForm() {
    const form = h('form', { class: 'panel transfer-form', onsubmit: (e) => {
      e.preventDefault();
      const at = form.elements.transferred_at.value;
      const body = { lead_id: leadId, recipient: form.elements.recipient.value.trim(), transferred_at: at ? `${at}:00+08:00` : undefined, outcome: optional(form, 'outcome'), note: optional(form, 'note') };
      if (!body.recipient) return toast('请填写移送给哪个检察机关。', 'error');
      save(form, () => post('/api/public-interest/transfers', body), `已记录移送：${body.recipient}。`);
    } },
    h('h3', null, '记录移送检察机关'),
    h('div', { class: 'filters' },
      h('label', { class: 'grow' }, '移送给', h('input', { name: 'recipient', required: true, maxlength: 100, list: recipients.id, placeholder: '如：宝安区人民检察院' })),
      h('label', null, '移送时间（北京时间）', h('input', { type: 'datetime-local', name: 'transferred_at', value: beijingNow(), required: true })),
      h('label', null, '结果（可选）', h('input', { name: 'outcome', maxlength: 500, list: outcomes.id, placeholder: '待反馈' }))),
    h('label', null, '说明（可选）', h('textarea', { name: 'note', rows: 2, maxlength: 2000 })),
    h('button', { type: 'submit', class: 'primary' }, '记录移送'));
    return form;
  }

  await load();
  return box;
}
