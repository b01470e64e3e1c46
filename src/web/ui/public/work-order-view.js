import { get, patch, post } from './api.js';
import { catalogue, navigate, state } from './app.js';
import { clear, h, time, toast } from './dom.js';
import { URGENCY, WO_STATUS, domainNames, platformName } from './labels.js';
import { auditView } from './audit-view.js';
import { actsOnLeads } from './roles.js';
import { supervisionPanel } from './supervision-panel.js';
import { linkedTicketsSection } from './hotline-tickets.js';

const KIND = { status: '状态', reroute: '改派路由', edit: '修改', reassign: '改派', feedback: '市民评价' };

/** One work order: fields, description, source posts (as text), history, audit; actions via the work-order API. */
export async function renderWorkOrder(main, [number]) {
  const cat = await catalogue();
  let order;
  let editing = false;
  const root = h('section', { class: 'work-order' });
  main.append(root);

  let supervision;
  async function load() {
    order = await get(`/api/work-orders/${number}`);
    supervision = await supervisionPanel(number, order.status);
    draw();
  }

  function draw() {
    clear(root);
    const loc = order.location;
    root.append(...[
      h('div', { class: 'page-head' }, h('a', { href: '/work-orders', 'data-nav': '', class: 'back' }, '← 工单列表'),
        h('h1', null, `工单 ${order.number} `, h('span', { class: `wo-status ${order.status}` }, order.status_label || WO_STATUS[order.status]), ' ', h('span', { class: `badge ${order.urgency}` }, URGENCY[order.urgency]))),
      order.deadlines.overdue ? h('p', { class: 'banner warn' }, `已超过当前环节时限（${time(order.deadlines.current_step_due)}），请尽快处理。`) : null,
      actsOnLeads() ? actions() : null,
      editing ? editForm() : null,
      h('div', { class: 'columns' },
        h('div', null,
          h('h2', null, '工单描述'), h('p', { class: 'post-text' }, order.description),
          h('h2', null, `来源帖子（${(order.source_posts || []).length}）`),
          (order.source_posts || []).map((p) => h('article', { class: 'post' },
            h('header', null, h('strong', null, platformName(p.platform)), ' · ', p.author || '匿名', ' · ', time(p.published_at || p.first_seen_at),
              p.ip_location ? ` · IP 属地：${p.ip_location}` : '', p.url && /^https?:\/\//i.test(p.url) ? [' · ', h('a', { href: p.url, target: '_blank', rel: 'noopener noreferrer nofollow' }, '查看原文 ↗')] : ''),
            h('p', { class: 'post-text' }, p.text))),
          linkedTicketsSection(order.linked_tickets)),
        h('aside', { class: 'facts' }, h('dl', null,
          dt('分类', order.category_label), dt('事项', order.sub_item_label || order.sub_item || '—'), dt('责任部门', order.department),
          dt('位置', [loc.district, loc.street, loc.place].filter(Boolean).join(' ') || '—'), dt('公益诉讼领域', domainNames(order.domains)),
          dt('发现时间', time(order.deadlines.discovered_at)), dt('派发时限', time(order.deadlines.dispatch)),
          dt('当前环节时限', time(order.deadlines.current_step_due)), dt('来源线索', h('a', { href: `/leads/${order.lead_id}`, 'data-nav': '' }, `线索 #${order.lead_id}`))))),
      h('section', { class: 'audit' }, h('h2', null, '处理历程'),
        h('table', { class: 'list history-table' }, h('thead', null, h('tr', null, ['时间', '类型', '状态变化', '部门', '说明', '操作人'].map((t) => h('th', null, t)))),
          h('tbody', null, order.history.map((e) => h('tr', null, h('td', { class: 'nowrap' }, time(e.at)), h('td', null, KIND[e.kind] || e.kind),
            h('td', null, e.from_status ? `${WO_STATUS[e.from_status] || e.from_status} → ` : '', WO_STATUS[e.to_status] || e.to_status || ''), h('td', null, e.department || ''), h('td', null, e.note || ''), h('td', null, e.who)))))),
      supervision,
      auditView('审计记录', order.audit)].filter(Boolean));
  }

  const dt = (label, value) => [h('dt', null, label), h('dd', null, value)];

  function actions() {
    const note = h('input', { name: 'note', placeholder: '说明（退回时必须填写原因）', maxlength: 2000, class: 'grow' });
    const buttons = (order.allowed_transitions || []).filter((s) => s !== 'reassigned').map((to) =>
      h('button', { type: 'button', class: to === 'returned' ? '' : 'primary', onclick: () => transition(to, note.value.trim()) }, `改为「${WO_STATUS[to] || to}」`));
    const admin = state.user.role === 'admin' && order.status === 'returned'
      ? h('button', { type: 'button', onclick: reassign }, '改派给其他部门（管理员）') : null;
    return h('div', { class: 'actions' }, note, buttons, admin, h('button', { type: 'button', onclick: () => ((editing = !editing), draw()) }, editing ? '取消修改' : '修改工单'));
  }

  function editForm() {
    return h('form', { class: 'panel edit', onsubmit: (e) => (e.preventDefault(), save(e.target)) },
      h('label', null, '分类', h('select', { name: 'category' }, cat.categories.map((c) => h('option', { value: c.code, selected: c.code === order.category }, c.name)))),
      h('label', null, '区', h('select', { name: 'district' }, h('option', { value: '' }, '（未指定）'), cat.districts.map((d) => h('option', { value: d, selected: d === order.location.district }, d)))),
      h('label', null, '地点', h('input', { name: 'place', value: order.location.place || '' })),
      h('label', { class: 'wide' }, '描述', h('textarea', { name: 'description', rows: 5 }, order.description)),
      h('p', { class: 'muted small' }, '修改分类或区会按责任清单重新确定责任部门，并记入处理历程。'),
      h('button', { type: 'submit', class: 'primary' }, '保存'));
  }

  async function run(fn, message) {
    try {
      await fn();
      toast(message, 'ok');
      editing = false;
      await load();
    } catch (err) {
      toast(err.message, 'error');
    }
  }

  const transition = (to, note) => run(() => post(`/api/work-orders/${number}/transitions`, { to, version: order.version, ...(note ? (to === 'returned' ? { reason: note } : { note }) : {}) }), `已改为「${WO_STATUS[to] || to}」。`);

  async function reassign() {
    const { departments } = await get('/api/departments');
    const name = prompt(`改派给哪个部门？可选：\n${departments.map((d) => d.name).slice(0, 40).join('\n')}`);
    if (name) run(() => post(`/api/work-orders/${number}/reassign`, { department: name.trim(), version: order.version }), `已改派给 ${name.trim()}。`);
  }

  const save = (form) => {
    const body = { version: order.version };
    if (form.elements.category.value !== order.category) body.category = form.elements.category.value;
    const district = form.elements.district.value || null;
    if (district !== order.location.district) body.district = district;
    const place = form.elements.place.value.trim() || null;
    if (place !== order.location.place) body.place = place;
    if (form.elements.description.value.trim() !== order.description) body.description = form.elements.description.value.trim();
    return run(() => patch(`/api/work-orders/${number}`, body), '已保存。');
  };

  await load();
  return { keys: { q: () => navigate('/work-orders') } };
}
