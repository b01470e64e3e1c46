import { api, del, get, post } from './api.js';
import { clear, h, time, toast } from './dom.js';
import { actorName, adminTabs, shownOnce, tech } from './admin-kit.js';

const EVENT = { 'work_order.created': '工单生成', 'work_order.status_changed': '工单状态变化', 'work_order.updated': '工单信息修改', 'work_order.rerouted': '工单改派' };
const DELIVERY = { pending: '待投递', delivered: '已送达', failed: '失败' };
const PAGE = 50;

/** 事件推送 (admins): destinations allowed, subscriptions (signing secret shown once), the delivery log with retry. */
export async function renderWebhooks(main) {
  const once = h('div', { id: 'shown-once' });
  const allowBody = h('tbody');
  const subBody = h('tbody');
  const logBody = h('tbody');
  const keySelect = h('select', { name: 'api_key_id', required: true });
  const statusFilter = h('select', { 'aria-label': '按状态筛选', onchange: () => loadLog() },
    h('option', { value: '' }, '全部状态'), Object.entries(DELIVERY).map(([v, t]) => h('option', { value: v }, t)));
  const older = h('button', { type: 'button', hidden: true, onclick: () => loadLog(older.dataset.before) }, '更早的记录');
  let users = [];
  let keys = [];

  const allowForm = h('form', { class: 'panel edit', id: 'new-origin', novalidate: true },
    h('h2', null, '允许一个目标地址'),
    h('label', null, '地址（协议、主机和端口）', h('input', { name: 'origin', required: true, maxlength: 300, autocomplete: 'off', placeholder: 'https://…' })),
    h('label', null, '备注', h('input', { name: 'note', maxlength: 200, autocomplete: 'off' })),
    h('label', { class: 'wide' }, '内网理由（仅内网、本机或云元数据地址需要：为何可以向它推送）', h('input', { name: 'private_reason', maxlength: 200, autocomplete: 'off' })),
    h('div', { class: 'wide' }, h('button', { type: 'submit', class: 'primary' }, '允许')));
  const subForm = h('form', { class: 'panel edit', id: 'new-subscription', novalidate: true },
    h('h2', null, '新建订阅'),
    h('label', null, '接收方的密钥', keySelect),
    h('label', null, '推送到（须在允许的地址内）', h('input', { name: 'url', required: true, maxlength: 2000, autocomplete: 'off', placeholder: 'https://…' })),
    h('fieldset', { class: 'wide' }, h('legend', null, '事件'),
      Object.entries(EVENT).map(([value, text]) => h('label', { class: 'inline' }, h('input', { type: 'checkbox', name: 'event', value, checked: true }), ' ', text))),
    h('div', { class: 'wide' }, h('button', { type: 'submit', class: 'primary' }, '订阅')));
  allowForm.addEventListener('submit', (e) => (e.preventDefault(), allow()));
  subForm.addEventListener('submit', (e) => (e.preventDefault(), subscribe()));

  main.append(h('section', { class: 'admin webhooks' },
    adminTabs('/admin/webhooks'),
    h('div', { class: 'page-head' }, h('h1', null, '事件推送'), h('p', { class: 'keys' }, h('kbd', null, 'g'), ' 刷新')),
    h('p', { class: 'muted' }, '工单有变化时，本平台向下游系统的地址推送签名的事件。只能推送到允许的地址；内网地址须写明理由，每次连接都会重新检查。'),
    once,
    h('h2', null, '允许的目标地址'), allowForm,
    h('table', { class: 'list allow-table' }, h('thead', null, h('tr', null, ['地址', '备注', '内网理由', '添加', '操作'].map((t) => h('th', null, t)))), allowBody),
    h('h2', null, '订阅'), subForm,
    h('table', { class: 'list subs-table' }, h('thead', null, h('tr', null, ['编号', '密钥', '推送到', '事件', '新建', '状态', '操作'].map((t) => h('th', null, t)))), subBody),
    h('h2', null, '投递记录'), h('div', { class: 'filters' }, statusFilter),
    h('table', { class: 'list log-table' }, h('thead', null, h('tr', null, ['时间', '订阅', '事件', '状态', '尝试次数', '下次尝试', '最近错误', '操作'].map((t) => h('th', null, t)))), logBody),
    older));

  const fail = (err) => toast(err.message, 'error');

  async function load() {
    try {
      const [u, k, allowed, subs] = await Promise.all([get('/api/admin/users'), get('/api/admin/api-keys'), get('/api/admin/webhook-allowlist'), get('/api/admin/webhooks')]);
      users = u.items;
      keys = k.items;
      drawKeys();
      drawAllowed(allowed.items);
      drawSubs(subs.items);
      await loadLog();
    } catch (err) {
      fail(err);
    }
  }

  function drawKeys() {
    const live = keys.filter((k) => !k.revoked_at);
    clear(keySelect).append(...(live.length ? live.map((k) => h('option', { value: String(k.id) }, k.name)) : [h('option', { value: '' }, '没有有效的密钥：请先在「接口密钥」新建')]));
  }

  function drawAllowed(items) {
    clear(allowBody);
    if (!items.length) allowBody.append(h('tr', null, h('td', { colspan: 5, class: 'empty' }, '还没有允许的地址。')));
    for (const a of items) {
      allowBody.append(h('tr', { 'data-origin': a.origin },
        h('td', null, tech(a.origin)), h('td', null, a.note || '—'), h('td', null, a.private_reason || '—'),
        h('td', null, time(a.created_at), h('div', { class: 'muted small' }, actorName(a.created_by, users, keys))),
        h('td', null, h('button', { type: 'button', onclick: () => disallow(a.origin) }, '移除'))));
    }
  }

  function drawSubs(items) {
    clear(subBody);
    if (!items.length) subBody.append(h('tr', null, h('td', { colspan: 7, class: 'empty' }, '还没有订阅。')));
    for (const s of items) {
      const key = keys.find((k) => k.id === s.api_key_id);
      subBody.append(h('tr', { 'data-subscription': String(s.id), class: s.active ? undefined : 'muted' },
        h('td', null, String(s.id)), h('td', null, key ? key.name : '—'), h('td', null, tech(s.url)),
        h('td', null, s.event_types.map((t) => EVENT[t] || t).join('、')),
        h('td', null, time(s.created_at), h('div', { class: 'muted small' }, actorName(s.created_by, users, keys))),
        h('td', null, s.active ? '有效' : '已停用'),
        h('td', null, s.active ? h('button', { type: 'button', onclick: () => unsubscribe(s) }, '停用') : null)));
    }
  }

  async function loadLog(before) {
    const q = new URLSearchParams({ limit: String(PAGE) });
    if (statusFilter.value) q.set('status', statusFilter.value);
    if (before) q.set('before', before);
    try {
      const data = await get(`/api/admin/webhook-deliveries?${q}`);
      if (!before) clear(logBody);
      if (!before && !data.items.length) logBody.append(h('tr', null, h('td', { colspan: 8, class: 'empty' }, '没有投递记录。')));
      for (const d of data.items) {
        logBody.append(h('tr', { 'data-delivery': String(d.id) },
          h('td', null, time(d.created_at)), h('td', null, String(d.subscription_id)), h('td', null, EVENT[d.event_type] || d.event_type),
          h('td', { class: 'delivery-status' }, DELIVERY[d.status] || d.status, d.delivered_at ? h('div', { class: 'muted small' }, time(d.delivered_at)) : null),
          h('td', null, String(d.attempts)), h('td', null, time(d.next_attempt_at)),
          h('td', { class: 'small' }, d.last_error ? tech(d.last_error) : '—'),
          h('td', null, d.status === 'failed' ? h('button', { type: 'button', onclick: () => retry(d.id) }, '重发') : null)));
      }
      older.hidden = !data.next_before;
      older.dataset.before = data.next_before || '';
    } catch (err) {
      fail(err);
    }
  }

  async function allow() {
    const f = allowForm.elements;
    const body = { origin: f.origin.value.trim() };
    if (f.note.value.trim()) body.note = f.note.value.trim();
    if (f.private_reason.value.trim()) body.private_reason = f.private_reason.value.trim();
    try {
      await post('/api/admin/webhook-allowlist', body);
      allowForm.reset();
      toast('已允许该地址：此后可订阅推送到它的网址', 'ok');
      await load();
    } catch (err) {
      fail(err);
    }
  }

  async function disallow(origin) {
    if (!confirm(`移除 ${origin}？待推送到它的事件将失败。`)) return;
    try {
      await api('DELETE', `/api/admin/webhook-allowlist?origin=${encodeURIComponent(origin)}`);
      toast('已移除', 'ok');
    } catch (err) {
      fail(err);
    }
    await load();
  }

  async function subscribe() {
    const f = subForm.elements;
    const events = [...subForm.querySelectorAll('input[name=event]:checked')].map((c) => c.value);
    if (!f.api_key_id.value) return toast('请先在「接口密钥」新建一个密钥。', 'error');
    if (!events.length) return toast('请至少选择一种事件。', 'error');
    try {
      const sub = await post('/api/admin/webhooks', { api_key_id: Number(f.api_key_id.value), url: f.url.value.trim(), event_types: events });
      subForm.reset();
      clear(once).append(shownOnce(`订阅 ${sub.id} 的签名密钥：`, sub.secret, '接收方用它验证推送的签名，请现在交给对方。'));
      once.querySelector('button').focus();
      await load();
    } catch (err) {
      fail(err);
    }
  }

  async function unsubscribe(s) {
    if (!confirm(`停用订阅 ${s.id}？此后不再向 ${s.url} 推送。`)) return;
    try {
      await del(`/api/admin/webhooks/${s.id}`);
      toast('已停用订阅', 'ok');
    } catch (err) {
      fail(err);
    }
    await load();
  }

  async function retry(id) {
    try {
      await post(`/api/admin/webhook-deliveries/${id}/retry`);
      toast('已重新排队，稍后投递', 'ok');
    } catch (err) {
      fail(err);
    }
    await loadLog();
  }

  await load();
  return { keys: { g: () => load() } };
}
