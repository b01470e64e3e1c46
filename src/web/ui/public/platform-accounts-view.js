import { del, get, patch, post } from './api.js';
import { clear, h, time, toast } from './dom.js';
import { actorName, adminTabs, tech } from './admin-kit.js';

/** 平台账号 (admins): cookies and tokens per platform, write-only — after saving only names and lengths come back. */
export async function renderPlatformAccounts(main) {
  const tbody = h('tbody');
  const warning = h('div');
  const platformSelect = h('select', { name: 'platform', required: true });
  const headerRows = h('div', { class: 'wide header-rows' });
  const addHeader = () => headerRows.append(h('div', { class: 'header-row' },
    h('label', null, '请求头名称', h('input', { name: 'header_name', maxlength: 60, autocomplete: 'off', placeholder: '如 Authorization' })),
    h('label', null, '值', h('input', { name: 'header_value', type: 'password', autocomplete: 'off' }))));
  const form = h('form', { class: 'panel edit', id: 'new-account', novalidate: true },
    h('h2', null, '新增账号'),
    h('label', null, '平台', platformSelect),
    h('label', null, '账号名称', h('input', { name: 'label', required: true, maxlength: 60, autocomplete: 'off', placeholder: '如 账号一' })),
    h('label', { class: 'wide' }, h('span', null, tech('Cookie'), '（从已登录的浏览器整行复制）'), h('input', { name: 'cookie', type: 'password', autocomplete: 'off' })),
    headerRows,
    h('div', { class: 'wide' }, h('button', { type: 'button', onclick: addHeader }, '再加一个请求头'), ' ', h('button', { type: 'submit', class: 'primary' }, '保存')),
    h('p', { class: 'muted small wide' }, '保存后加密存放，页面和接口都不再显示这些值；要更换请删除后重新填写。同一平台有多个账号时，采集轮换使用。'));
  addHeader();
  form.addEventListener('submit', (e) => (e.preventDefault(), save()));

  main.append(h('section', { class: 'admin platform-accounts' },
    adminTabs('/admin/platform-accounts'),
    h('div', { class: 'page-head' }, h('h1', null, '平台账号'), h('p', { class: 'keys' }, h('kbd', null, 'n'), ' 新增账号 ', h('kbd', null, 'g'), ' 刷新')),
    h('p', { class: 'muted' }, '需要登录才能看到内容的平台，在这里填写登录后的凭据。'),
    warning, form,
    h('table', { class: 'list accounts-table' }, h('thead', null, h('tr', null, ['平台', '账号名称', '已保存的内容', '新增', '状态', '操作'].map((t) => h('th', null, t)))), tbody)));

  let names = {};
  async function load() {
    try {
      const [accounts, platforms, users] = await Promise.all([get('/api/admin/platform-accounts'), get('/api/admin/platforms?runs=1'), get('/api/admin/users')]);
      names = Object.fromEntries(platforms.platforms.map((p) => [p.platform, p.displayName || p.platform]));
      const chosen = platformSelect.value;
      clear(platformSelect).append(...platforms.platforms.map((p) => h('option', { value: p.platform, selected: p.platform === chosen }, names[p.platform])));
      clear(warning);
      if (!accounts.encryption_ready) warning.append(h('div', { class: 'banner error' }, '服务器未配置加密密钥，暂时不能保存账号。请管理员用命令生成 32 字节的随机密钥，写入环境变量 ', tech('SECRETS_KEY'), ' 后重启。'));
      draw(accounts.items, users.items);
    } catch (err) {
      toast(err.message, 'error');
    }
  }

  function draw(items, users) {
    clear(tbody);
    if (!items.length) tbody.append(h('tr', null, h('td', { colspan: 6, class: 'empty' }, '还没有平台账号。')));
    for (const a of items) {
      tbody.append(h('tr', { 'data-account': String(a.id), class: a.enabled ? undefined : 'muted' },
        h('td', null, names[a.platform] || tech(a.platform)), h('td', null, a.label),
        h('td', { class: 'masked' }, a.fields.map((f) => h('div', null, tech(f.name), '：', f.masked, h('span', { class: 'muted small' }, `（${f.length} 个字符）`)))),
        h('td', null, time(a.created_at), h('div', { class: 'muted small' }, actorName(a.created_by, users))),
        h('td', null, a.enabled ? '使用中' : '已停用'),
        h('td', null,
          h('button', { type: 'button', onclick: () => toggle(a) }, a.enabled ? '停用' : '启用'), ' ',
          h('button', { type: 'button', onclick: () => remove(a) }, '删除'))));
    }
  }

  async function save() {
    const f = form.elements;
    const body = { platform: platformSelect.value, label: f.label.value.trim() };
    if (f.cookie.value.trim()) body.cookie = f.cookie.value.trim();
    const headers = {};
    for (const row of headerRows.querySelectorAll('.header-row')) {
      const [name, value] = row.querySelectorAll('input');
      if (name.value.trim() && value.value.trim()) headers[name.value.trim()] = value.value.trim();
    }
    if (Object.keys(headers).length) body.headers = headers;
    try {
      await post('/api/admin/platform-accounts', body);
      form.reset();
      clear(headerRows);
      addHeader();
      toast('已加密保存', 'ok');
      await load();
    } catch (err) {
      toast(err.message, 'error');
    }
  }

  async function toggle(a) {
    try {
      await patch(`/api/admin/platform-accounts/${a.id}`, { enabled: !a.enabled });
    } catch (err) {
      toast(err.message, 'error');
    }
    await load();
  }

  async function remove(a) {
    if (!confirm(`删除账号「${a.label}」？保存的凭据将一并删除。`)) return;
    try {
      await del(`/api/admin/platform-accounts/${a.id}`);
      toast('已删除', 'ok');
    } catch (err) {
      toast(err.message, 'error');
    }
    await load();
  }

  await load();
  return { keys: { n: () => form.elements.label.focus(), g: () => load() } };
}
