// 规则 (admins): every rule file with its name, rule count, last change and who (GET /api/admin/rules).
import { get } from './api.js';
import { clear, h, time, toast } from './dom.js';

const tech = (text) => h('code', { class: 'tech' }, text);

export async function renderRules(main) {
  const tbody = h('tbody');
  main.append(h('section', null,
    h('div', { class: 'page-head' }, h('h1', null, '规则'), h('p', { class: 'keys' }, h('kbd', null, 'g'), ' 刷新')),
    h('p', { class: 'muted' }, '各类别的规则包，以及排除、线索信号和紧急程度规则。打开一个文件即可修改，先测试再启用；每次启用都保存为一个版本，可以回滚。'),
    h('table', { class: 'list rule-files' }, h('thead', null, h('tr', null, ['名称', '文件', '规则数', '最近修改', '修改人'].map((t) => h('th', null, t)))), tbody)));

  async function load() {
    try {
      const { files } = await get('/api/admin/rules');
      clear(tbody).append(...files.map((f) => h('tr', { 'data-rule-file': f.key },
        h('td', null, h('a', { href: `/admin/rules/${encodeURIComponent(f.key)}`, 'data-nav': '' }, f.name || tech(f.key))),
        h('td', null, tech(f.file)),
        h('td', null, f.rules === null ? '无法读取' : String(f.rules)),
        h('td', null, time(f.changedAt)),
        h('td', null, f.version === null ? '（随系统提供）' : f.changedBy || '系统'))));
    } catch (err) {
      toast(err.message, 'error');
    }
  }
  await load();
  return { keys: { g: () => load() } };
}
