// 新建平台 / 编辑平台: the crawler file in a YAML editor, checked as it is typed (POST
// /api/admin/platforms/validate, as diagnostics), field help from the format's schema, dry run, save.
import { get, post, api, ApiError } from './api.js';
import { navigate } from './app.js';
import { clear, h, toast } from './dom.js';
import { dryRunResult } from './dry-run-result.js';
import { showFieldHelp, showIssues as showIssuesIn } from './editor-parts.js';
import { mountYamlEditor } from './yaml-editor.js';

const STARTER = `displayName: 新平台
engine: cheerio
startUrls: ["https://example.cn/list?page={page}"]
pagination: { type: page, maxPages: 2 }
extract:
  type: html
  items: ".post"
  fields:
    id: { selector: "", attr: data-id }
    text: ".content"
schedule: { cron: "*/10 * * * *" }
`;
const KEY = /^[a-z0-9][a-z0-9_-]{0,62}$/;

export async function renderPlatformEditor(main, [platform]) {
  const creating = !platform;
  const [schema, detail] = await Promise.all([get('/api/admin/platform-schema'), creating ? null : get(`/api/admin/platforms/${encodeURIComponent(platform)}`)]);
  if (!creating && !detail.source) throw new Error('该平台的文件已删除；请在平台页面恢复一个版本。');
  const keyInput = h('input', { id: 'platform-key', name: 'platform', required: true, pattern: KEY.source, placeholder: '例如 city-forum', autocomplete: 'off', value: platform || '' });
  const issuesBox = h('div', { class: 'editor-issues', 'aria-live': 'polite' });
  const help = h('aside', { class: 'field-help', 'aria-label': '字段说明' });
  const result = h('div');
  const editorBox = h('div', { class: 'yaml-editor' });
  const saveBtn = h('button', { type: 'button', class: 'primary', onclick: () => save() }, '保存');
  const dryBtn = h('button', { type: 'button', onclick: () => dryRun() }, '试运行');
  const key = () => (creating ? keyInput.value.trim() : platform);

  main.append(h('section', { class: 'platform-editor' },
    h('div', { class: 'page-head' }, h('h1', null, creating ? '新建采集平台' : `编辑平台：${detail.status?.displayName || platform}`),
      h('p', { class: 'keys' }, h('kbd', null, 'Ctrl+Enter'), ' 试运行 ', h('kbd', null, 'Ctrl+S'), ' 保存 ', h('kbd', null, 'Esc'), ' 然后 ', h('kbd', null, 'Tab'), ' 离开编辑器')),
    creating ? h('p', null, h('label', { for: 'platform-key' }, '平台标识（文件名，保存后不能修改）：'), keyInput) : h('p', { class: 'muted' }, '文件 ', h('code', { class: 'tech' }, detail.source.file)),
    h('div', { class: 'editor-layout' }, h('div', null, editorBox, issuesBox), help),
    h('p', { class: 'actions' }, dryBtn, ' ', saveBtn, ' ', h('a', { href: creating ? '/platforms' : `/platforms/${encodeURIComponent(platform)}`, 'data-nav': '' }, '取消')),
    result));

  const check = async (yaml) => {
    if (!KEY.test(key())) return [{ field: '', message: '请先填写平台标识：小写字母、数字、- 和 _', line: 1, from: 0, to: 0 }];
    return (await post('/api/admin/platforms/validate', { platform: key(), yaml })).issues;
  };
  const editor = mountYamlEditor(editorBox, {
    doc: creating ? STARTER : detail.source.yaml,
    schema,
    check,
    onIssues: showIssues,
    onHelp: showHelp,
    keys: { 'Mod-s': () => save(), 'Mod-Enter': () => dryRun() },
  });
  keyInput.addEventListener('input', () => editor.recheck());

  function showIssues(issues) {
    showIssuesIn(issuesBox, issues, editor, '保存时会被拒绝');
  }

  function showHelp(at) {
    showFieldHelp(help, schema, at, '完整写法见采集配置目录中的说明文件。');
  }
  showHelp({ parents: [], key: null });

  async function dryRun() {
    if (!KEY.test(key())) return void toast('请先填写平台标识（小写字母、数字、- 和 _）。', 'error');
    clear(result).append(h('p', { class: 'muted', 'aria-live': 'polite' }, '正在试运行：抓取第一页…'));
    dryBtn.disabled = true;
    try {
      const r = await post('/api/admin/platforms/dry-run', { platform: key(), yaml: editor.text() });
      clear(result).append(dryRunResult(r));
    } catch (err) {
      clear(result);
      refused(err);
    } finally {
      dryBtn.disabled = false;
    }
  }

  async function save() {
    if (!KEY.test(key())) return void toast('请先填写平台标识（小写字母、数字、- 和 _）。', 'error');
    saveBtn.disabled = true;
    try {
      const r = creating
        ? await post('/api/admin/platforms', { platform: key(), yaml: editor.text() })
        : await api('PUT', `/api/admin/platforms/${encodeURIComponent(platform)}`, { yaml: editor.text(), baseSha: detail.source.sha });
      toast(`已保存为版本 ${r.version.version}。`);
      await navigate(`/platforms/${encodeURIComponent(key())}`);
    } catch (err) {
      refused(err);
    } finally {
      saveBtn.disabled = false;
    }
  }

  function refused(err) {
    if (err instanceof ApiError && err.body && err.body.issues) {
      showIssues(err.body.issues);
      toast('文件有误，未保存；正在运行的版本不变。', 'error');
    } else toast(err.message, 'error');
  }

  editor.focus();
  return { keys: {} };
}
