// Builds DOM with text nodes only: crawled text never reaches innerHTML, so markup in it stays text.

/** h('div', {class: 'x', onclick: fn, dataset: {id: 1}}, 'text', child, [more]) */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') el.className = value;
    else if (key === 'dataset') Object.assign(el.dataset, value);
    else if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
    else if (key === 'href') el.setAttribute('href', safeHref(value));
    else if (key in el && typeof value !== 'string') el[key] = value;
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/**
 * `value` as a path on this site (path, query, hash), or null. The URL parser decides, as the
 * browser does when it follows the link: it drops tab, CR and LF and reads "\\" as "/", so
 * "/\t/evil.example" is another host although it starts with a single "/".
 */
export function sameSitePath(value) {
  const s = String(value);
  if (!s.startsWith('/')) return null;
  try {
    const u = new URL(s, location.origin);
    return u.origin === location.origin ? u.pathname + u.search + u.hash : null;
  } catch {
    return null;
  }
}

/** Only same-site paths and http(s) URLs become links; anything else (javascript:, data:, "//host") becomes '#'. */
export function safeHref(value) {
  const s = String(value);
  if (s.startsWith('/')) return sameSitePath(s) ?? '#';
  try {
    const u = new URL(s);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : '#';
  } catch {
    return '#';
  }
}

export function clear(el) {
  while (el.firstChild) el.firstChild.remove();
  return el;
}

/** Text with highlighted spans: [start, end) offsets (UTF-16) as <mark>, the rest as text nodes. */
export function highlighted(text, spans) {
  const frag = document.createDocumentFragment();
  const sorted = [...(spans || [])].sort((a, b) => a.start - b.start);
  let pos = 0;
  for (const s of sorted) {
    if (s.end <= pos) continue;
    const start = Math.max(s.start, pos);
    if (start > pos) frag.append(document.createTextNode(text.slice(pos, start)));
    const mark = document.createElement('mark');
    mark.textContent = text.slice(start, s.end);
    if (s.ruleName) mark.title = `命中规则：${s.ruleName}`;
    frag.append(mark);
    pos = s.end;
  }
  if (pos < text.length) frag.append(document.createTextNode(text.slice(pos)));
  return frag;
}

// Beijing time (UTC+8, no DST) whatever the browser's zone; the same format as src/text/beijing-time.ts.
const BEIJING = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/** '2026-12-06T10:29:54.000Z' → '2026-12-06 18:29'; '—' when there is no time. */
export function time(iso) {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return String(iso);
  const p = Object.fromEntries(BEIJING.formatToParts(d).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

/** "3 分钟前" style age. */
export function age(iso) {
  const ms = Date.now() - new Date(iso).getTime();
  if (!(ms >= 0)) return '';
  const m = Math.floor(ms / 60000);
  if (m < 1) return '刚刚';
  if (m < 60) return `${m} 分钟前`;
  const hrs = Math.floor(m / 60);
  if (hrs < 48) return `${hrs} 小时前`;
  return `${Math.floor(hrs / 24)} 天前`;
}

let toastTimer;
export function toast(message, kind = 'info', link) {
  const el = document.getElementById('toast');
  clear(el);
  el.className = `toast ${kind}`;
  el.append(document.createTextNode(message));
  if (link) el.append(' ', h('a', { href: link.href, 'data-nav': '' }, link.text));
  el.hidden = false;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => (el.hidden = true), kind === 'error' ? 9000 : 5000);
}
