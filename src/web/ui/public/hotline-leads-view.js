import { get } from './api.js';
import { catalogue, navigate } from './app.js';
import { clear, h, time, toast } from './dom.js';
import { TICKET_LEAD_STATUS } from './labels.js';

const KEYS = ['topic', 'status', 'district', 'category', 'q', 'from', 'to'];
const DAY_MS = 86_400_000;
const BEIJING_MS = 8 * 3_600_000;
const PAGE = 50;

// The API takes instants; people pick Beijing days, "to" included (sent as the next day's midnight, excluded).
const dayStart = (day, plus = 0) => new Date(Date.parse(`${day}T00:00:00+08:00`) + plus).toISOString();
const beijingDay = (ms) => new Date(ms + BEIJING_MS).toISOString().slice(0, 10);

/** 热线线索: hotline tickets hit by a 过筛子 topic or read as leads by the engine, for supervisors to review; apart from the social-media queue. */
export async function renderHotlineLeads(main, _params, search) {
  const [cat, { topics }] = await Promise.all([catalogue(), get('/api/screening-topics')]);
  let filter = Object.fromEntries(KEYS.filter((k) => search.get(k)).map((k) => [k, search.get(k)]));
  let rows = [];
  let selected = -1;
  let next = null;

  const select = (name, label, options) => h('label', null, label, h('select', { name }, h('option', { value: '' }, '全部'), options.map(([v, t]) => h('option', { value: v }, t))));
  const form = h('form', { class: 'filters', id: 'hl-filters', onsubmit: (e) => (e.preventDefault(), apply(read())) },
    select('topic', '专题', topics.map((t) => [t.code, t.name])),
    select('status', '核查状态', Object.entries(TICKET_LEAD_STATUS)),
    select('district', '区', cat.districts.map((d) => [d, d])),
    select('category', '引擎分类', cat.categories.map((c) => [c.code, c.name])),
    h('label', { class: 'grow' }, '关键词', h('input', { type: 'search', name: 'q', maxlength: 100, placeholder: '标题、诉求内容或地址包含（按 / 聚焦）' })),
    h('label', null, '受理自', h('input', { type: 'date', name: 'from' })),
    h('label', null, '至', h('input', { type: 'date', name: 'to' })),
    h('button', { type: 'submit', class: 'primary' }, '筛选'),
    h('button', { type: 'button', onclick: () => apply({}) }, '清除'));
  for (const name of ['topic', 'status', 'district', 'category']) form.elements[name].addEventListener('change', () => apply(read()));

  const counts = h('div', { class: 'tabs topic-counts', id: 'hl-counts', role: 'group', 'aria-label': '各专题数量' });
  const summary = h('p', { class: 'muted', id: 'hl-summary' });
  const csv = h('a', { class: 'button', id: 'hl-csv', href: '/api/hotline-leads.csv', download: '' }, '导出表格');
  const more = h('button', { type: 'button', id: 'hl-more', hidden: true, onclick: () => load(true) }, '加载更多');
  const tbody = h('tbody');
  main.append(h('section', { class: 'hotline-leads-page' },
    h('div', { class: 'page-head' }, h('h1', null, '热线线索'), h('span', { class: 'keys' }, '/ 关键词 · j / k 选择 · o 打开'), csv),
    h('p', { class: 'muted small' }, '12345 热线工单经引擎判读和过筛子专题筛出的线索，与网络线索队列分开核查。'),
    topicGuide(topics),
    form, counts, summary,
    h('table', { class: 'list hl-table' },
      h('thead', null, h('tr', null, ['专题', '工单', '诉求内容', '引擎判读', '位置', '受理时间', '核查状态'].map((t) => h('th', null, t)))), tbody),
    more));

  function read() {
    const v = (name) => form.elements[name].value.trim();
    const f = Object.fromEntries(['topic', 'status', 'district', 'category', 'q'].filter(v).map((k) => [k, v(k)]));
    if (v('from')) f.from = dayStart(v('from'));
    if (v('to')) f.to = dayStart(v('to'), DAY_MS);
    return f;
  }

  function fill() {
    for (const k of ['topic', 'status', 'district', 'category', 'q']) form.elements[k].value = filter[k] || '';
    form.elements.from.value = filter.from ? beijingDay(Date.parse(filter.from)) : '';
    form.elements.to.value = filter.to ? beijingDay(Date.parse(filter.to) - 1) : '';
  }

  async function apply(f) {
    filter = Object.fromEntries(Object.entries(f).filter(([, v]) => v));
    fill();
    const q = new URLSearchParams(filter);
    history.replaceState(null, '', `/hotline-leads${q.size ? `?${q}` : ''}`);
    csv.setAttribute('href', `/api/hotline-leads.csv${q.size ? `?${q}` : ''}`);
    await load(false);
  }

  async function load(append) {
    const q = new URLSearchParams({ ...filter, limit: String(PAGE) });
    if (append && next) q.set('after', next);
    try {
      const page = await get(`/api/hotline-leads?${q}`);
      if (!append) {
        rows = [];
        selected = -1;
        clear(tbody);
        drawCounts(page.counts);
      }
      next = page.next;
      for (const item of page.items) addRow(item);
      more.hidden = !next;
      summary.textContent = rows.length ? `已显示 ${rows.length} 条${next ? '，还有更多' : ''}，受理时间最新的在前。` : '没有符合条件的热线线索。';
    } catch (err) {
      toast(err.message, 'error');
    }
  }

  function drawCounts(list) {
    clear(counts).append(...list.map((c) => h('button', {
      type: 'button', class: filter.topic === c.topic.code ? 'tab active' : 'tab', dataset: { topic: c.topic.code }, 'aria-pressed': String(filter.topic === c.topic.code),
      onclick: () => apply({ ...filter, topic: filter.topic === c.topic.code ? undefined : c.topic.code }),
    }, `${c.topic.name} ${c.total}`, c.pending ? h('span', { class: 'count', title: `待核查 ${c.pending} 条` }, String(c.pending)) : null)));
  }

  function addRow(item) {
    const t = item.ticket;
    const r = item.reading;
    const tr = h('tr', { dataset: { id: item.id }, onclick: () => pick(rows.indexOf(row)) },
      h('td', null, h('div', null, item.topic.name), h('div', { class: 'muted small hl-reasons' }, item.reasons.join('；'))),
      h('td', { class: 'nowrap' }, h('a', { href: `/hotline-leads/${item.id}`, 'data-nav': '' }, t.ticket_no), h('div', { class: 'muted small' }, t.category_raw || '')),
      h('td', { class: 'summary' }, t.title ? h('strong', null, t.title) : null, h('div', { class: 'hl-excerpt' }, t.excerpt)),
      h('td', null, r.category_label || '非线索', r.sub_item_label ? h('div', { class: 'muted small' }, r.sub_item_label) : null, r.urgency === 'urgent' ? h('span', { class: 'badge urgent' }, '紧急') : null),
      h('td', null, [r.location.district, r.location.street, r.location.place].filter(Boolean).join(' ') || '—'),
      h('td', { class: 'nowrap' }, time(item.received_at)),
      h('td', null, h('span', { class: `status ${item.status}` }, item.status_label)));
    const row = { item, tr };
    rows.push(row);
    tbody.append(tr);
  }

  function pick(i) {
    if (!rows.length) return;
    selected = Math.max(0, Math.min(rows.length - 1, i));
    rows.forEach((r, j) => r.tr.classList.toggle('selected', j === selected));
    rows[selected].tr.scrollIntoView({ block: 'nearest' });
  }

  await apply(filter);
  return {
    keys: {
      '/': () => form.elements.q.focus(),
      j: () => pick(selected + 1),
      k: () => pick(selected - 1),
      o: () => rows[selected] && navigate(`/hotline-leads/${rows[selected].item.id}`),
      Enter: () => rows[selected] && navigate(`/hotline-leads/${rows[selected].item.id}`),
    },
  };
}

/** What each topic screens for: its description, filters and keyword rules as written (text only). */
function topicGuide(topics) {
  const terms = (r) => [
    r.any && `含「${r.any}」之一`,
    ...r.all.map((t) => `且含「${t}」之一`),
    ...r.near.map((n) => `「${n.a}」与「${n.b}」相距不超过 ${n.within} 字`),
    r.none && `但不含「${r.none}」`,
  ].filter(Boolean).join('，');
  return h('details', { class: 'topic-guide', id: 'hl-topics' }, h('summary', null, '专题与筛选规则'),
    h('dl', null, topics.flatMap((t) => [
      h('dt', null, t.name),
      h('dd', null, h('p', null, t.description),
        t.filters.length ? h('p', { class: 'muted small' }, `条件：${t.filters.join('；')}`) : null,
        t.rules.length ? h('ul', { class: 'muted small' }, t.rules.map((r) => h('li', null, `${r.name}：${terms(r)}`))) : null),
    ])));
}
