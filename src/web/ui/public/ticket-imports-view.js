import { ApiError, csrf, get } from './api.js';
import { clear, h, time, toast } from './dom.js';
import { adminTabs, tech } from './admin-kit.js';

const STATUS = { running: '导入中', done: '已完成', failed: '失败', interrupted: '已中断（可重新导入同一文件）' };
const ORIGIN = { file: '文件', push: '系统推送' };
const POLL_MS = 1500;

/** 热线工单导入 (admins): upload a hotline export, follow its progress, the history, each import's rejected rows as CSV. */
export async function renderTicketImports(main) {
  const sources = h('select', { name: 'source', required: true });
  const file = h('input', { type: 'file', name: 'file', required: true, accept: '.csv,.txt,.xlsx,.jsonl,.ndjson' });
  const progress = h('p', { class: 'muted', id: 'import-progress', 'aria-live': 'polite' });
  const tbody = h('tbody');
  const form = h('form', { class: 'panel edit', id: 'ticket-upload', novalidate: true },
    h('h2', null, '导入热线导出文件'),
    h('label', null, '热线来源', sources),
    h('label', null, '导出文件', file),
    h('p', { class: 'muted small' }, '格式：', tech('.csv'), '、', tech('.xlsx'), '、', tech('.jsonl'), '；电子表格软件另存的中文编码（', tech('GBK'), '）逗号分隔文件也可以直接导入。'),
    h('p', { class: 'muted small' }, '同一工单编号再次导入只更新状态、答复等，不会重复；有问题的行不导入，列在“未导入的行”里，其余照常导入。'),
    h('div', { class: 'wide' }, h('button', { type: 'submit', class: 'primary' }, '上传并导入')), progress);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    upload();
  });

  main.append(h('section', { class: 'admin ticket-imports' },
    adminTabs('/admin/ticket-imports'),
    h('div', { class: 'page-head' }, h('h1', null, '热线工单导入')),
    h('p', { class: 'muted' }, '12345 热线的工单作为单独的来源导入，之后和帖子一样由引擎识别分类、地点、紧急程度和公益诉讼领域。每个来源的列对应关系在 ', tech('rules/ticket-sources/'), ' 中配置。'),
    form,
    h('h2', null, '导入记录'),
    h('table', { class: 'list ticket-imports-table' },
      h('thead', null, h('tr', null, ['编号', '来源', '方式', '文件', '状态', '读取', '新增', '更新', '未变', '未导入', '操作人', '开始', '结束', ''].map((t) => h('th', null, t)))), tbody)));

  let timer = null;
  const view = { leave: () => clearTimeout(timer) };

  async function loadSources() {
    try {
      const { items } = await get('/api/tickets/sources');
      clear(sources);
      // a source file that does not load is listed, disabled, by its key (its error is for the admin who fixes the file)
      for (const s of items) sources.append(h('option', { value: s.key, disabled: !!s.error, title: s.error || undefined }, s.error ? `${s.key}（来源文件有误，请先修正）` : s.name));
    } catch (err) {
      toast(err.message, 'error');
    }
  }

  async function load() {
    clearTimeout(timer);
    try {
      const { items } = await get('/api/tickets/imports');
      draw(items);
      if (items.some((i) => i.status === 'running')) timer = setTimeout(load, POLL_MS);
    } catch (err) {
      toast(err.message, 'error');
    }
  }

  function draw(items) {
    clear(tbody);
    for (const i of items) {
      const rejects = i.rows.rejected > 0
        ? h('a', { href: `/api/tickets/imports/${i.id}/rejects.csv`, download: '' }, '下载未导入的行')
        : null;
      tbody.append(h('tr', { 'data-import': String(i.id) },
        h('td', null, String(i.id)),
        h('td', null, tech(i.source)),
        h('td', null, ORIGIN[i.origin] || i.origin),
        h('td', null, i.file_name ? tech(i.file_name) : '—'),
        h('td', { class: `import-status ${i.status}` }, STATUS[i.status] || i.status, i.error ? h('div', { class: 'small' }, tech(i.error)) : null),
        ...['read', 'inserted', 'updated', 'unchanged', 'rejected'].map((k) => h('td', { class: `num ${k}` }, i.rows[k].toLocaleString('zh-CN'))),
        h('td', null, i.by),
        h('td', null, time(i.started_at)),
        h('td', null, time(i.finished_at)),
        h('td', null, rejects)));
    }
    const running = items.find((i) => i.status === 'running');
    progress.textContent = running ? `导入 ${running.id} 进行中：已读取 ${running.rows.read.toLocaleString('zh-CN')} 行，未导入 ${running.rows.rejected} 行` : '';
  }

  async function upload() {
    const f = file.files && file.files[0];
    if (!f) return toast('请选择要导入的文件', 'error');
    if (!sources.value) return toast('请选择热线来源', 'error');
    progress.textContent = '正在上传……'; // the file's name is in the history below, as the file calls itself
    try {
      const res = await fetch(`/api/tickets/imports?source=${encodeURIComponent(sources.value)}&filename=${encodeURIComponent(f.name)}`, {
        method: 'POST', credentials: 'same-origin', headers: { 'content-type': 'application/octet-stream', 'x-csrf-token': csrf(), accept: 'application/json' }, body: f,
      });
      const data = await res.json().catch(() => null);
      if (!res.ok) throw new ApiError(res.status, (data && data.error && data.error.message) || `上传失败（HTTP ${res.status}）`);
      toast(`已开始导入（导入编号 ${data.id}）`, 'ok');
      form.reset();
    } catch (err) {
      progress.textContent = '';
      toast(err.message, 'error');
    }
    await load();
  }

  await loadSources();
  await load();
  return view;
}
