// The crawler-file editor: CodeMirror 6 (vendor/codemirror.js, built by scripts/ui/build-editor.ts)
// with YAML highlighting, the server's check as diagnostics while typing, and field help and
// completions read off the format's JSON Schema.
import * as cm from './vendor/codemirror.js';

/** The schema places a path of keys leads to (through unions and list items). */
function expand(nodes) {
  const out = [];
  const walk = (n) => {
    if (!n || typeof n !== 'object' || out.includes(n)) return;
    out.push(n);
    for (const b of [...(n.anyOf || []), ...(n.oneOf || []), ...(n.allOf || [])]) walk(b);
    if (n.items) walk(n.items);
  };
  nodes.forEach(walk);
  return out;
}

function nodesAt(schema, keys) {
  let nodes = [schema];
  for (const key of keys) {
    nodes = expand(nodes).flatMap((n) => (n.properties && n.properties[key] ? [n.properties[key]] : typeof n.additionalProperties === 'object' ? [n.additionalProperties] : []));
  }
  return expand(nodes);
}

/** The keys a place takes: name → {node, required}. */
export function keysAt(schema, path) {
  const keys = new Map();
  for (const n of nodesAt(schema, path)) {
    for (const [k, v] of Object.entries(n.properties || {})) if (!keys.has(k)) keys.set(k, { node: v, required: (n.required || []).includes(k) });
  }
  return keys;
}

/** What a key's value may be, for people: types, allowed values, default, description. */
export function describeNode(node) {
  const all = expand([node]);
  const types = [...new Set(all.flatMap((n) => (n.type ? [].concat(n.type) : n.const !== undefined ? ['const'] : [])))];
  const values = [...new Set(all.flatMap((n) => (n.enum ? n.enum : n.const !== undefined ? [n.const] : [])))];
  const described = all.find((n) => n.description);
  const withDefault = all.find((n) => n.default !== undefined);
  return { types, values, description: described ? described.description : '', default: withDefault ? withDefault.default : undefined };
}

const KEY_LINE = /^(\s*)(-\s+)?([A-Za-z_][\w-]*)\s*:/;

/** The keys above a line (by indentation) and the key on it: ['extract', 'fields'] and 'id'. */
export function keyPathAt(doc, pos) {
  const line = doc.lineAt(pos);
  const own = KEY_LINE.exec(line.text);
  let limit = own ? own[1].length + (own[2] || '').length : Math.min(pos - line.from, line.text.length - line.text.trimStart().length || pos - line.from);
  const parents = [];
  for (let n = line.number - 1; n >= 1 && limit > 0; n--) {
    const m = KEY_LINE.exec(doc.line(n).text);
    if (!m) continue;
    const indent = m[1].length + (m[2] || '').length;
    if (indent < limit) {
      parents.unshift(m[3]);
      limit = m[2] ? m[1].length : indent; // a list item's siblings sit at the dash
    }
  }
  return { parents, key: own ? own[3] : null };
}

function completions(schema) {
  return (context) => {
    const line = context.state.doc.lineAt(context.pos);
    const before = line.text.slice(0, context.pos - line.from);
    const value = /^\s*(?:-\s+)?([A-Za-z_][\w-]*):\s*([\w-]*)$/.exec(before);
    if (value) {
      const { parents } = keyPathAt(context.state.doc, context.pos);
      const entry = keysAt(schema, parents).get(value[1]);
      const values = entry ? describeNode(entry.node).values.filter((v) => typeof v === 'string' || typeof v === 'boolean') : [];
      if (!values.length) return null;
      return { from: context.pos - value[2].length, options: values.map((v) => ({ label: String(v), type: 'enum' })) };
    }
    const key = /^\s*(?:-\s+)?([A-Za-z_][\w-]*)?$/.exec(before);
    if (!key || (!context.explicit && !key[1])) return null;
    const { parents } = keyPathAt(context.state.doc, line.from + (before.length - (key[1] || '').length));
    const options = [...keysAt(schema, parents)].map(([k, { node, required }]) => {
      const d = describeNode(node);
      return { label: k, apply: `${k}: `, type: 'property', detail: `${required ? '必填 ' : ''}${d.types.join(' | ')}`, info: d.description || undefined };
    });
    return options.length ? { from: context.pos - (key[1] || '').length, options } : null;
  };
}

const THEME = cm.EditorView.theme({
  '&': { minHeight: '24em', maxHeight: '70vh', fontSize: '13px', background: '#fff' },
  '&.cm-focused': { outline: '2px solid #0969da' },
  '.cm-scroller': { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, monospace', lineHeight: '1.5' },
  '.cm-tooltip': { fontSize: '13px' },
});

/**
 * mount(parent, {doc, schema, check(text) → issues [{field, message, line, from, to}], onIssues(issues),
 * onHelp({parents, key}), keys: {'Mod-s': fn, 'Mod-Enter': fn}, label: the editor's accessible name}) → {view, text(), setText(t)}.
 */
export function mountYamlEditor(parent, { doc, schema, check, onIssues, onHelp, keys, label = '平台文件（YAML）' }) {
  const lint = cm.linter(async (view) => {
    const text = view.state.doc.toString();
    let issues;
    try {
      issues = await check(text);
    } catch {
      return []; // offline for a moment: the next edit checks again, and saving checks anyway
    }
    if (view.state.doc.toString() !== text) return [];
    onIssues(issues);
    const end = view.state.doc.length;
    return issues.map((i) => ({ from: Math.min(i.from, end), to: Math.min(Math.max(i.to, i.from), end), severity: 'error', message: `${i.field ? `${i.field}：` : ''}${i.message}` }));
  }, { delay: 500 });
  const own = Object.entries(keys || {}).map(([key, run]) => ({ key, preventDefault: true, run: () => (run(), true) }));
  // In a shadow root CodeMirror styles itself through a constructed stylesheet; in the document it
  // would add a <style> element, which the CSP (style-src 'self', no inline) refuses.
  const root = parent.attachShadow({ mode: 'open' });
  const view = new cm.EditorView({
    parent: root,
    root,
    state: cm.EditorState.create({
      doc,
      extensions: [
        cm.lineNumbers(), cm.highlightActiveLineGutter(), cm.foldGutter(), cm.history(), cm.drawSelection(), cm.indentOnInput(),
        cm.syntaxHighlighting(cm.defaultHighlightStyle, { fallback: true }), cm.bracketMatching(), cm.closeBrackets(), cm.highlightActiveLine(), cm.highlightSelectionMatches(),
        cm.yaml(), lint, cm.lintGutter(), cm.autocompletion({ override: [completions(schema)] }),
        cm.keymap.of([...own, ...cm.closeBracketsKeymap, ...cm.defaultKeymap, ...cm.searchKeymap, ...cm.historyKeymap, ...cm.foldKeymap, ...cm.completionKeymap, ...cm.lintKeymap, cm.indentWithTab]),
        cm.EditorView.contentAttributes.of({ 'aria-label': label }),
        THEME,
        cm.EditorView.updateListener.of((u) => {
          if (u.selectionSet || u.docChanged) onHelp(keyPathAt(u.state.doc, u.state.selection.main.head));
        }),
      ],
    }),
  });
  return {
    view,
    text: () => view.state.doc.toString(),
    focus: () => view.focus(),
    goTo(pos) {
      view.dispatch({ selection: { anchor: Math.min(pos, view.state.doc.length) }, scrollIntoView: true });
      view.focus();
    },
    recheck: () => cm.forceLinting(view),
  };
}

/** Line diff of two texts: [{kind: 'add'|'del'|'same', text}] per line. */
export function lineDiff(a, b) {
  return cm.diffLines(a, b).flatMap((part) => part.value.replace(/\n$/, '').split('\n').map((text) => ({ kind: part.added ? 'add' : part.removed ? 'del' : 'same', text })));
}
