// The staff app shell: session, client-side routes, keyboard dispatch, live queue counts (SSE).
import { get, post, setCsrfToken } from './api.js';
import { clear, toast } from './dom.js';
import { ROLE, setPlatformNames } from './labels.js';
import { renderQueue } from './queue-view.js';
import { renderLead } from './lead-view.js';
import { renderWorkOrders } from './work-orders-view.js';
import { renderWorkOrder } from './work-order-view.js';
import { renderPlatforms } from './platforms-view.js';
import { renderMissed } from './missed-view.js';
import { renderMine } from './mine-view.js';
import { renderSupervision } from './supervision-view.js';

export const state = { user: null, catalogue: null, view: null, stats: null, listeners: new Set() };

const routes = [
  [/^\/$/, () => renderQueue],
  [/^\/leads\/(\d+)$/, () => renderLead],
  [/^\/work-orders$/, () => renderWorkOrders],
  [/^\/work-orders\/(GD\d{8}-\d{6})$/, () => renderWorkOrder],
  [/^\/platforms$/, () => renderPlatforms],
  // the console's pages load the editor bundle (CodeMirror): fetched only when one is opened
  [/^\/platforms\/new$/, () => import('./platform-editor-view.js').then((m) => m.renderPlatformEditor)],
  [/^\/platforms\/([a-z0-9][a-z0-9_-]{0,62})$/, () => import('./platform-view.js').then((m) => m.renderPlatform)],
  [/^\/platforms\/([a-z0-9][a-z0-9_-]{0,62})\/edit$/, () => import('./platform-editor-view.js').then((m) => m.renderPlatformEditor)],
  [/^\/missed$/, () => renderMissed],
  [/^\/mine$/, () => renderMine],
  [/^\/supervision$/, () => renderSupervision],
  [/^\/public-interest$/, () => import('./public-interest-view.js').then((m) => m.renderPublicInterest)],
  [/^\/hotline-leads$/, () => import('./hotline-leads-view.js').then((m) => m.renderHotlineLeads)],
  [/^\/hotline-leads\/(\d+)$/, () => import('./hotline-lead-view.js').then((m) => m.renderHotlineLead)],
  // supervisors' pages load ECharts: fetched only when one is opened
  [/^\/overview$/, () => import('./overview-view.js').then((m) => m.renderOverview)],
  [/^\/head-start$/, () => import('./head-start-view.js').then((m) => m.renderHeadStart)],
  [/^\/analytics\/leads$/, () => import('./period-leads-view.js').then((m) => m.renderPeriodLeads)],
  [/^\/hotspots$/, () => import('./hotspots-view.js').then((m) => m.renderHotspots)],
  [/^\/map$/, () => import('./map-view.js').then((m) => m.renderMap)],
  // admins' pages (人员, 接口密钥, 事件推送, 平台账号)
  [/^\/admin\/people$/, () => import('./people-view.js').then((m) => m.renderPeople)],
  [/^\/admin\/api-keys$/, () => import('./api-keys-view.js').then((m) => m.renderApiKeys)],
  [/^\/admin\/webhooks$/, () => import('./webhooks-view.js').then((m) => m.renderWebhooks)],
  [/^\/admin\/platform-accounts$/, () => import('./platform-accounts-view.js').then((m) => m.renderPlatformAccounts)],
  [/^\/admin\/ticket-imports$/, () => import('./ticket-imports-view.js').then((m) => m.renderTicketImports)],
  // 规则: the editor page loads the editor bundle (CodeMirror)
  [/^\/admin\/rules$/, () => import('./rules-view.js').then((m) => m.renderRules)],
  [/^\/admin\/rules\/([a-z][a-z0-9_]{0,62})$/, () => import('./rule-editor-view.js').then((m) => m.renderRuleEditor)],
  [/^\/reports$/, () => import('./reports-view.js').then((m) => m.renderReports)],
  [/^\/reports\/(\d+)$/, () => import('./report-view.js').then((m) => m.renderReport)],
];

export async function navigate(url, { replace = false } = {}) {
  if (replace) history.replaceState(null, '', url);
  else history.pushState(null, '', url);
  await render();
}

async function render() {
  if (state.view && state.view.leave) await state.view.leave();
  state.view = null;
  const main = clear(document.getElementById('main'));
  const match = routes.find(([re]) => re.test(location.pathname));
  if (!match) {
    main.textContent = '页面不存在。';
    return;
  }
  const params = match[0].exec(location.pathname).slice(1);
  try {
    state.view = (await (await match[1]())(main, params, new URLSearchParams(location.search))) || null;
  } catch (err) {
    main.textContent = err.message || '加载失败，请刷新页面重试。';
  }
  main.focus({ preventScroll: true });
}

/** The catalogue (categories, sub-items, reasons, districts) and the platforms' names are loaded once. */
export async function catalogue() {
  state.catalogue ??= await Promise.all([get('/api/catalogue'), get('/api/platforms')]).then(([cat, { platforms }]) => {
    setPlatformNames(platforms);
    return cat;
  });
  return state.catalogue;
}

export function onQueueChange(fn) {
  state.listeners.add(fn);
  return () => state.listeners.delete(fn);
}

function listen() {
  const source = new EventSource('/api/leads/events');
  source.addEventListener('queue', (event) => {
    const stats = JSON.parse(event.data);
    const changed = state.stats && (stats.maxLeadId !== state.stats.maxLeadId || stats.maxLeadChange !== state.stats.maxLeadChange);
    state.stats = stats;
    document.getElementById('pending-count').textContent = `${stats.pending}`;
    document.getElementById('pending-count').title = `待核实 ${stats.pending} 条，其中紧急 ${stats.urgent} 条`;
    if (changed) for (const fn of state.listeners) fn(stats);
  });
}

function typing(target) {
  return target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
}

document.addEventListener('keydown', (event) => {
  if (event.ctrlKey || event.metaKey || event.altKey) return;
  const help = document.getElementById('help');
  if (event.key === 'Escape') {
    if (help.open) return;
    if (state.view && state.view.keys && state.view.keys.Escape) state.view.keys.Escape(event);
    return;
  }
  if (typing(event.target) || help.open) return;
  if (event.key === '?') {
    event.preventDefault();
    help.showModal();
    return;
  }
  const handler = state.view && state.view.keys && state.view.keys[event.key];
  if (handler) {
    event.preventDefault();
    handler(event);
  }
});

document.addEventListener('click', (event) => {
  const a = event.target instanceof Element && event.target.closest('a[data-nav]');
  if (!a || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey) return;
  event.preventDefault();
  navigate(a.getAttribute('href'));
});

window.addEventListener('popstate', () => render());

async function start() {
  const session = await get('/api/auth/session');
  state.user = session.user;
  setCsrfToken(session.csrfToken);
  // admins also see the crawlers' health
  document.getElementById('nav-platforms').hidden = session.user.role !== 'admin';
  document.getElementById('nav-admin').hidden = session.user.role !== 'admin';
  document.getElementById('nav-rules').hidden = session.user.role !== 'admin';
  // 热线线索: supervisors' own list (and admins')
  document.getElementById('nav-hotline-leads').hidden = session.user.role === 'verifier';
  // supervisors read and supervise; the pages of review decisions are not theirs
  document.body.dataset.role = session.user.role;
  document.getElementById('whoami').textContent = `${session.user.displayName || session.user.name}（${ROLE[session.user.role]}）`;
  document.getElementById('logout').addEventListener('click', async () => {
    if (state.view && state.view.leave) await state.view.leave();
    await post('/api/auth/logout').catch(() => {});
    location.assign('/login');
  });
  window.addEventListener('pagehide', () => state.view && state.view.unload && state.view.unload());
  listen();
  await render();
}

start().catch((err) => toast(err.message || '加载失败，请刷新页面。', 'error'));
