import { del, get, post } from './api.js';
import { clear, h, time, toast } from './dom.js';
import { actorName, adminTabs, shownOnce, tech } from './admin-kit.js';

export const SCOPE = { 'work_orders:read': '读取工单', 'work_orders:write': '回报工单进展', 'tickets:push': '推送热线工单' };

/** 接口密钥 (admins): the keys downstream systems use; a key is shown once, at creation. */
export async function renderApiKeys(main) {
  const once = h('div', { id: 'shown-once' });
  const tbody = h('tbody');
  const form = h('form', { class: 'panel edit', id: 'new-key', novalidate: true },
    h('h2', null, '新建密钥'),
    h('label', null, '名称（哪个系统使用）', h('input', { name: 'name', required: true, maxlength: 80, autocomplete: 'off', placeholder: '如 宝安区智慧城管平台' })),
    h('fieldset', { class: 'scopes' }, h('legend', null, '权限'),
      Object.entries(SCOPE).map(([value, text], i) => h('label', { class: 'inline' }, h('input', { type: 'checkbox', name: 'scope', value, checked: i === 0 }), ' ', text))),
    h('div', { class: 'wide' }, h('button', { type: 'submit', class: 'primary' }, '新建')));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    create();
  });

  main.append(h('section', { class: 'admin api-keys' },
    adminTabs('/admin/api-keys'),
    h('div', { class: 'page-head' }, h('h1', null, '接口密钥'), h('p', { class: 'keys' }, h('kbd', null, 'n'), ' 新建密钥 ', h('kbd', null, 'g'), ' 刷新')),
    h('p', { class: 'muted' }, '下游系统用密钥拉取工单、回报进展、订阅事件推送。密钥只在新建时显示一次，本平台只保存其摘要；吊销后用它的请求立即被拒绝。'),
    once, form,
    h('table', { class: 'list keys-table' }, h('thead', null, h('tr', null, ['名称', '开头', '权限', '新建', '最近使用', '状态', '操作'].map((t) => h('th', null, t)))), tbody)));

  async function load() {
    try {
      const [keys, users] = await Promise.all([get('/api/admin/api-keys'), get('/api/admin/users')]);
      draw(keys.items, users.items);
    } catch (err) {
      toast(err.message, 'error');
    }
  }

  function draw(keys, users) {
    clear(tbody);
    if (!keys.length) tbody.append(h('tr', null, h('td', { colspan: 7, class: 'empty' }, '还没有密钥。')));
    for (const k of keys) {
      tbody.append(h('tr', { 'data-key': String(k.id), class: k.revoked_at ? 'muted' : undefined },
        h('td', null, k.name),
        h('td', null, tech(`${k.prefix}…`)),
        h('td', null, k.scopes.map((s) => SCOPE[s] || s).join('、')),
        h('td', null, time(k.created_at), h('div', { class: 'muted small' }, actorName(k.created_by, users))),
        h('td', null, k.last_used_at ? time(k.last_used_at) : '从未使用'),
        h('td', { class: 'key-status' }, k.revoked_at ? `已吊销（${time(k.revoked_at)}）` : '有效'),
        h('td', null, k.revoked_at ? null : h('button', { type: 'button', class: 'revoke', onclick: () => revoke(k) }, '吊销'))));
    }
  }

  async function revoke(k) {
    if (!confirm(`吊销密钥「${k.name}」？用它的请求从此被拒绝，此操作不能撤销。`)) return;
    try {
      await del(`/api/admin/api-keys/${k.id}`);
      toast(`已吊销「${k.name}」`, 'ok');
    } catch (err) {
      toast(err.message, 'error');
    }
    await load();
  }

  async function create() {
    const name = form.elements.name.value.trim();
    const scopes = [...form.querySelectorAll('input[name=scope]:checked')].map((c) => c.value);
    if (!name || !scopes.length) {
      toast(!name ? '请填写名称：哪个系统使用这个密钥。' : '请至少选择一项权限。', 'error');
      return;
    }
    try {
      const key = await post('/api/admin/api-keys', { name, scopes });
      form.reset();
      clear(once).append(shownOnce(`「${key.name}」的密钥：`, key.key, '请现在把它填入下游系统。'));
      once.querySelector('button').focus();
      await load();
    } catch (err) {
      toast(err.message, 'error');
    }
  }

  await load();
  return { keys: { n: () => form.elements.name.focus(), g: () => load() } };
}
