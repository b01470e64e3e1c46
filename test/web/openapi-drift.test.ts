import { importPushBatch } from '../../src/tickets/push-batch.js';
import { loadTicketSource } from '../../src/tickets/source-loader.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM } from '../../src/audit/actor.js';
import { createApiKey } from '../../src/downstream/api-keys.js';
import { allowOrigin, createSubscription } from '../../src/downstream/webhooks.js';
import { generateWeeklyReport } from '../../src/analytics/weekly-report.js';
import { confirmLead } from '../../src/workorders/confirm-lead.js';
import { transitionWorkOrder } from '../../src/workorders/transition.js';
import { tempContext, type TempContext } from '../helpers/temp-context.js';
import { createUser, login, startApp, type Client, type RunningApp } from '../helpers/web-app.js';
import { insertLead } from '../workorders/fixtures.js';
import { sendReport } from '../citizen-reports/helpers.js';
import { insertTicket } from '../helpers/ticket-fixtures.js';
import { screenTicketTopics } from '../../src/ticket-leads/topic-screening.js';

/**
 * The documented examples against the live app: every operation has a 2xx response with a schema,
 * and an operation's JSON example has the keys and value types its live response has (a null on
 * either side matches anything; arrays compare their first items). Drift fails here.
 */
let ctx: TempContext;
let app: RunningApp;
let staff: Client;
let key: string;
let doc: any;
const seed: Record<string, string | number> = {};

beforeAll(async () => {
  ctx = tempContext();
  app = await startApp(ctx);
  await createUser(ctx, 'boss', 'admin');
  staff = await login(app.baseUrl, 'boss');
  const apiKey = createApiKey(ctx.db, { name: '宝安区智慧城管平台', scopes: ['work_orders:read', 'work_orders:write'], actor: SYSTEM });
  key = apiKey.key;
  seed.keyId = apiKey.id;
  await allowOrigin(ctx.db, { origin: 'http://127.0.0.1:9', note: '宝安区城管平台', privateReason: '文档一致性测试' }, SYSTEM);
  seed.subscription = (await createSubscription(ctx.db, { apiKeyId: apiKey.id, url: 'http://127.0.0.1:9/hooks', eventTypes: ['work_order.created', 'work_order.status_changed'], actor: SYSTEM })).id;
  seed.lead = insertLead(ctx.db, { posts: [{ text: '华强北路口垃圾堆了三天没人清理，臭气熏天' }, { text: '华强北垃圾没人清', platform: 'douyin' }] });
  seed.other = insertLead(ctx.db, { posts: [{ text: '梅林路路灯连续一周不亮' }] });
  const order = confirmLead(ctx, { leadId: insertLead(ctx.db), actor: SYSTEM });
  seed.number = order.number;
  transitionWorkOrder(ctx, { number: order.number, to: 'accepted', note: '已受理', actor: SYSTEM });
  seed.delivery = ctx.db.prepare('SELECT max(id) FROM webhook_deliveries').pluck().get() as number;
  seed.ref = (await sendReport(app.baseUrl, { text: '小区门口的垃圾桶三天没人清运了，气味很大' })).body.ref;
  seed.report = (await generateWeeklyReport(ctx, { from: '2026-11-15', to: '2026-11-21', district: null }, 'manual')).id;
  insertTicket(ctx.db, { title: '井盖缺失', text: '宝城小学门口的井盖不见了', isLead: true, category: 'municipal', subItem: 'municipal.manhole', domains: ['work_safety'] });
  screenTicketTopics(ctx);
  seed.hotlineLead = ctx.db.prepare("SELECT id FROM ticket_leads WHERE topic = 'manhole_covers'").pluck().get() as number;
  seed.ticketImport = importPushBatch(ctx.db, loadTicketSource(ctx.config.rulesDir, 'demo-hotline'), [{ 工单编号: 'D1', 受理时间: '2026-12-07 09:05:00', 诉求内容: '井盖缺失' }, { 工单编号: '' }], 'cli').import_id;
  doc = (await staff.get('/api/openapi.json')).body;
});
afterAll(async () => {
  await app?.close();
  ctx?.cleanup();
});

const kind = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);

/** Objects keyed by data (district → short name), compared like arrays: by their first values. */
const MAPS = new Set(['$.list.districts']);

/** Where the example's shape differs from the live value's. */
function shapeDiff(example: unknown, live: unknown, at = '$'): string[] {
  if (example === null || live === null || example === undefined) return [];
  if (kind(example) !== kind(live)) return [`${at}: example is ${kind(example)}, live is ${kind(live)}`];
  if (MAPS.has(at)) return shapeDiff(Object.values(example as object), Object.values(live as object), `${at}[*]`);
  if (Array.isArray(example)) return example.length && (live as unknown[]).length ? shapeDiff(example[0], (live as unknown[])[0], `${at}[0]`) : [];
  if (kind(example) !== 'object') return [];
  const e = example as Record<string, unknown>;
  const l = live as Record<string, unknown>;
  return [
    ...Object.keys(l).filter((k) => !(k in e)).map((k) => `${at}.${k}: live only`),
    ...Object.keys(e).filter((k) => !(k in l)).map((k) => `${at}.${k}: example only`),
    ...Object.keys(e).filter((k) => k in l).flatMap((k) => shapeDiff(e[k], l[k], `${at}.${k}`)),
  ];
}

const OPS = () =>
  Object.entries<Record<string, any>>(doc.paths).flatMap(([path, item]) => Object.entries(item).map(([method, op]) => ({ path, method, op })));

function jsonExample(op: any): { status: string; example: unknown } | undefined {
  for (const [status, r] of Object.entries<any>(op.responses ?? {})) {
    if (!status.startsWith('2')) continue;
    const c = r.content?.['application/json'] ?? r.content?.['application/geo+json'];
    if (c?.example !== undefined) return { status, example: c.example };
  }
  return undefined;
}

/** Values for path parameters, from the seeded data. */
function fill(path: string): string {
  const id = path.startsWith('/api/leads/') ? seed.lead : path.startsWith('/api/admin/webhook-deliveries/') ? seed.delivery : path.startsWith('/open311/') ? seed.number : path.startsWith('/api/analytics/reports/') ? seed.report : path.startsWith('/api/hotline-leads/') ? seed.hotlineLead : path.startsWith('/api/tickets/imports/') ? seed.ticketImport : undefined;
  return path
    .replace('{number}', String(seed.number))
    .replace('{format}', 'json')
    .replace('{ref}', String(seed.ref))
    .replace('{platform}', 'discuz-city-forum') // shipped in crawlers/, which tempContext reads
    .replace('{key}', 'noise') // the noise pack, shipped in rules/
    .replace('{id}', String(id ?? '{id}'));
}

async function call(method: string, path: string, op: any, body?: unknown) {
  const byKey = (op.security ?? []).some((s: Record<string, unknown>) => 'apiKey' in s);
  const query = (op.parameters ?? []).filter((p: any) => p.in === 'query' && p.required).map((p: any) => `${p.name}=${encodeURIComponent(p.schema?.format === 'date-time' ? (p.name === 'from' ? '2000-01-01T00:00:00Z' : '2100-01-01T00:00:00Z') : p.example)}`);
  const url = fill(path) + (query.length ? `?${query.join('&')}` : '');
  if (!byKey) return staff.send(method.toUpperCase(), url, body === undefined ? {} : { json: body });
  const res = await fetch(app.baseUrl + url, { method: method.toUpperCase(), headers: { authorization: `Bearer ${key}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) }, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, body: (res.headers.get('content-type') ?? '').includes('json') ? JSON.parse(text) : text };
}

/** Writes compared in this order (each after the reads), with the body each needs. */
const WRITES: [string, () => unknown][] = [
  ['POST /api/leads', () => ({ text: '梅林路路灯连续一周不亮，晚上很危险', category: 'municipal', urgency: 'normal', district: '福田区', place: '梅林路 38 号' })],
  ['POST /api/leads/{id}/claim', () => undefined],
  ['DELETE /api/leads/{id}/claim', () => undefined],
  ['PATCH /api/leads/{id}', () => ({ version: 1, district: '南山区' })],
  ['POST /api/leads/{id}/reject', () => ({ version: 2, reason: 'advertising', note: '楼盘广告' })],
  ['POST /api/leads/{id}/reopen', () => ({ version: 3, note: '误驳回' })],
  ['POST /api/leads/{id}/confirm', () => ({ version: 4 })],
  ['POST /api/v1/work-orders/{number}/events', () => ({ type: 'in_progress', note: '已派人' })],
  ['POST /api/v1/work-orders/{number}/events', () => ({ type: 'resolved', note: '已修复' })],
  ['POST /api/v1/work-orders/{number}/events', () => ({ type: 'feedback', feedback: 'unsatisfied', note: '修好又坏了' })],
  ['POST /api/work-orders/{number}/supervision', () => ({ note: '请三日内到场复查', reason: 'unsatisfied' })],
  ['POST /api/admin/api-keys', () => ({ name: '龙岗区平台', scopes: ['work_orders:read'] })],
  ['POST /api/admin/webhook-allowlist', () => ({ origin: 'http://127.0.0.1:10', private_reason: '文档一致性测试' })],
  ['POST /api/admin/webhooks', () => ({ api_key_id: seed.keyId, url: 'http://127.0.0.1:10/h', event_types: ['work_order.created'] })],
  ['POST /api/v1/webhooks', () => ({ url: 'http://127.0.0.1:10/h2', event_types: ['work_order.updated'] })],
  ['POST /api/analytics/topics', () => ({ name: '华强北垃圾', kind: 'hotspot', filter: { district: '福田区', place: '华强北' } })],
];

describe('OpenAPI document against the live app', () => {
  it('every operation documents a 2xx response with a schema', () => {
    const missing = OPS().filter(({ op }) => !Object.entries<any>(op.responses ?? {}).some(([s, r]) => s.startsWith('2') && Object.values<any>(r.content ?? {}).some((c) => c.schema)));
    expect(missing.map(({ method, path }) => `${method.toUpperCase()} ${path}`)).toEqual([]);
  });

  it('every read with a JSON example answers with the example\'s shape', async () => {
    const diffs: string[] = [];
    for (const { path, method, op } of OPS()) {
      const ex = jsonExample(op);
      if (method !== 'get' || !ex || path === '/api/openapi.json') continue;
      const res = await call(method, path, op);
      if (String(res.status) !== ex.status) diffs.push(`GET ${path}: live status ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
      else diffs.push(...shapeDiff(ex.example, res.body).map((d) => `GET ${path} ${d}`));
    }
    expect(diffs).toEqual([]);
  });

  it('the writes answer with their examples\' shape', async () => {
    const diffs: string[] = [];
    for (const [op, body] of WRITES) {
      const [method, path] = op.split(' ') as [string, string];
      const documented = doc.paths[path]?.[method.toLowerCase()];
      const ex = documented && jsonExample(documented);
      if (!ex) {
        diffs.push(`${op}: no JSON example documented`);
        continue;
      }
      const res = await call(method, path, documented, body());
      if (String(res.status) !== ex.status) diffs.push(`${op}: live status ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
      else diffs.push(...shapeDiff(ex.example, res.body).map((d) => `${op} ${d}`));
    }
    expect(diffs).toEqual([]);
  });
});
