import { catalogue, navigate, onQueueChange } from './app.js';
import { get, post } from './api.js';
import { h, clear, time, age, toast } from './dom.js';
import { STATUS, URGENCY, platformName } from './labels.js';
import { queue, loadPage, save, FILTER_KEYS } from './queue-state.js';
import { actsOnLeads } from './roles.js';

const SORTS = { urgency: '紧急优先', heat: '热度最高', posted: '最新发帖', discovered: '最新发现' };
// A post this old when found is flagged: found today is not the same as happening today.
const STALE_MS = 3 * 86_400_000;

/**
 * The queue page: filters with counts, four orders, the list, j/k selection, Enter to open, x to
 * select for bulk rejection; refreshes itself on SSE.
 */
export async function renderQueue(main, _params, search) {
  const cat = await catalogue();
  const fromUrl = Object.fromEntries([...search.entries()].filter(([k]) => FILTER_KEYS.includes(k)));
  if (Object.keys(fromUrl).length || !queue.filters) queue.filters = fromUrl;
  const f = queue.filters;
  const rows = [];
  const picked = new Set();
  let selected = 0;
  let counts = null;

  const select = (name, label, options, value) =>
    h('label', null, label, h('select', { name }, h('option', { value: '' }, '全部'), options.map(([v, t]) => h('option', { value: v, selected: v === value }, t))));
  const dateInput = (name, label) => h('label', null, label, h('input', { type: 'date', name, value: f[name] ? f[name].slice(0, 10) : '' }));
  const withCount = (name, n) => (counts ? `${name}（${n ?? 0}）` : name);

  const form = h('form', { class: 'filters', onsubmit: (e) => (e.preventDefault(), apply()) },
    h('label', null, '状态', h('select', { name: 'status' }, Object.entries(STATUS).map(([v, t]) => h('option', { value: v, selected: v === (f.status || 'new') }, t)))),
    select('urgency', '紧急程度', [], f.urgency),
    select('category', '分类', [], f.category),
    select('district', '区', [], f.district),
    select('platform', '平台', cat.platforms.map((p) => [p, platformName(p)]), f.platform),
    select('hotline', '12345 热线', [['unreported', '未诉'], ['reported', '已诉']], f.hotline),
    dateInput('from', '发现自'), dateInput('to', '至'),
    h('label', { class: 'grow' }, '关键词', h('input', { type: 'search', name: 'q', value: f.q || '', placeholder: '如：噪音 施工（空格分隔，按 / 聚焦）' })),
    h('label', null, '排序', h('select', { name: 'sort' }, Object.entries(SORTS).map(([v, t]) => h('option', { value: v, selected: v === (f.sort || 'urgency') }, t)))),
    h('button', { type: 'submit', class: 'primary' }, '筛选'),
    h('button', { type: 'button', onclick: () => { form.reset(); for (const el of form.elements) if (el.name) el.value = el.name === 'status' ? 'new' : el.name === 'sort' ? 'urgency' : ''; apply(); } }, '清除'));
  // Sorting and the selects apply at once; typing a keyword waits for Enter.
  for (const name of ['status', 'sort', 'urgency', 'category', 'district', 'platform', 'hotline']) form.elements[name].addEventListener('change', () => apply());

  /** Option lists with the counts of the chosen status ("市容环卫（12）"); keeps the current choice. */
  function fillCountedSelects() {
    const fill = (name, options) => {
      const el = form.elements[name];
      const value = el.value || f[name] || '';
      clear(el).append(h('option', { value: '' }, '全部'), ...options.map(([v, t]) => h('option', { value: v, selected: v === value }, t)));
    };
    const byCat = new Map((counts?.byCategory || []).map((c) => [c.code, c.count]));
    const byDistrict = new Map((counts?.byDistrict || []).map((d) => [d.district, d.count]));
    fill('urgency', Object.entries(URGENCY).map(([v, t]) => [v, withCount(t, v === 'urgent' ? counts?.urgent : counts && counts.total - counts.urgent)]));
    fill('category', cat.categories.map((c) => [c.code, withCount(c.name, byCat.get(c.code))]));
    fill('district', cat.districts.map((d) => [d, withCount(d, byDistrict.get(d))]));
  }

  const summary = h('p', { class: 'muted', id: 'queue-summary' });
  const tbody = h('tbody');
  const more = h('button', { type: 'button', onclick: () => loadMore() }, '加载更多');
  const pickAll = h('input', { type: 'checkbox', 'aria-label': '全选本页', title: '全选本页', onchange: () => { for (const r of rows) pickAll.checked ? picked.add(r.id) : picked.delete(r.id); draw(); } });
  const bulkReason = h('select', { name: 'bulk-reason', 'aria-label': '驳回原因' }, h('option', { value: '' }, '选择驳回原因…'), cat.rejectReasons.map((r) => h('option', { value: r.code }, r.name)));
  const bulkNote = h('input', { type: 'text', name: 'bulk-note', maxlength: 1000, placeholder: '说明（可不填）' });
  const bulkCount = h('strong');
  const bulk = h('form', { class: 'bulk-bar', id: 'bulk-bar', hidden: true, onsubmit: (e) => (e.preventDefault(), bulkReject()) },
    bulkCount, bulkReason, bulkNote,
    h('button', { type: 'submit', class: 'primary' }, '批量驳回'),
    h('button', { type: 'button', onclick: () => (picked.clear(), draw()) }, '取消选择'));
  main.append(
    h('section', { class: 'queue' },
      h('div', { class: 'page-head' }, h('h1', null, '线索队列'),
        h('p', { class: 'keys' }, kbd('j'), '/', kbd('k'), ' 上下移动　', kbd('Enter'), ' 打开　', h('span', { class: 'acts' }, kbd('x'), ' 选中（批量驳回）　'), kbd('/'), ' 搜索　', kbd('?'), ' 全部快捷键'),
        h('a', { href: '/mine', 'data-nav': '', class: 'small acts' }, '我的处理记录')),
      form, summary, bulk,
      h('table', { class: 'list' },
        h('thead', null, h('tr', null, h('th', { class: 'acts' }, pickAll), ['紧急', '分类 / 事项', '位置', '摘要', '平台', '热度', '发帖时间', '发现时间', '处理人'].map((t) => h('th', null, t)))),
        tbody),
      h('div', { class: 'more' }, more)));

  function kbd(k) {
    return h('kbd', null, k);
  }

  function apply() {
    const data = new FormData(form);
    const next = {};
    for (const [k, v] of data.entries()) if (v) next[k] = k === 'from' || k === 'to' ? new Date(`${v}T00:00:00+08:00`).toISOString() : String(v).trim();
    if (next.to) next.to = new Date(new Date(next.to).getTime() + 86400000).toISOString();
    queue.filters = next;
    save();
    history.replaceState(null, '', '/' + (Object.keys(next).length ? '?' + new URLSearchParams(next) : ''));
    reload();
  }

  function row(item, i) {
    const sub = item.subItem && cat.categories.find((c) => c.code === item.category)?.subItems.find((s) => s.id === item.subItem);
    const stale = item.postedAt && new Date(item.discoveredAt) - new Date(item.postedAt) > STALE_MS;
    const tr = h('tr', { class: i === selected ? 'selected' : '', dataset: { id: item.id }, onclick: () => setSelected(i), ondblclick: () => open(i) },
      h('td', { class: 'acts' }, h('input', { type: 'checkbox', 'aria-label': `选中线索 ${item.id}`, checked: picked.has(item.id), onclick: (e) => e.stopPropagation(), onchange: () => togglePick(item.id) })),
      h('td', null, h('span', { class: `badge ${item.urgency}` }, URGENCY[item.urgency])),
      h('td', null, item.categoryName, sub ? h('div', { class: 'muted small' }, sub.name) : null),
      h('td', null, [item.district, item.street].filter(Boolean).join(' ') || '—', item.place ? h('div', { class: 'muted small' }, item.place) : null),
      h('td', { class: 'summary' }, h('a', { href: `/leads/${item.id}`, 'data-nav': '' }, item.summary || `线索 ${item.id}`), item.postCount > 1 ? h('span', { class: 'muted small' }, ` 共 ${item.postCount} 帖`) : null),
      h('td', null, item.platforms.map(platformName).join('、')),
      h('td', null, String(Math.round(item.heat * 10) / 10)),
      h('td', { class: stale ? 'posted stale' : 'posted', title: item.postedAt ? `发帖于 ${time(item.postedAt)}` : '帖子未注明发布时间' },
        item.postedAt ? age(item.postedAt) : '未注明', stale ? h('div', { class: 'small' }, '旧帖，发现前已发布多日') : null),
      h('td', { title: `发现于 ${time(item.discoveredAt)}` }, age(item.discoveredAt)),
      h('td', null, item.claim ? h('span', { class: 'claim' }, `${item.claim.name} 处理中`) : ''));
    return tr;
  }

  function draw() {
    clear(tbody);
    if (rows.length === 0) tbody.append(h('tr', null, h('td', { colspan: 10, class: 'empty' }, '没有符合条件的线索。可以清除筛选条件，或稍后再看：新线索会自动出现。')));
    rows.forEach((item, i) => tbody.append(row(item, i)));
    more.hidden = !queue.nextCursor;
    const now = queue.filters;
    summary.textContent = counts ? `${STATUS[now.status || 'new']} ${counts.total} 条，其中紧急 ${counts.urgent} 条。已显示 ${rows.length} 条（${SORTS[now.sort || 'urgency']}）。` : `已显示 ${rows.length} 条。`;
    for (const id of picked) if (!rows.some((r) => r.id === id)) picked.delete(id);
    bulk.hidden = picked.size === 0 || (now.status || 'new') !== 'new';
    bulkCount.textContent = `已选 ${picked.size} 条`;
    pickAll.checked = rows.length > 0 && rows.every((r) => picked.has(r.id));
  }

  function togglePick(id) {
    picked.has(id) ? picked.delete(id) : picked.add(id);
    draw();
  }

  async function bulkReject() {
    if (!bulkReason.value) {
      toast('请先选择驳回原因。', 'error');
      bulkReason.focus();
      return;
    }
    const leads = rows.filter((r) => picked.has(r.id)).map((r) => ({ id: r.id, version: r.version }));
    try {
      const res = await post('/api/leads/reject', { leads, reason: bulkReason.value, note: bulkNote.value.trim() || null });
      const failed = res.results.filter((r) => !r.rejected);
      picked.clear();
      bulkNote.value = '';
      toast(failed.length ? `已驳回 ${res.rejected} 条；${failed.length} 条未驳回：${failed.map((x) => x.error).join('；')}` : `已驳回 ${res.rejected} 条。`, failed.length ? 'error' : 'ok');
      await reload();
    } catch (err) {
      toast(err.message, 'error');
    }
  }

  function setSelected(i) {
    selected = Math.max(0, Math.min(rows.length - 1, i));
    queue.index = selected;
    save();
    for (const tr of tbody.querySelectorAll('tr')) tr.classList.toggle('selected', Number(tr.dataset.id) === rows[selected]?.id);
    tbody.querySelector('tr.selected')?.scrollIntoView({ block: 'nearest' });
  }

  function open(i = selected) {
    if (rows[i]) navigate(`/leads/${rows[i].id}`);
  }

  async function reload(keepId) {
    try {
      const [items, c] = await Promise.all([loadPage(true), get(`/api/leads/counts?status=${queue.filters.status || 'new'}`)]);
      counts = c;
      fillCountedSelects();
      rows.length = 0;
      rows.push(...items);
      const idx = keepId ? rows.findIndex((r) => r.id === keepId) : -1;
      selected = idx >= 0 ? idx : Math.min(queue.index || 0, Math.max(0, rows.length - 1));
      draw();
    } catch (err) {
      toast(err.message, 'error');
    }
  }

  async function loadMore() {
    const items = await loadPage(false);
    rows.push(...items);
    draw();
  }

  await reload();
  const stop = onQueueChange(() => reload(rows[selected]?.id));

  return {
    leave: () => stop(),
    keys: {
      j: async () => {
        if (selected + 1 >= rows.length && queue.nextCursor) await loadMore();
        setSelected(selected + 1);
      },
      k: () => setSelected(selected - 1),
      Enter: () => open(),
      o: () => open(),
      x: () => actsOnLeads() && rows[selected] && togglePick(rows[selected].id),
      r: () => picked.size > 0 && bulkReason.focus(),
      '/': () => form.elements.q.focus(),
      Escape: () => document.activeElement instanceof HTMLElement && document.activeElement.blur(),
    },
  };
}
