import { get, post } from './api.js';
import { catalogue } from './app.js';
import { clear, h, time, toast } from './dom.js';
import { evidenceView } from './evidence-view.js';
import { platformName } from './labels.js';
import { actsOnLeads } from './roles.js';

const kbd = (k) => h('kbd', null, k);

/**
 * 可能遗漏: posts the engine turned down but the model found plausible. A verifier decides each:
 * y = 是线索 (filed into the queue with the chosen category), n = 不是线索. Both teach the next model.
 */
export async function renderMissed(main) {
  const cat = await catalogue();
  const categoryName = (code) => cat.categories.find((c) => c.code === code)?.name || code;
  let items = [];
  let selected = 0;
  let busy = false;
  const list = h('div', { class: 'missed-list' });
  const counts = h('p', { class: 'muted' });
  main.append(h('section', null,
    h('div', { class: 'page-head' }, h('h1', null, '可能遗漏'),
      h('p', { class: 'keys' }, kbd('j'), '/', kbd('k'), ' 选择　', kbd('y'), ' 是线索　', kbd('n'), ' 不是线索　', kbd('g'), ' 刷新')),
    h('p', { class: 'muted' }, '系统没有报为线索、但模型认为有可能是线索的帖子（每天抽取一部分）。您的判断会成为下次训练模型的样本。'),
    counts, list));

  async function load() {
    try {
      const data = await get('/api/missed?status=open&limit=50');
      items = data.items;
      counts.textContent = `待判断 ${data.counts.open} 条；已判为线索 ${data.counts.lead} 条，已判为非线索 ${data.counts.not_lead} 条。`;
      selected = Math.min(selected, Math.max(0, items.length - 1));
      draw();
    } catch (err) {
      toast(err.message, 'error');
    }
  }

  function draw() {
    clear(list);
    if (!items.length) list.append(h('p', { class: 'empty' }, '暂时没有待判断的帖子。'));
    items.forEach((m, i) => {
      const select = h('select', { name: 'category', 'aria-label': '分类' }, cat.categories.map((c) => h('option', { value: c.code, selected: c.code === m.category }, c.name)));
      const urgent = h('input', { type: 'checkbox', name: 'urgent' });
      list.append(h('article', { class: `missed-item${i === selected ? ' selected' : ''}`, dataset: { id: m.id }, onclick: () => { selected = i; draw(); } },
        h('div', { class: 'muted small' }, `${platformName(m.post.platform)} · ${m.post.author || '匿名'} · 发布于 ${time(m.post.publishedAt) || '未知'}${m.post.ipLocation ? ` · IP属地 ${m.post.ipLocation}` : ''}`,
          m.post.url ? [' · ', h('a', { href: m.post.url, target: '_blank', rel: 'noopener noreferrer' }, '原帖')] : null),
        m.post.title ? h('h3', null, m.post.title) : null,
        h('p', { class: 'text' }, m.post.text),
        h('details', null, h('summary', null, `模型：是线索的概率 ${Math.round(m.pLead * 100)}%，倾向「${categoryName(m.category)}」`), evidenceView(m.evidence, categoryName)),
        h('div', { class: 'actions acts' },
          h('label', null, '分类 ', select), ' ', h('label', null, urgent, ' 紧急'), ' ',
          h('button', { type: 'button', class: 'primary', disabled: busy, dataset: { key: 'y' }, onclick: (e) => (e.stopPropagation(), decide(i, true, select.value, urgent.checked)) }, kbd('y'), ' 是线索'),
          h('button', { type: 'button', disabled: busy, dataset: { key: 'n' }, onclick: (e) => (e.stopPropagation(), decide(i, false)) }, kbd('n'), ' 不是线索'))));
    });
    const el = list.querySelector('.missed-item.selected');
    if (el) el.scrollIntoView({ block: 'nearest' });
  }

  async function decide(i, isLead, category, urgent) {
    const m = items[i];
    if (!m || busy) return;
    busy = true;
    try {
      const done = await post(`/api/missed/${m.id}/decision`, isLead ? { is_lead: true, category, urgency: urgent ? 'urgent' : 'normal' } : { is_lead: false });
      if (done.leadId) toast(`已转为线索 #${done.leadId}`, 'ok', { href: `/leads/${done.leadId}`, text: '打开' });
      else toast('已记录：不是线索', 'ok');
    } catch (err) {
      toast(err.message, 'error');
    } finally {
      busy = false;
    }
    await load();
  }

  const current = () => list.querySelector('.missed-item.selected');
  await load();
  return {
    keys: {
      j: () => { selected = Math.min(items.length - 1, selected + 1); draw(); },
      k: () => { selected = Math.max(0, selected - 1); draw(); },
      y: () => { const el = current(); if (el && actsOnLeads()) decide(selected, true, el.querySelector('select').value, el.querySelector('input[name=urgent]').checked); },
      n: () => actsOnLeads() && decide(selected, false),
      g: () => load(),
    },
  };
}
