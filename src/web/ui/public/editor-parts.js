// What the YAML editors' pages (采集平台, 规则) share: the list of a text's problems, the field
// help beside the editor, and the line diff between two versions. Everything as text nodes.
import { clear, h } from './dom.js';
import { describeNode, keysAt, lineDiff } from './yaml-editor.js';

const tech = (text) => h('code', { class: 'tech' }, text);

/** The problems of the editor's text in `box`, each a button to its line; `refusal`: what happens to a text with problems. */
export function showIssues(box, issues, editor, refusal) {
  clear(box);
  if (!issues.length) return void box.append(h('p', { class: 'ok-note' }, '检查通过：没有发现问题。'));
  box.append(h('p', { class: 'error-note' }, `${issues.length} 处问题（${refusal}）：`),
    h('ul', { class: 'issue-list' }, issues.map((i) => h('li', null,
      h('button', { type: 'button', class: 'link', onclick: () => editor.goTo(i.from) }, `第 ${i.line} 行`), i.field ? [' 字段 ', tech(i.field)] : null, '：', tech(i.message)))));
}

/** The help for the key at the cursor and the keys the place takes, read off the format's JSON Schema. */
export function showFieldHelp(help, schema, { parents, key: at }, footer) {
  clear(help);
  const here = keysAt(schema, parents);
  const entry = at ? here.get(at) : undefined;
  help.append(h('h2', null, '字段说明'), h('p', { class: 'muted small' }, '位置：', tech([...parents, at].filter(Boolean).join('.') || '（顶层）')));
  if (entry) {
    const d = describeNode(entry.node);
    help.append(h('dl', null,
      h('dt', null, '字段'), h('dd', null, tech(at), entry.required ? '（必填）' : '（可选）'),
      h('dt', null, '类型'), h('dd', null, tech(d.types.join(' | ') || '—')),
      d.values.length ? [h('dt', null, '可选值'), h('dd', null, tech(d.values.map(String).join(' / ')))] : null,
      d.default !== undefined ? [h('dt', null, '默认值'), h('dd', null, tech(JSON.stringify(d.default)))] : null,
      d.description ? [h('dt', null, '说明'), h('dd', null, tech(d.description))] : null));
  } else if (at) help.append(h('p', { class: 'error-note' }, '此处没有这个字段。'));
  if (here.size) help.append(h('p', { class: 'small' }, '此处可用的字段（在行首按 Ctrl+空格 补全）：'), h('ul', { class: 'key-list small' }, [...here].map(([k, v]) => h('li', null, tech(k), v.required ? ' 必填' : ''))));
  help.append(h('p', { class: 'small muted' }, footer));
}

/** Two versions ({version, yaml}) line by line into `box`: older may be undefined (the first version). */
export function showVersionDiff(box, older, newer) {
  const lines = lineDiff(older ? older.yaml : '', newer.yaml);
  clear(box).append(h('h2', null, older ? `第 ${older.version} 版 → 第 ${newer.version} 版` : `第 ${newer.version} 版（第一版）`),
    h('pre', { class: 'diff' }, lines.map((l) => h('div', { class: `diff-${l.kind}` }, `${l.kind === 'add' ? '+' : l.kind === 'del' ? '-' : ' '} ${l.text}`))));
  box.scrollIntoView({ block: 'nearest' });
}
