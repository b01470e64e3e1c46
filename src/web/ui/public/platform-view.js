// One crawler platform (admins): state and counts, its runs (status, counts, warnings, errors),
// its versions (who, when, diff, restore), and the actions: edit, run now, enable/disable, delete.
import { del, get, post } from './api.js';
import { navigate } from './app.js';
import { clear, h, time, toast } from './dom.js';
import { PLATFORM_STATE, RUN_STATUS, RUN_TRIGGER, VERSION_ACTION } from './platform-labels.js';
import { showVersionDiff } from './editor-parts.js';

const tech = (text) => h('code', { class: 'tech' }, text);
const POLL_MS = 1500;

export async function renderPlatform(main, [platform]) {
  const url = `/api/admin/platforms/${encodeURIComponent(platform)}`;
  const body = h('div');
  const diffBox = h('div', { class: 'version-diff', 'aria-live': 'polite' });
  main.append(h('section', { class: 'platform' }, body, diffBox));
  let timer;
  let data;
  /** After 立即运行: the run id seen before it, until the new run's row shows up (it starts a moment later). */
  let awaitingRunAfter = null;
  let waits = 0;
  const latestRunId = () => (data && data.status && data.status.runs[0] ? data.status.runs[0].id : 0);

  async function load() {
    clearTimeout(timer);
    try {
      data = await get(url);
    } catch (err) {
      return void toast(err.message, 'error');
    }
    draw();
    if (awaitingRunAfter !== null && (latestRunId() !== awaitingRunAfter || ++waits > 20)) awaitingRunAfter = null;
    // a run going on: its row shows pages and posts so far
    if (awaitingRunAfter !== null || (data.status && data.status.runs.some((r) => r.status === 'running'))) timer = setTimeout(load, POLL_MS);
  }

  async function act(label, fn) {
    try {
      await fn();
      toast(label);
    } catch (err) {
      toast(err.message, 'error');
    }
    await load();
  }

  const runNow = () => act('已开始运行；运行记录会显示进度。', async () => {
    await post(`${url}/run`);
    awaitingRunAfter = latestRunId();
    waits = 0;
  });
  const toggle = () => data.status && data.status.valid && act(data.status.state === 'disabled' ? '已启用。' : '已停用。', () => post(`${url}/${data.status.state === 'disabled' ? 'enable' : 'disable'}`));
  const edit = () => data.source && navigate(`/platforms/${encodeURIComponent(platform)}/edit`);
  async function remove() {
    if (!confirm(`删除平台“${(data.status && data.status.displayName) || platform}”的文件？已采集的帖子和版本记录会保留，可以从版本恢复。`)) return;
    await act('已删除平台文件。', () => del(url));
  }

  function draw() {
    const s = data.status;
    const h1 = h('h1', null, (s && s.displayName) || platform);
    clear(body).append(
      h('div', { class: 'page-head' }, h1,
        h('p', { class: 'keys' }, h('kbd', null, 'e'), ' 编辑 ', h('kbd', null, 'r'), ' 立即运行 ', h('kbd', null, 'g'), ' 刷新 ', h('kbd', null, 'q'), ' 返回列表')),
      h('p', null, h('a', { href: '/platforms', 'data-nav': '' }, '← 全部采集平台')),
      s ? h('p', null, '状态 ', h('span', { class: `platform-state ${s.state}` }, PLATFORM_STATE[s.state] || s.state),
        `　最近运行 ${time(s.lastRunAt)}　下次运行 ${time(s.nextRunAt)}　今日帖子 ${s.activity.postsToday}，线索 ${s.activity.leadsToday}　本周帖子 ${s.activity.postsWeek}，线索 ${s.activity.leadsWeek}`)
        : h('p', { class: 'banner warn' }, '该平台的文件已删除（已采集的帖子保留）。可以从下面的版本恢复。'),
      s && !s.valid ? h('div', { class: 'banner error platform-error' }, h('strong', null, '文件无效：'), h('ul', null, s.error.issues.map((i) => h('li', null, i.field ? [tech(i.field), '：'] : null, tech(i.message))))) : null,
      s && s.health && s.health.last_error ? h('p', { class: 'small' }, '最近错误：', tech(s.health.last_error)) : null,
      h('p', { class: 'actions' },
        data.source ? h('button', { type: 'button', onclick: edit }, '编辑') : null, ' ',
        s && s.valid ? h('button', { type: 'button', class: 'primary', onclick: runNow }, '立即运行') : null, ' ',
        s && s.valid ? h('button', { type: 'button', onclick: toggle }, s.state === 'disabled' ? '启用' : '停用') : null, ' ',
        data.source ? h('button', { type: 'button', class: 'danger', onclick: remove }, '删除') : null),
      h('h2', null, '运行记录'),
      runsTable(s ? s.runs : []),
      h('h2', null, '版本'),
      versionsTable(data.versions));
  }

  function runsTable(runs) {
    return h('table', { class: 'list runs' },
      h('thead', null, h('tr', null, ['开始', '方式', '状态', '页数', '新帖', '重复', '错误', '警告与错误信息'].map((x) => h('th', null, x)))),
      h('tbody', null, runs.length ? runs.map((r) => h('tr', { 'data-run': r.id, 'data-status': r.status },
        h('td', null, time(r.started_at)), h('td', null, RUN_TRIGGER[r.trigger] || r.trigger),
        h('td', null, h('span', { class: `platform-state ${r.status}` }, RUN_STATUS[r.status] || r.status)),
        h('td', null, String(r.pages)), h('td', null, String(r.new_posts)), h('td', null, String(r.seen_posts)), h('td', null, String(r.errors)),
        h('td', { class: 'small' },
          r.warnings.map((w) => h('div', { class: 'warn-line' }, '警告：', tech(w.message))),
          r.error_summary ? r.error_summary.split('\n').map((e) => h('div', { class: 'error-line' }, '错误：', tech(e))) : null)))
        : h('tr', null, h('td', { colspan: 8, class: 'empty' }, '还没有运行过。'))));
  }

  function versionsTable(versions) {
    return h('table', { class: 'list versions' },
      h('thead', null, h('tr', null, ['版本', '操作', '操作人', '时间', ''].map((x) => h('th', null, x)))),
      h('tbody', null, versions.length ? versions.map((v, i) => h('tr', { 'data-version': v.version },
        h('td', null, `第 ${v.version} 版`), h('td', null, VERSION_ACTION[v.action] || v.action), h('td', null, v.actor === 'system' ? '系统' : v.actor_name || '—'), h('td', null, time(v.created_at)),
        h('td', null,
          h('button', { type: 'button', class: 'link', onclick: () => showDiff(versions[i + 1], v) }, '与上一版比较'), ' ',
          v.action !== 'delete' ? h('button', { type: 'button', class: 'link', onclick: () => restore(v) }, '恢复此版本') : null)))
        : h('tr', null, h('td', { colspan: 5, class: 'empty' }, '还没有通过本页面保存过的版本。'))));
  }

  function showDiff(older, newer) {
    showVersionDiff(diffBox, older, newer);
  }

  async function restore(v) {
    if (!confirm(`把第 ${v.version} 版恢复为最新版本？`)) return;
    await act(`已恢复第 ${v.version} 版。`, () => post(`${url}/versions/${v.version}/restore`));
  }

  await load();
  return {
    keys: { e: edit, r: () => data.status && data.status.valid && runNow(), g: () => load(), q: () => navigate('/platforms') },
    leave: () => clearTimeout(timer),
  };
}
