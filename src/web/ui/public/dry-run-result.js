// A dry run's result as the page shows it: status, counts, warnings, errors and the posts of the
// first page as a table. Crawled text goes into text nodes only (h()), so markup in a post stays text.
import { h, time } from './dom.js';
import { RUN_STATUS } from './platform-labels.js';

const tech = (text) => h('code', { class: 'tech' }, text);

export function dryRunResult(r) {
  const t = r.totals;
  return h('section', { class: 'dry-run', 'aria-live': 'polite' },
    h('h2', null, '试运行结果'),
    h('p', null, h('span', { class: `platform-state ${r.status}` }, RUN_STATUS[r.status] || r.status),
      ` 抓取 ${t.pages} 页，找到 ${t.items} 条，得到帖子 ${r.posts.length} 条，错误 ${t.errors} 个，用时 ${(r.durationMs / 1000).toFixed(1)} 秒。未保存任何内容。`),
    r.warnings.length ? h('div', { class: 'banner warn' }, h('strong', null, `${r.warnings.length} 条警告：`), h('ul', null, r.warnings.map((w) => h('li', null, tech(w.message))))) : null,
    r.errors.length ? h('div', { class: 'banner error' }, h('strong', null, `${r.errors.length} 个错误：`), h('ul', null, r.errors.map((e) => h('li', null, tech(e))))) : null,
    h('table', { class: 'list dry-run-posts' },
      h('thead', null, h('tr', null, ['编号', '标题', '正文', '作者', '发布时间', '属地', '链接'].map((x) => h('th', null, x)))),
      h('tbody', null, r.posts.length
        ? r.posts.map((p) => h('tr', null,
          h('td', null, tech(p.id)), h('td', null, p.title || '—'), h('td', { class: 'post-text' }, p.text), h('td', null, p.author || '—'),
          h('td', null, time(p.publishedAt)), h('td', null, p.ipLocation || '—'), h('td', null, p.url ? h('a', { href: p.url, target: '_blank', rel: 'noopener noreferrer' }, '打开') : '—')))
        : h('tr', null, h('td', { colspan: 7, class: 'empty' }, '第一页没有得到帖子。')))));
}
