// What the admin pages (人员, 接口密钥, 事件推送, 平台账号) share: their tabs, technical text, a secret shown once.
import { h } from './dom.js';

const TABS = [
  ['/admin/people', '人员'],
  ['/admin/api-keys', '接口密钥'],
  ['/admin/webhooks', '事件推送'],
  ['/admin/platform-accounts', '平台账号'],
  ['/admin/ticket-imports', '热线工单导入'],
];

/** The tabs between the admin pages, the current one marked for screen readers too. */
export function adminTabs(current) {
  return h('nav', { class: 'admin-tabs', 'aria-label': '管理' },
    TABS.map(([href, text]) => h('a', { href, 'data-nav': '', 'aria-current': href === current ? 'page' : undefined }, text)));
}

/** Identifiers and raw text (login names, keys, addresses, error text) as they are, marked as technical detail. */
export const tech = (text) => h('code', { class: 'tech' }, text);

/**
 * A secret the server returns only once (a one-time code, a key, a signing secret): shown with a
 * copy button until the page is left, and never fetched again.
 */
export function shownOnce(title, value, note) {
  const copy = h('button', { type: 'button', onclick: async () => {
    try {
      await navigator.clipboard.writeText(value);
      copy.textContent = '已复制';
    } catch {
      copy.textContent = '请手动选中复制';
    }
  } }, '复制');
  return h('div', { class: 'banner ok shown-once', role: 'alert' },
    h('strong', null, title), ' ', h('code', { class: 'tech secret' }, value), ' ', copy,
    h('p', { class: 'small' }, note, '离开本页后无法再次查看。'));
}

/** 'user:3' → the person's name, 'key:2' → the key's name, 'system' → 系统 (created_by columns). */
export function actorName(ref, users, keys = []) {
  if (ref === 'system' || !ref) return '系统';
  const [kind, id] = String(ref).split(':');
  if (kind === 'user') {
    const u = users.find((x) => x.id === Number(id));
    return u ? u.display_name || u.name : '已删除的用户';
  }
  if (kind === 'key') {
    const k = keys.find((x) => x.id === Number(id));
    return k ? `密钥「${k.name}」` : '已删除的密钥';
  }
  return '系统';
}
