import { get, post } from './api.js';
import { navigate } from './app.js';
import { clear, h, highlighted, time, toast } from './dom.js';
import { URGENCY, domainNames } from './labels.js';

const SATISFACTION = { satisfied: '满意', unsatisfied: '不满意' };

/** One 热线线索: the ticket (its words highlighted where a topic's rules fired), the hotline's reply, the engine's reading, every topic it hit, the review. */
export async function renderHotlineLead(main, [id]) {
  const root = h('section', { class: 'hotline-lead', dataset: { id } });
  main.append(root);
  draw(await get(`/api/hotline-leads/${id}`));

  function draw(d) {
    const t = d.ticket;
    const r = d.reading;
    const current = d.hits.find((x) => x.id === d.id);
    const fact = (label, value) => [h('dt', null, label), h('dd', null, value === null || value === undefined || value === '' ? '—' : value)];
    clear(root).append(
      h('p', null, h('a', { href: '/hotline-leads', 'data-nav': '' }, '← 返回热线线索')),
      h('div', { class: 'page-head' },
        h('h1', null, `热线线索 #${d.id}`, ' ', h('span', { class: `status ${d.status}` }, d.status_label)),
        h('span', { class: 'muted' }, `专题：${d.topic.name}`)),
      h('div', { class: 'columns' },
        h('div', null,
          h('section', { class: 'ticket-text' },
            h('h2', null, '诉求内容'),
            h('p', { class: 'muted small' }, '黄色标记为本专题规则命中的词（鼠标悬停可见规则名称）。'),
            h('div', { class: 'post-text', id: 'hl-text' }, highlighted(d.screened_text, (current ? current.spans : []).map((s) => ({ start: s.start, end: s.end, ruleName: s.rule }))))),
          h('section', { class: 'ticket-reply' },
            h('h2', null, '热线答复'),
            t.reply ? h('div', { class: 'post-text', id: 'hl-reply' }, t.reply) : h('p', { class: 'muted' }, '暂无答复。'),
            h('p', { class: 'muted small' }, `答复时间 ${time(t.replied_at)} · 市民评价 ${SATISFACTION[t.satisfaction] || '—'}`)),
          h('section', { class: 'ticket-hits' },
            h('h2', null, '命中的专题'),
            h('ul', { class: 'hit-list' }, d.hits.map((x) => h('li', { dataset: { topic: x.topic.code } },
              x.id === d.id ? h('strong', null, x.topic.name) : h('a', { href: `/hotline-leads/${x.id}`, 'data-nav': '' }, x.topic.name),
              ` · ${x.status_label}`,
              h('ul', { class: 'muted small' }, x.reasons.map((reason) => h('li', null, reason))))))),
          reviewPanel(d),
          h('section', { class: 'audit' },
            h('h2', null, '核查记录'),
            d.history.length
              ? h('ul', { id: 'hl-history' }, d.history.map((e) => h('li', null, `${time(e.at)} ${e.who}：${e.what}`)))
              : h('p', { class: 'muted' }, '尚未核查。'))),
        h('aside', { class: 'facts' },
          h('h2', null, '工单信息'),
          h('dl', null,
            fact('热线工单号', t.ticket_no), fact('来源', h('code', { class: 'tech' }, t.source)), fact('受理时间', time(t.received_at)), fact('标题', t.title), fact('热线分类', t.category_raw),
            fact('地址', t.address), fact('热线所记区', t.district_raw), fact('承办单位', t.department), fact('办理状态', t.status_raw)),
          h('h2', null, '引擎判读'),
          h('dl', null,
            fact('是否线索', r.is_lead ? '是' : '否'), fact('分类', r.category_label), fact('事项', r.sub_item_label), fact('紧急程度', URGENCY[r.urgency]),
            fact('位置', [r.location.district, r.location.street, r.location.place].filter(Boolean).join(' ')), fact('公益诉讼领域', domainNames(r.domains || [])),
            fact('判读时间', time(t.screened_at))))));
  }

  function reviewPanel(d) {
    const facts = [
      d.reviewed_by && `${d.reviewed_by} 于 ${time(d.reviewed_at)} 核查`,
      d.dismiss_reason_label && `原因：${d.dismiss_reason_label}`,
      d.recipient && `移送至：${d.recipient}`,
      d.note && `说明：${d.note}`,
    ].filter(Boolean);
    const section = h('section', { class: 'review-panel' }, h('h2', null, '核查'), h('p', { id: 'hl-review-state' }, `当前状态：${d.status_label}`, ...facts.map((f) => h('span', { class: 'muted' }, `；${f}`))));
    if (!d.next_statuses.length) return section.append(h('p', { class: 'muted' }, '已移送，核查结束。')), section;
    const reason = h('label', { hidden: true }, '不予处理原因', h('select', { name: 'dismiss_reason' }, h('option', { value: '' }, '请选择'), d.dismiss_reasons.map((x) => h('option', { value: x.code }, x.label))));
    const recipient = h('label', { hidden: true }, '移送对象', h('input', { name: 'recipient', maxlength: 100, placeholder: '如：宝安区人民检察院' }));
    const status = h('select', { name: 'status', required: true }, h('option', { value: '' }, '请选择'), d.next_statuses.map((x) => h('option', { value: x.status }, x.label)));
    status.addEventListener('change', () => {
      reason.hidden = status.value !== 'dismissed';
      recipient.hidden = status.value !== 'transferred';
    });
    const form = h('form', { class: 'filters review-form', onsubmit: (e) => (e.preventDefault(), submit()) },
      h('label', null, '核查结果', status), reason, recipient,
      h('label', { class: 'grow' }, '说明（可选）', h('textarea', { name: 'note', rows: 2, maxlength: 2000 })),
      h('button', { type: 'submit', class: 'primary' }, '提交核查结果'));

    async function submit() {
      const v = (name) => form.elements[name].value.trim();
      const body = { status: v('status') };
      if (body.status === 'dismissed') body.dismiss_reason = v('dismiss_reason') || null;
      if (body.status === 'transferred') body.recipient = v('recipient') || null;
      if (v('note')) body.note = v('note');
      try {
        const updated = await post(`/api/hotline-leads/${d.id}/review`, body);
        toast(`已记录：${updated.status_label}。`, 'ok');
        draw(updated);
      } catch (err) {
        toast(err.message, 'error');
      }
    }
    section.append(form);
    return section;
  }

  return { keys: { q: () => navigate('/hotline-leads') } };
}
