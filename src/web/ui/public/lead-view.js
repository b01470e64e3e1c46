import { ApiError, csrf, del, get, patch, post } from './api.js';
import { catalogue, navigate, state } from './app.js';
import { age, clear, h, highlighted, time, toast } from './dom.js';
import { STATUS, URGENCY, domainNames, platformName } from './labels.js';
import { auditView } from './audit-view.js';
import { neighbour, queue } from './queue-state.js';
import { evidenceView } from './evidence-view.js';
import { actsOnLeads } from './roles.js';
import { hotlineSection } from './hotline-tickets.js';
import { citizenReportsPanel } from './citizen-report-panel.js';

const kbd = (k) => h('kbd', null, k);

/** One lead: posts as text with highlights, suggestions (editable), actions by keyboard, audit trail. */
export async function renderLead(main, [idText]) {
  const id = Number(idText);
  const cat = await catalogue();
  let lead;
  let panel = null; // 'reject' | 'merge' | 'edit' | null
  let busy = false;
  let renewTimer;

  const root = h('section', { class: 'lead', dataset: { leadId: id } });
  main.append(root);

  async function load() {
    lead = await get(`/api/leads/${id}`);
    if (actsOnLeads() && lead.status === 'new' && (!lead.claim || lead.claim.mine)) {
      try {
        lead.claim = (await post(`/api/leads/${id}/claim`)).claim;
      } catch (err) {
        if (!(err instanceof ApiError && err.status === 409)) throw err;
        lead = await get(`/api/leads/${id}`);
      }
    }
    draw();
  }

  const mine = () => actsOnLeads() && lead.status === 'new' && (!lead.claim || lead.claim.mine);
  const reopenable = () => actsOnLeads() && (lead.status === 'rejected' || lead.status === 'merged');

  function draw() {
    clear(root);
    const category = cat.categories.find((c) => c.code === lead.category);
    const sub = category?.subItems.find((s) => s.id === lead.subItem);
    root.append(...[
      h('div', { class: 'page-head' },
        h('a', { href: '/', 'data-nav': '', class: 'back' }, '← 返回队列 (q)'),
        h('h1', null, `线索 #${lead.id}`, ' ', h('span', { class: `status ${lead.status}` }, STATUS[lead.status]), ' ', h('span', { class: `badge ${lead.urgency}` }, URGENCY[lead.urgency]))),
      claimBanner(),
      statusBanner(),
      actionBar(),
      panelView(),
      h('div', { class: 'columns' },
        h('div', { class: 'posts' }, h('h2', null, `帖子（${lead.posts.length}）`), lead.posts.map(postCard), lead.posts.some((p) => p.platform === 'citizen') ? citizenReportsPanel(lead.id) : null, lead.posts.length === 0 ? h('p', { class: 'muted' }, '此线索没有帖子（已合并到其他线索）。') : null),
        h('aside', { class: 'facts' },
          h('h2', null, '系统建议'),
          h('dl', null,
            fact('分类', category ? category.name : lead.category, 'category'),
            fact('事项', sub ? sub.name : lead.subItem || '—', 'sub_item'),
            fact('紧急程度', URGENCY[lead.urgency], 'urgency'),
            fact('区', lead.district || '—', 'district'),
            fact('街道', lead.street || '—', 'street'),
            fact('地点', lead.place || '—', 'place'),
            fact('得分 / 热度', `${lead.score.toFixed(2)} / ${lead.heat}`),
            fact('发帖时间', lead.postedAt ? `${time(lead.postedAt)}（${age(lead.postedAt)}）` : '帖子未注明'),
            fact('发现时间', `${time(lead.discoveredAt)}（${age(lead.discoveredAt)}）`),
            fact('公益诉讼领域', domainNames(lead.domains)),
            fact('命中规则', h('span', { title: state.user.role === 'admin' ? lead.matched.join('\n') : null }, lead.matchedNames.join('、') || '—')),
            lead.createdBy ? fact('录入人', lead.createdBy) : null,
            lead.workOrder ? fact('工单', h('a', { href: `/work-orders/${lead.workOrder}`, 'data-nav': '' }, lead.workOrder)) : null,
            lead.mergedInto ? fact('已合并到', h('a', { href: `/leads/${lead.mergedInto}`, 'data-nav': '' }, `线索 #${lead.mergedInto}`)) : null,
            lead.mergedFrom.length ? fact('并入的线索', lead.mergedFrom.map((m) => h('a', { href: `/leads/${m.id}`, 'data-nav': '' }, `#${m.id} `))) : null,
            lead.reviewedBy ? fact('核实', `${lead.reviewedBy} · ${time(lead.reviewedAt)}`) : null),
          h('p', { class: 'muted small' }, '标 ✎ 的项已人工修改，系统重新分类时不会覆盖。'),
          hotlineSection(lead.id, lead.hotline, load),
          h('h2', null, '判定依据'),
          evidenceView(lead.evidence, (code) => cat.categories.find((c) => c.code === code)?.name || code))),
      auditView('操作记录', lead.audit)].filter(Boolean));
    const focus = root.querySelector('[autofocus]');
    if (focus) focus.focus();
  }

  function fact(label, value, field) {
    return [h('dt', null, label), h('dd', null, value, field && lead.editedFields.includes(field) ? h('span', { class: 'edited', title: '已人工修改' }, ' ✎') : null)];
  }

  function claimBanner() {
    if (lead.status !== 'new' || !lead.claim) return null;
    if (lead.claim.mine) return h('p', { class: 'banner ok' }, `您已认领此线索，至 ${time(lead.claim.until)}；离开页面即释放。`);
    return h('p', { class: 'banner warn' }, `此线索正由 ${lead.claim.name} 处理（认领至 ${time(lead.claim.until)}）。您可以查看，但不能操作；请按 j 处理下一条。`,
      state.user.role === 'admin' ? h('button', { type: 'button', onclick: releaseOther }, '释放认领（管理员）') : null);
  }

  function statusBanner() {
    if (lead.status === 'rejected') return h('p', { class: 'banner' }, `已驳回：${lead.rejectReasonLabel}${lead.rejectNote ? `（${lead.rejectNote}）` : ''}。按 u 可重新打开。`);
    if (lead.status === 'merged') return h('p', { class: 'banner' }, `已合并到线索 #${lead.mergedInto}。按 u 可重新打开（帖子会移回）。`);
    if (lead.status === 'confirmed') return h('p', { class: 'banner ok' }, '已确认，工单：', h('a', { href: `/work-orders/${lead.workOrder}`, 'data-nav': '' }, lead.workOrder || '—'));
    return null;
  }

  function actionBar() {
    const can = mine();
    const btn = (key, label, fn, enabled, cls = '') => h('button', { type: 'button', class: cls, disabled: !enabled || busy, onclick: fn, dataset: { key } }, kbd(key), ' ', label);
    return h('div', { class: 'actions', role: 'toolbar', 'aria-label': '操作' },
      actsOnLeads() ? [
        btn('c', '确认并生成工单', confirmLead, can, 'primary'),
        btn('r', '驳回', () => openPanel('reject'), can),
        btn('m', '合并', () => openPanel('merge'), can),
        btn('e', '修改建议', () => openPanel('edit'), can),
        btn('u', '重新打开', reopen, reopenable())] : null,
      h('span', { class: 'spacer' }),
      btn('k', '上一条', () => go(-1), true),
      btn('j', '下一条', () => go(1), true),
      h('button', { type: 'button', onclick: () => document.getElementById('help').showModal() }, kbd('?'), ' 帮助'));
  }

  function panelView() {
    if (panel === 'reject') {
      return h('form', { class: 'panel', id: 'reject-panel', onsubmit: (e) => e.preventDefault() },
        h('h2', null, '驳回原因：按数字键选择并提交'),
        h('ol', { class: 'reasons' }, cat.rejectReasons.map((r, i) =>
          h('li', null, h('button', { type: 'button', dataset: { reason: r.code }, onclick: () => reject(r.code) }, kbd(String(i + 1)), ' ', r.name)))),
        h('label', null, '说明（可选，先填写再按数字或点击原因）', h('input', { name: 'note', maxlength: 1000, onkeydown: noteKeys })),
        h('p', { class: 'muted small' }, 'Esc 取消'));
    }
    if (panel === 'merge') {
      return h('form', { class: 'panel', id: 'merge-panel', onsubmit: (e) => (e.preventDefault(), merge(e.target.elements.into.value)) },
        h('h2', null, '合并到另一条线索'),
        h('label', null, '目标线索编号', h('input', { name: 'into', inputmode: 'numeric', pattern: '[0-9]+', required: true, autofocus: true, placeholder: '例如 1024' })),
        h('p', { class: 'muted small' }, '本线索的帖子将移到目标线索，热度相加。回车提交，Esc 取消。'),
        h('button', { type: 'submit', class: 'primary' }, '合并'));
    }
    if (panel === 'edit') {
      const category = cat.categories.find((c) => c.code === lead.category);
      const subSelect = h('select', { name: 'subItem' }, h('option', { value: '' }, '（未指定）'), (category?.subItems || []).map((s) => h('option', { value: s.id, selected: s.id === lead.subItem }, s.name)));
      const catSelect = h('select', { name: 'category', autofocus: true, onchange: () => {
        const c = cat.categories.find((x) => x.code === catSelect.value);
        clear(subSelect).append(h('option', { value: '' }, '（未指定）'), ...(c?.subItems || []).map((s) => h('option', { value: s.id }, s.name)));
      } }, cat.categories.map((c) => h('option', { value: c.code, selected: c.code === lead.category }, c.name)));
      return h('form', { class: 'panel edit', id: 'edit-panel', onsubmit: (e) => (e.preventDefault(), saveEdit(e.target)) },
        h('h2', null, '修改系统建议'),
        h('label', null, '分类', catSelect),
        h('label', null, '事项', subSelect),
        h('label', null, '紧急程度', h('select', { name: 'urgency' }, Object.entries(URGENCY).map(([v, t]) => h('option', { value: v, selected: v === lead.urgency }, t)))),
        h('label', null, '区', h('select', { name: 'district' }, h('option', { value: '' }, '（未指定）'), cat.districts.map((d) => h('option', { value: d, selected: d === lead.district }, d)))),
        h('label', null, '街道', h('input', { name: 'street', value: lead.street || '', maxlength: 80 })),
        h('label', null, '地点', h('input', { name: 'place', value: lead.place || '', maxlength: 200 })),
        h('div', null, h('button', { type: 'submit', class: 'primary' }, '保存'), ' ', h('button', { type: 'button', onclick: () => openPanel(null) }, '取消（Esc）')));
    }
    return null;
  }

  function noteKeys(e) {
    if (e.key === 'Enter') e.preventDefault();
  }

  function postCard(p) {
    return h('article', { class: 'post', dataset: { postId: p.id } },
      h('header', null,
        h('strong', null, platformName(p.platform)), ' · ', p.author || '匿名', ' · ', time(p.publishedAt || p.firstSeenAt),
        p.ipLocation ? ` · IP 属地：${p.ipLocation}` : '',
        p.url ? [' · ', h('a', { href: p.url, target: '_blank', rel: 'noopener noreferrer nofollow', class: 'source' }, '查看原文 ↗')] : ''),
      p.title ? h('h3', { class: 'post-title' }, p.title) : null,
      h('p', { class: 'post-text' }, highlighted(p.text, p.spans)),
      h('footer', { class: 'muted small' }, `赞 ${p.likes ?? '—'} · 评 ${p.comments ?? '—'} · 转 ${p.shares ?? '—'}`));
  }

  function openPanel(name) {
    panel = name;
    draw();
  }

  async function act(fn, after) {
    if (busy) return;
    busy = true;
    try {
      await fn();
      if (after) await after();
    } catch (err) {
      toast(err.message, 'error');
      if (err instanceof ApiError && err.status === 409) await load().catch(() => {});
    } finally {
      busy = false;
      if (root.isConnected) draw();
    }
  }

  const confirmLead = () => act(async () => {
    const res = await post(`/api/leads/${id}/confirm`, { version: lead.version });
    toast(`已确认，生成工单 ${res.workOrder.number}。`, 'ok', { href: `/work-orders/${res.workOrder.number}`, text: '查看工单' });
  }, () => go(1, true));

  const reject = (reason) => act(async () => {
    const note = root.querySelector('#reject-panel input[name=note]')?.value.trim() || null;
    await post(`/api/leads/${id}/reject`, { version: lead.version, reason, note });
    toast(`已驳回：${cat.rejectReasons.find((r) => r.code === reason).name}。`, 'ok');
  }, () => go(1, true));

  const merge = (value) => act(async () => {
    const into = Number(value);
    if (!Number.isInteger(into) || into <= 0) throw new Error('请输入目标线索的编号（数字）。');
    await post(`/api/leads/${id}/merge`, { version: lead.version, into });
    toast(`已合并到线索 #${into}。`, 'ok', { href: `/leads/${into}`, text: '查看' });
  }, () => go(1, true));

  const reopen = () => act(async () => {
    lead = await post(`/api/leads/${id}/reopen`, { version: lead.version });
    toast('已重新打开，线索回到待核实队列。', 'ok');
  }, load);

  const saveEdit = (form) => act(async () => {
    const val = (name) => form.elements[name].value.trim() || null;
    const fields = { category: form.elements.category.value, subItem: val('subItem'), urgency: form.elements.urgency.value, district: val('district'), street: val('street'), place: val('place') };
    const current = { category: lead.category, subItem: lead.subItem, urgency: lead.urgency, district: lead.district, street: lead.street, place: lead.place };
    const changed = Object.fromEntries(Object.entries(fields).filter(([k, v]) => v !== current[k]));
    if (Object.keys(changed).length === 0) {
      panel = null;
      return;
    }
    lead = await patch(`/api/leads/${id}`, { version: lead.version, ...changed });
    panel = null;
    toast('已保存修改。', 'ok');
  });

  const releaseOther = () => act(async () => {
    await del(`/api/leads/${id}/claim`);
    toast('已释放认领。', 'ok');
  }, load);

  async function go(step, afterAction = false) {
    const next = await neighbour(id, step);
    if (next) navigate(`/leads/${next}`);
    else if (afterAction || step > 0) {
      toast(step > 0 ? '队列已处理到底，返回队列页。' : '已是第一条。');
      if (step > 0) navigate('/');
    }
  }

  async function release() {
    clearInterval(renewTimer);
    if (lead && lead.status === 'new' && lead.claim && lead.claim.mine) await del(`/api/leads/${id}/claim`).catch(() => {});
  }

  await load();
  queue.index = Math.max(0, queue.ids.indexOf(id));
  // Keep the claim while the page is open (renewed before it lapses).
  renewTimer = setInterval(() => {
    if (lead.status === 'new' && lead.claim && lead.claim.mine) post(`/api/leads/${id}/claim`).then((r) => (lead.claim = r.claim)).catch(() => {});
  }, 60_000);

  const digit = (n) => () => {
    if (panel === 'reject' && cat.rejectReasons[n]) reject(cat.rejectReasons[n].code);
  };
  return {
    leave: release,
    unload: () => {
      // The tab is closing: a keepalive request outlives the page, so the claim does not linger.
      if (lead.status === 'new' && lead.claim && lead.claim.mine) fetch(`/api/leads/${id}/claim`, { method: 'DELETE', keepalive: true, headers: { 'x-csrf-token': csrf() } }).catch(() => {});
    },
    keys: {
      c: () => mine() && !panel && confirmLead(),
      r: () => mine() && openPanel('reject'),
      m: () => mine() && openPanel('merge'),
      e: () => mine() && openPanel('edit'),
      u: () => reopenable() && reopen(),
      j: () => go(1),
      k: () => go(-1),
      q: () => navigate('/'),
      1: digit(0), 2: digit(1), 3: digit(2), 4: digit(3), 5: digit(4),
      Escape: () => panel && openPanel(null),
    },
  };
}
