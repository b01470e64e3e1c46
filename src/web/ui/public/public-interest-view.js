import { del, get, post } from './api.js';
import { catalogue, navigate } from './app.js';
import { clear, h, time, toast } from './dom.js';
import { STATUS, domainNames } from './labels.js';
import { transferPanel } from './transfer-panel.js';

const KEYS = ['domain', 'q', 'district', 'place', 'from', 'to'];
const DAY_MS = 86_400_000;
const BEIJING_MS = 8 * 3_600_000;

// The API takes instants; people pick Beijing days, "to" included (sent as the next day's midnight, excluded).
const dayStart = (day, plus = 0) => new Date(Date.parse(`${day}T00:00:00+08:00`) + plus).toISOString();
const beijingDay = (ms) => new Date(ms + BEIJING_MS).toISOString().slice(0, 10);

/** 公益诉讼线索: tagged leads by domain, keyword, district, place and time; saved searches; 移送检察机关 records. */
export async function renderPublicInterest(main, _params, search) {
  const [cat, { domains }] = await Promise.all([catalogue(), get('/api/public-interest/domains')]);
  let filter = Object.fromEntries(KEYS.filter((k) => search.get(k)).map((k) => [k, search.get(k)]));
  let rows = [];
  let selected = -1;

  const select = (name, label, options) => h('label', null, label, h('select', { name }, h('option', { value: '' }, '全部'), options.map(([v, t]) => h('option', { value: v }, t))));
  const form = h('form', { class: 'filters', id: 'pi-filters', onsubmit: (e) => (e.preventDefault(), apply(read())) },
    select('domain', '领域', domains.map((d) => [d.code, d.name])),
    h('label', { class: 'grow' }, '关键词', h('input', { type: 'search', name: 'q', maxlength: 100, placeholder: '摘要或帖子原文包含（按 / 聚焦）' })),
    select('district', '区', cat.districts.map((d) => [d, d])),
    h('label', null, '地点或街道', h('input', { name: 'place', maxlength: 100, placeholder: '如：茅洲河' })),
    h('label', null, '发现自', h('input', { type: 'date', name: 'from' })),
    h('label', null, '至', h('input', { type: 'date', name: 'to' })),
    h('button', { type: 'submit', class: 'primary' }, '筛选'),
    h('button', { type: 'button', onclick: () => apply({}) }, '清除'));
  for (const name of ['domain', 'district']) form.elements[name].addEventListener('change', () => apply(read()));

  const savedList = h('ul', { class: 'saved-list', id: 'pi-saved' });
  const saveForm = h('form', { class: 'filters', id: 'pi-save', onsubmit: (e) => (e.preventDefault(), saveSearch()) },
    h('label', { class: 'grow' }, '把当前筛选保存为', h('input', { name: 'name', required: true, maxlength: 60, placeholder: '如：茅洲河偷排' })),
    h('button', { type: 'submit' }, '保存搜索'));
  const summary = h('p', { class: 'muted', id: 'pi-summary' });
  const tbody = h('tbody');
  main.append(h('section', { class: 'public-interest-page' },
    h('div', { class: 'page-head' }, h('h1', null, '公益诉讼线索'), h('span', { class: 'keys' }, '/ 关键词 · j / k 选择 · o 打开线索 · t 移送记录')),
    form,
    h('details', { class: 'saved-searches', open: true }, h('summary', null, '已保存的搜索'), savedList, saveForm),
    summary,
    h('table', { class: 'list pi-table' },
      h('thead', null, h('tr', null, ['线索', '领域', '分类', '位置', '发现时间', '状态', '工单', '移送'].map((t) => h('th', null, t)))), tbody)));

  /** The form's filters, as the API takes them. */
  function read() {
    const v = (name) => form.elements[name].value.trim();
    const f = Object.fromEntries(['domain', 'q', 'district', 'place'].filter(v).map((k) => [k, v(k)]));
    if (v('from')) f.from = dayStart(v('from'));
    if (v('to')) f.to = dayStart(v('to'), DAY_MS);
    return f;
  }

  function fill() {
    for (const k of ['domain', 'q', 'district', 'place']) form.elements[k].value = filter[k] || '';
    form.elements.from.value = filter.from ? beijingDay(Date.parse(filter.from)) : '';
    form.elements.to.value = filter.to ? beijingDay(Date.parse(filter.to) - 1) : '';
  }

  async function apply(next) {
    filter = next;
    fill();
    const q = new URLSearchParams(filter);
    history.replaceState(null, '', `/public-interest${q.size ? `?${q}` : ''}`);
    try {
      draw((await get(`/api/public-interest/leads?${q}`)).items);
    } catch (err) {
      toast(err.message, 'error');
    }
  }

  function draw(items) {
    rows = [];
    selected = -1;
    clear(tbody);
    summary.textContent = items.length ? `共 ${items.length} 条线索${items.length === 100 ? '（只显示最新的 100 条，请缩小筛选范围）' : ''}，最新发现的在前。` : '没有符合条件的线索。';
    for (const item of items) {
      const count = h('span', { class: 'transfer-count' }, String(item.transfers));
      const detail = h('tr', { class: 'transfer-row', hidden: true }, h('td', { colspan: 8 }));
      const toggle = h('button', { type: 'button', 'aria-expanded': 'false', onclick: () => openTransfers(row) }, '移送记录（', count, '）');
      const row = { item, detail, toggle, count, tr: null };
      row.tr = h('tr', { dataset: { id: item.id }, onclick: () => pick(rows.indexOf(row)) },
        h('td', { class: 'summary' }, h('a', { href: `/leads/${item.id}`, 'data-nav': '' }, `线索 #${item.id}`), h('div', { class: 'pi-summary' }, item.summary || '')),
        h('td', null, domainNames(item.domains)),
        h('td', null, item.category_label),
        h('td', null, [item.location.district, item.location.street, item.location.place].filter(Boolean).join(' ') || '—'),
        h('td', { class: 'nowrap' }, time(item.discovered_at)),
        h('td', null, h('span', { class: `status ${item.status}` }, STATUS[item.status] || item.status)),
        h('td', null, item.work_order ? h('a', { href: `/work-orders/${item.work_order}`, 'data-nav': '' }, item.work_order) : '—'),
        h('td', null, toggle));
      rows.push(row);
      tbody.append(row.tr, detail);
    }
  }

  async function openTransfers(row) {
    const open = row.detail.hidden;
    const cell = row.detail.firstChild;
    try {
      if (open && !cell.firstChild) cell.append(await transferPanel(row.item.id, cat.districts, (n) => (row.count.textContent = String(n))));
    } catch (err) {
      return toast(err.message, 'error');
    }
    row.detail.hidden = !open;
    row.toggle.setAttribute('aria-expanded', String(open));
    if (open) cell.querySelector('input, button')?.focus();
  }

  function pick(i) {
    if (!rows.length) return;
    selected = Math.max(0, Math.min(rows.length - 1, i));
    rows.forEach((r, j) => r.tr.classList.toggle('selected', j === selected));
    rows[selected].tr.scrollIntoView({ block: 'nearest' });
  }

  async function loadSaved() {
    const { items } = await get('/api/public-interest/searches');
    clear(savedList).append(...(items.length ? items.map(savedItem) : [h('li', { class: 'muted small' }, '还没有保存的搜索。')]));
  }

  /** A saved search in words: its filters with the names people chose them by. */
  function describe(f) {
    const domain = domains.find((d) => d.code === f.domain);
    return [domain ? domain.name : f.domain, f.q && `关键词「${f.q}」`, f.district, f.place && `地点「${f.place}」`,
      f.from && `${beijingDay(Date.parse(f.from))} 起`, f.to && `至 ${beijingDay(Date.parse(f.to) - 1)}`].filter(Boolean).join('，') || '全部线索';
  }

  function savedItem(s) {
    return h('li', { dataset: { searchId: s.id } },
      h('button', { type: 'button', class: 'link saved-apply', onclick: () => apply(s.filter) }, s.name),
      h('span', { class: 'muted small' }, ` ${describe(s.filter)} `),
      h('button', { type: 'button', class: 'link', 'aria-label': `删除已保存的搜索「${s.name}」`, onclick: () => removeSaved(s) }, '删除'));
  }

  async function saveSearch() {
    const name = saveForm.elements.name.value.trim();
    try {
      await post('/api/public-interest/searches', { name, filter });
      saveForm.reset();
      toast(`已保存搜索「${name}」。`, 'ok');
      await loadSaved();
    } catch (err) {
      toast(err.message, 'error');
    }
  }

  async function removeSaved(s) {
    try {
      await del(`/api/public-interest/searches/${s.id}`);
      toast(`已删除搜索「${s.name}」。`, 'ok');
      await loadSaved();
    } catch (err) {
      toast(err.message, 'error');
    }
  }

  await Promise.all([apply(filter), loadSaved()]);
  return {
    keys: {
      '/': () => form.elements.q.focus(),
      j: () => pick(selected + 1),
      k: () => pick(selected - 1),
      o: () => rows[selected] && navigate(`/leads/${rows[selected].item.id}`),
      t: () => rows[selected] && openTransfers(rows[selected]),
    },
  };
}
