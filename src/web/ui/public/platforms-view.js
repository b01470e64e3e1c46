import { get } from './api.js';
import { navigate } from './app.js';
import { clear, h, time, toast } from './dom.js';
import { ENGINE, PLATFORM_STATE } from './platform-labels.js';

// Raw error text and file names stay as they are (admins copy them into a search or a ticket), marked as technical detail.
const tech = (text) => h('code', { class: 'tech' }, text);

/** Admins: every crawler's state, runs, counts and last error, and the files that do not load (GET /api/admin/platforms). */
export async function renderPlatforms(main) {
  const tbody = h('tbody');
  const invalid = h('div');
  const refresh = h('button', { type: 'button', onclick: () => load() }, '刷新');
  const create = h('a', { href: '/platforms/new', 'data-nav': '', class: 'button primary' }, '新建平台');
  main.append(h('section', null,
    h('div', { class: 'page-head' }, h('h1', null, '采集平台'), h('p', { class: 'keys' }, h('kbd', null, 'n'), ' 新建 ', h('kbd', null, 'g'), ' 刷新')),
    h('p', { class: 'muted' }, '每个平台的采集状态、运行、帖子与线索数和最近错误。每个平台由采集配置目录中的一个文件定义。', refresh, ' ', create),
    invalid,
    h('table', { class: 'list platforms' }, h('thead', null, h('tr', null, ['平台', '抓取方式 / 计划', '状态', '最近运行', '下次运行', '今日 帖子 / 线索', '本周 帖子 / 线索', '错误'].map((t) => h('th', null, t)))), tbody)));

  async function load() {
    try {
      draw(await get('/api/admin/platforms?runs=1'));
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
      const a = p.activity;
      const failures = health.consecutive_failures || 0;
      tbody.append(h('tr', { 'data-platform': p.platform },
        h('td', null, h('a', { href: `/platforms/${encodeURIComponent(p.platform)}`, 'data-nav': '' }, p.displayName || tech(p.platform)), p.demo ? h('div', { class: 'muted small' }, '演示') : null),
        h('td', null, p.engine ? ENGINE[p.engine] || p.engine : '—', p.cron ? h('div', { class: 'muted small' }, '计划 ', h('span', { class: 'nowrap' }, p.cron)) : null),
        h('td', null, h('span', { class: `platform-state ${p.state}` }, PLATFORM_STATE[p.state] || p.state)),
        h('td', null, time(p.lastRunAt)),
        h('td', null, time(p.nextRunAt)),
        h('td', null, `${a.postsToday} / ${a.leadsToday}`),
        h('td', null, `${a.postsWeek} / ${a.leadsWeek}`),
        h('td', { class: 'small' },
          failures ? h('div', null, `连续失败 ${failures} 次`) : null,
          !p.valid ? p.error.issues.map((i) => h('div', null, i.field ? [tech(i.field), '：'] : null, tech(i.message))) : null,
          health.last_error ? tech(health.last_error.split('\n')[0]) : p.valid ? '—' : null)));
    }
  }

  await load();
  return { keys: { g: () => load(), n: () => navigate('/platforms/new') } };
}
