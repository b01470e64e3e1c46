import { get } from './api.js';
import { clear, h, time, toast } from './dom.js';

const STATE = { ok: '正常', failing: '失败', backing_off: '退避中', disabled: '已停用', invalid: '配置错误' };
const RUN = { running: '运行中', ok: '成功', partial: '部分失败', failed: '失败', interrupted: '中断' };
const ENGINE = { cheerio: '网页与接口抓取', playwright: '浏览器渲染抓取' };
// Raw error text and file names stay as they are (admins copy them into a search or a ticket), marked as technical detail.
const tech = (text) => h('code', { class: 'tech' }, text);

/** Admins: every crawler's health, last error and recent runs, and the files that do not load (GET /api/admin/platforms). */
export async function renderPlatforms(main) {
  const tbody = h('tbody');
  const invalid = h('div');
  const refresh = h('button', { type: 'button', onclick: () => load() }, '刷新');
  main.append(h('section', null,
    h('div', { class: 'page-head' }, h('h1', null, '采集平台'), h('p', { class: 'keys' }, h('kbd', null, 'g'), ' 刷新')),
    h('p', { class: 'muted' }, '每个平台的采集状态、最近错误与最近几次运行。每个平台由采集配置目录中的一个文件定义。', refresh),
    invalid,
    h('table', { class: 'list platforms' }, h('thead', null, h('tr', null, ['平台', '抓取方式 / 计划', '状态', '最近成功', '连续失败', '下次尝试', '最近运行', '最近错误'].map((t) => h('th', null, t)))), tbody)));

  async function load() {
    try {
      draw(await get('/api/admin/platforms?runs=3'));
    } catch (err) {
      toast(err.message, 'error');
    }
  }

  function draw(data) {
    clear(tbody);
    clear(invalid);
    if (data.invalidFiles.length) {
      invalid.append(h('div', { class: 'banner error' }, h('strong', null, `${data.invalidFiles.length} 个平台文件无法加载：`),
        h('ul', null, data.invalidFiles.map((f) => h('li', null, tech(f.error))))));
    }
    if (!data.platforms.length) tbody.append(h('tr', null, h('td', { colspan: 8, class: 'empty' }, '没有平台文件（写法见采集配置目录中的说明文件）。')));
    for (const p of data.platforms) {
      const health = p.health || {};
      tbody.append(h('tr', { 'data-platform': p.platform },
        h('td', { title: p.file }, p.displayName || tech(p.platform), p.demo ? h('div', { class: 'muted small' }, '演示') : null),
        h('td', null, ENGINE[p.engine] || p.engine, h('div', { class: 'muted small' }, '计划 ', h('span', { class: 'nowrap' }, p.cron))),
        h('td', null, h('span', { class: `platform-state ${p.state}` }, STATE[p.state] || p.state)),
        h('td', null, time(health.last_success_at)),
        h('td', null, String(health.consecutive_failures ?? 0)),
        h('td', null, time(health.next_attempt_at)),
        h('td', null, p.runs.map((r) => h('div', { class: 'small' }, `${time(r.started_at)} ${RUN[r.status] || r.status}：${r.pages} 页，新帖 ${r.new_posts}，错误 ${r.errors}`))),
        h('td', { class: 'small' }, health.last_error ? tech(health.last_error.split('\n')[0]) : '—')));
    }
  }

  await load();
  return { keys: { g: () => load() } };
}
