// 一个规则文件 (admins): the YAML editor with the schema's messages as it is typed, 测试此修改 (the
// running rules vs. the edit over every labelled set and the newest stored posts, gained and lost
// posts), 启用 (a new version), and the versions with diff and rollback.
import { ApiError, get, post } from './api.js';
import { clear, h, time, toast } from './dom.js';
import { showFieldHelp, showIssues, showVersionDiff } from './editor-parts.js';
import { mountYamlEditor } from './yaml-editor.js';

const tech = (text) => h('code', { class: 'tech' }, text);
const pct = (x) => (x === undefined || x === null ? '—' : `${(x * 100).toFixed(1)}%`);
const ACTION = { import: '导入（磁盘上的内容）', activate: '启用', rollback: '回滚' };

export async function renderRuleEditor(main, [key]) {
  const url = `/api/admin/rules/${encodeURIComponent(key)}`;
  let data = await get(url);
  let issues = [];
  const issuesBox = h('div', { class: 'editor-issues', 'aria-live': 'polite' });
  const help = h('aside', { class: 'field-help', 'aria-label': '字段说明' });
  const editorBox = h('div', { class: 'yaml-editor' });
  const result = h('div', { class: 'rule-trial', 'aria-live': 'polite' });
  const versionsBox = h('div');
  const diffBox = h('div', { class: 'version-diff', 'aria-live': 'polite' });
  const postsInput = h('input', { id: 'trial-posts', type: 'number', min: '0', max: '20000', value: '2000' });
  const testBtn = h('button', { type: 'button', onclick: () => runTrial() }, '测试此修改');
  const activateBtn = h('button', { type: 'button', class: 'primary', onclick: () => activate() }, '启用');

  main.append(h('section', { class: 'rule-editor' },
    h('div', { class: 'page-head' }, h('h1', null, `规则：${data.name || key}`),
      h('p', { class: 'keys' }, h('kbd', null, 'Ctrl+Enter'), ' 测试 ', h('kbd', null, 'Ctrl+S'), ' 启用 ', h('kbd', null, 'Esc'), ' 然后 ', h('kbd', null, 'Tab'), ' 离开编辑器')),
    h('p', null, h('a', { href: '/admin/rules', 'data-nav': '' }, '← 全部规则文件'), '　文件 ', tech(data.file)),
    h('div', { class: 'editor-layout' }, h('div', null, editorBox, issuesBox), help),
    h('p', { class: 'actions' }, h('label', { for: 'trial-posts' }, '测试最近的帖子数：'), postsInput, ' ', testBtn, ' ', activateBtn),
    result,
    h('h2', null, '版本'), versionsBox, diffBox));

  const editor = mountYamlEditor(editorBox, {
    doc: data.yaml,
    schema: data.schema,
    label: '规则文件（YAML）',
    check: async (yaml) => (await post(`${url}/validate`, { yaml })).issues,
    onIssues: (found) => {
      issues = found;
      activateBtn.disabled = found.length > 0;
      showIssues(issuesBox, found, editor, '无法测试或启用');
    },
    onHelp: (at) => showFieldHelp(help, data.schema, at, '规则的写法见规则目录中的说明。'),
    keys: { 'Mod-s': () => activate(), 'Mod-Enter': () => runTrial() },
  });

  function refused(err) {
    if (err instanceof ApiError && err.body && err.body.issues) {
      issues = err.body.issues;
      activateBtn.disabled = true;
      showIssues(issuesBox, issues, editor, '无法测试或启用');
      toast('规则有误；正在运行的规则不变。', 'error');
    } else toast(err.message, 'error');
  }

  async function runTrial() {
    if (testBtn.disabled) return;
    testBtn.disabled = true;
    clear(result).append(h('p', { class: 'muted' }, '正在测试：用现行规则和修改后的规则分别判断每个标注集和最近的帖子，约需十几秒…'));
    try {
      const r = await post(`${url}/test`, { yaml: editor.text(), posts: Number(postsInput.value) || 0 });
      clear(result).append(trialView(r));
    } catch (err) {
      clear(result);
      refused(err);
    } finally {
      testBtn.disabled = false;
    }
  }

  async function activate() {
    if (activateBtn.disabled) return void toast('规则有误，不能启用；请先修改标出的问题。', 'error');
    if (!confirm('启用这份规则？正在运行的规则会在下一批帖子时换成它。')) return;
    activateBtn.disabled = true;
    try {
      const r = await post(`${url}/activate`, { yaml: editor.text(), baseSha: data.sha });
      toast(`已启用为第 ${r.version.version} 版。`);
      await reload();
    } catch (err) {
      refused(err);
    } finally {
      activateBtn.disabled = issues.length > 0;
    }
  }

  async function rollback(v) {
    if (!confirm(`回滚到第 ${v.version} 版？它的内容会作为新版本启用。`)) return;
    try {
      const r = await post(`${url}/versions/${v.version}/rollback`);
      toast(`已回滚到第 ${v.version} 版（新版本 ${r.version.version}）。`);
      await reload();
      editor.view.dispatch({ changes: { from: 0, to: editor.view.state.doc.length, insert: data.yaml } });
    } catch (err) {
      refused(err);
    }
  }

  async function reload() {
    data = await get(url);
    drawVersions();
  }

  function drawVersions() {
    const versions = data.versions;
    clear(versionsBox).append(h('table', { class: 'list versions' },
      h('thead', null, h('tr', null, ['版本', '操作', '操作人', '时间', ''].map((x) => h('th', null, x)))),
      h('tbody', null, versions.length ? versions.map((v, i) => h('tr', { 'data-version': v.version },
        h('td', null, `第 ${v.version} 版`), h('td', null, ACTION[v.action] || v.action), h('td', null, v.actor === 'system' ? '系统' : v.actor_name || '—'), h('td', null, time(v.created_at)),
        h('td', null,
          h('button', { type: 'button', class: 'link', onclick: () => showVersionDiff(diffBox, versions[i + 1], v) }, '与上一版比较'), ' ',
          i > 0 ? h('button', { type: 'button', class: 'link', onclick: () => rollback(v) }, '回滚到此版本') : null)))
        : h('tr', null, h('td', { colspan: 5, class: 'empty' }, '还没有通过本页面启用过的版本。')))));
  }
  drawVersions();
  editor.focus();
  return { keys: {} };
}

/** The trial: per set rules-only figures before → after, then the posts that changed (text only as text). */
function trialView(r) {
  const labelled = r.sets.filter((s) => s.kind === 'labelled');
  const stored = r.sets.find((s) => s.kind === 'stored');
  const arrow = (a, b) => h('span', { class: a === b ? '' : b > a ? 'better' : 'worse' }, `${pct(a)} → ${pct(b)}`);
  return h('div', null,
    h('h2', null, `测试结果（仅规则，用时 ${(r.durationMs / 1000).toFixed(1)} 秒，未启用）`),
    h('table', { class: 'list trial-sets' },
      h('thead', null, h('tr', null, ['标注集', '帖子', '精确率', '召回率', 'F1', '新判对', '新判错'].map((x) => h('th', null, x)))),
      h('tbody', null, labelled.map((s) => h('tr', { 'data-set': s.set },
        h('td', null, tech(s.set)), h('td', null, String(s.posts)),
        h('td', null, arrow(s.before.precision, s.after.precision)), h('td', null, arrow(s.before.recall, s.after.recall)), h('td', null, arrow(s.before.f1, s.after.f1)),
        h('td', null, String(s.gainedCount)), h('td', null, String(s.lostCount)))))),
    stored ? h('p', { 'data-set': 'stored' }, `最近 ${stored.posts} 条帖子：判为线索 ${stored.before.leads} → ${stored.after.leads} 条，新判为线索 ${stored.gainedCount} 条，不再判为线索 ${stored.lostCount} 条。`) : null,
    [...labelled, stored].filter((s) => s && (s.gainedCount || s.lostCount)).map((s) => h('details', { class: 'trial-changes', 'data-set': s.set, open: true },
      h('summary', null, s.kind === 'stored' ? '最近的帖子' : ['标注集 ', tech(s.set)], `：${s.kind === 'stored' ? '新判为线索' : '新判对'} ${s.gainedCount} 条，${s.kind === 'stored' ? '不再判为线索' : '新判错'} ${s.lostCount} 条`),
      changes(s.kind === 'stored' ? '新判为线索' : '新判对', s.gained, s.gainedCount, 'gained'),
      changes(s.kind === 'stored' ? '不再判为线索' : '新判错', s.lost, s.lostCount, 'lost'))));
}

function changes(title, posts, count, kind) {
  if (!count) return null;
  return h('div', { class: `trial-${kind}` }, h('h3', null, `${title}${count > posts.length ? `（显示前 ${posts.length} 条，共 ${count} 条）` : ''}`),
    h('ul', null, posts.map((p) => h('li', { 'data-post': p.id }, tech(p.id), ' ', p.title ? h('strong', null, p.title, ' ') : null, h('span', { class: 'post-text' }, p.text)))));
}
