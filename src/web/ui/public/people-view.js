import { get, patch, post } from './api.js';
import { clear, h, time, toast } from './dom.js';
import { ROLE } from './labels.js';
import { adminTabs, shownOnce, tech } from './admin-kit.js';
import { state } from './app.js';

const ROLE_ORDER = ['verifier', 'supervisor', 'admin'];
const ROLE_HELP = { verifier: '核实线索、处理工单', supervisor: '只读并督办重点工单', admin: '以上全部，并管理人员、密钥、平台' };

/** 人员 (admins): everyone who logs in; create with a one-time code, role, disable, reset password. */
export async function renderPeople(main) {
  const once = h('div', { id: 'shown-once' });
  const tbody = h('tbody');
  const form = h('form', { class: 'panel edit', id: 'new-user', novalidate: true },
    h('h2', null, '新建用户'),
    h('label', null, '用户名（登录用）', h('input', { name: 'name', required: true, maxlength: 40, autocomplete: 'off' })),
    h('label', null, '显示名', h('input', { name: 'display_name', maxlength: 40, autocomplete: 'off', placeholder: '如 张三' })),
    h('label', null, '角色', h('select', { name: 'role' }, ROLE_ORDER.map((r) => h('option', { value: r }, `${ROLE[r]}：${ROLE_HELP[r]}`)))),
    h('label', null, '密码', h('select', { name: 'mode', onchange: () => (passwordLabel.hidden = form.elements.mode.value !== 'password') },
      h('option', { value: 'code' }, '本人用一次性代码设置（推荐）'),
      h('option', { value: 'password' }, '由我设置初始密码'))),
    h('p', { class: 'muted small' }, '推荐用一次性代码：新建后页面显示代码，请当面或电话告知本人；本人在登录页点「使用一次性代码」设置自己的密码。代码 72 小时内有效，只能用一次。'),
    h('div', { class: 'wide' }, h('button', { type: 'submit', class: 'primary' }, '新建')));
  const passwordLabel = h('label', { hidden: true }, '初始密码', h('input', { name: 'password', type: 'password', autocomplete: 'new-password' }));
  form.querySelector('.wide').before(passwordLabel);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    create();
  });

  main.append(h('section', { class: 'admin people' },
    adminTabs('/admin/people'),
    h('div', { class: 'page-head' }, h('h1', null, '人员'), h('p', { class: 'keys' }, h('kbd', null, 'n'), ' 新建用户 ', h('kbd', null, 'g'), ' 刷新')),
    h('p', { class: 'muted' }, '能登录本平台的人。停用会立即结束此人的会话；最后一位启用的管理员不能停用或改为其他角色。'),
    once, form,
    h('table', { class: 'list people-table' }, h('thead', null, h('tr', null, ['姓名', '用户名', '角色', '状态', '最近登录', '操作'].map((t) => h('th', null, t)))), tbody)));

  async function load() {
    try {
      draw((await get('/api/admin/users')).items);
    } catch (err) {
      toast(err.message, 'error');
    }
  }

  function statusOf(u) {
    if (u.disabled) return '已停用';
    if (!u.setup_code_expires_at) return '正常';
    return new Date(u.setup_code_expires_at) > new Date() ? `待本人设置密码（代码有效至 ${time(u.setup_code_expires_at)}）` : '待设置密码，代码已过期：请重置密码';
  }

  function draw(users) {
    clear(tbody);
    for (const u of users) {
      const who = u.display_name || u.name;
      const role = h('select', { 'aria-label': `${who}的角色`, onchange: () => update(u, { role: role.value }, `已将 ${who} 改为${ROLE[role.value]}`) },
        ROLE_ORDER.map((r) => h('option', { value: r, selected: r === u.role }, ROLE[r])));
      tbody.append(h('tr', { 'data-user': u.name, class: u.disabled ? 'muted' : undefined },
        h('td', null, u.display_name || '—', u.id === state.user.id ? h('span', { class: 'muted small' }, '（您）') : null),
        h('td', null, tech(u.name)),
        h('td', null, role),
        h('td', { class: 'user-status' }, statusOf(u)),
        h('td', null, time(u.last_login_at)),
        h('td', null,
          h('button', { type: 'button', class: 'toggle', onclick: () => update(u, { disabled: !u.disabled }, u.disabled ? `已启用 ${who}` : `已停用 ${who}，其会话已结束`) }, u.disabled ? '启用' : '停用'),
          ' ',
          h('button', { type: 'button', class: 'reset', onclick: () => reset(u) }, '重置密码'))));
    }
  }

  async function update(u, body, done) {
    try {
      await patch(`/api/admin/users/${u.id}`, body);
      toast(done, 'ok');
    } catch (err) {
      toast(err.message, 'error');
    }
    await load();
  }

  async function reset(u) {
    const who = u.display_name || u.name;
    if (!confirm(`重置 ${who} 的密码？旧密码立即失效，此人的会话全部结束；此人需用新的一次性代码设置密码。`)) return;
    try {
      const code = await post(`/api/admin/users/${u.id}/password-reset`, { name: u.name });
      showCode(`${who} 的一次性代码：`, code);
    } catch (err) {
      toast(err.message, 'error');
    }
    await load();
  }

  function showCode(title, code) {
    clear(once).append(shownOnce(title, code.code, `有效至 ${time(code.expires_at)}，只能用一次。请告知本人在登录页点「使用一次性代码」设置密码。`));
    once.querySelector('button').focus();
  }

  async function create() {
    const f = form.elements;
    const body = { name: f.name.value.trim(), role: f.role.value };
    if (f.display_name.value.trim()) body.display_name = f.display_name.value.trim();
    if (f.mode.value === 'password') body.password = f.password.value;
    try {
      const created = await post('/api/admin/users', body);
      form.reset();
      passwordLabel.hidden = true;
      const who = created.user.display_name || created.user.name;
      if (created.setup_code) showCode(`已新建 ${who}。一次性代码：`, created.setup_code);
      else clear(once), toast(`已新建 ${who}`, 'ok');
      await load();
    } catch (err) {
      toast(err.message, 'error');
      const field = err.field && f[err.field.replace(/^body\./, '')];
      if (field && field.focus) field.focus();
    }
  }

  await load();
  return { keys: { n: () => form.elements.name.focus(), g: () => load() } };
}
