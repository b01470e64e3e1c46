import { catalogue, navigate, onQueueChange, state } from './app.js';
import { h, clear, time, age, toast } from './dom.js';
import { STATUS, URGENCY, platformName } from './labels.js';
import { queue, loadPage, save } from './queue-state.js';

/** The queue page: filters, the list in queue order, j/k selection, Enter to open; refreshes itself on SSE. */
export async function renderQueue(main, _params, search) {
  const cat = await catalogue();
  const fromUrl = Object.fromEntries([...search.entries()].filter(([k]) => ['status', 'category', 'district', 'platform', 'from', 'to', 'q'].includes(k)));
  if (Object.keys(fromUrl).length || !queue.filters) queue.filters = fromUrl;
  const f = queue.filters;
  const rows = [];
  let selected = 0;

  const select = (name, label, options, value) =>
    h('label', null, label, h('select', { name }, h('option', { value: '' }, '全部'), options.map(([v, t]) => h('option', { value: v, selected: v === value }, t))));
  const dateInput = (name, label) => h('label', null, label, h('input', { type: 'date', name, value: f[name] ? f[name].slice(0, 10) : '' }));

  const form = h('form', { class: 'filters', onsubmit: (e) => (e.preventDefault(), apply()) },
    h('label', null, '状态', h('select', { name: 'status' }, Object.entries(STATUS).map(([v, t]) => h('option', { value: v, selected: v === (f.status || 'new') }, t)))),
    select('category', '分类', cat.categories.map((c) => [c.code, c.name]), f.category),
    select('district', '区', cat.districts.map((d) => [d, d]), f.district),
    select('platform', '平台', cat.platforms.map((p) => [p, platformName(p)]), f.platform),
    dateInput('from', '发现自'), dateInput('to', '至'),
    h('label', { class: 'grow' }, '关键词', h('input', { type: 'search', name: 'q', value: f.q || '', placeholder: '如：噪音 施工（空格分隔，按 / 聚焦）' })),
    h('button', { type: 'submit', class: 'primary' }, '筛选'),
    h('button', { type: 'button', onclick: () => { form.reset(); for (const el of form.elements) if (el.name) el.value = el.name === 'status' ? 'new' : ''; apply(); } }, '清除'));

  const summary = h('p', { class: 'muted', id: 'queue-summary' });
  const tbody = h('tbody');
  const more = h('button', { type: 'button', onclick: () => loadMore() }, '加载更多');
  main.append(
    h('section', { class: 'queue' },
      h('div', { class: 'page-head' }, h('h1', null, '线索队列'),
        h('p', { class: 'keys' }, kbd('j'), '/', kbd('k'), ' 上下移动　', kbd('Enter'), ' 打开　', kbd('/'), ' 搜索　', kbd('?'), ' 全部快捷键')),
      form, summary,
      h('table', { class: 'list' },
        h('thead', null, h('tr', null, ['紧急', '分类 / 事项', '位置', '摘要', '平台', '热度', '发现时间', '处理人'].map((t) => h('th', null, t)))),
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
    const tr = h('tr', { class: i === selected ? 'selected' : '', dataset: { id: item.id }, onclick: () => setSelected(i), ondblclick: () => open(i) },
      h('td', null, h('span', { class: `badge ${item.urgency}` }, URGENCY[item.urgency])),
      h('td', null, item.categoryName, sub ? h('div', { class: 'muted small' }, sub.name) : null),
      h('td', null, [item.district, item.street].filter(Boolean).join(' ') || '—', item.place ? h('div', { class: 'muted small' }, item.place) : null),
      h('td', { class: 'summary' }, h('a', { href: `/leads/${item.id}`, 'data-nav': '' }, item.summary || `线索 ${item.id}`), item.postCount > 1 ? h('span', { class: 'muted small' }, ` 共 ${item.postCount} 帖`) : null),
      h('td', null, item.platforms.map(platformName).join('、')),
      h('td', null, String(Math.round(item.heat * 10) / 10)),
      h('td', { title: time(item.discoveredAt, true) }, age(item.discoveredAt)),
      h('td', null, item.claim ? h('span', { class: 'claim' }, `${item.claim.name} 处理中`) : ''));
    return tr;
  }

  function draw() {
    clear(tbody);
    if (rows.length === 0) tbody.append(h('tr', null, h('td', { colspan: 8, class: 'empty' }, '没有符合条件的线索。可以清除筛选条件，或稍后再看：新线索会自动出现。')));
    rows.forEach((item, i) => tbody.append(row(item, i)));
    more.hidden = !queue.nextCursor;
    const stats = state.stats;
    summary.textContent = stats ? `待核实 ${stats.pending} 条，其中紧急 ${stats.urgent} 条。已显示 ${rows.length} 条。` : `已显示 ${rows.length} 条。`;
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
      const items = await loadPage(true);
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
      '/': () => form.elements.q.focus(),
      Escape: () => document.activeElement instanceof HTMLElement && document.activeElement.blur(),
    },
  };
}
