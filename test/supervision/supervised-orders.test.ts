/**
 * 重点工单全程监管 on a seeded store and the real app: each list holds exactly the planted orders,
 * feedback arrives through the downstream events (Idempotency-Key kept), 督办 is audited, refused
 * twice and to verifiers, follows the order and closes with it; the CSV opens in Excel.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM } from '../../src/audit/actor.js';
import { createApiKey } from '../../src/downstream/api-keys.js';
import { confirmLead } from '../../src/workorders/confirm-lead.js';
import { reassignWorkOrder } from '../../src/workorders/reassign.js';
import { transitionWorkOrder } from '../../src/workorders/transition.js';
import { acceptsFeedback } from '../../src/supervision/feedback-rule.js';
import { WORK_ORDER_STATUSES } from '../../src/domain/work-order-status.js';
import { insertLead } from '../helpers/lead-fixtures.js';
import { tempContext, type TempContext } from '../helpers/temp-context.js';
import { createUser, login, startApp, type Client, type RunningApp } from '../helpers/web-app.js';

const DAY = 86_400_000;
const ago = (days: number) => new Date(Date.now() - days * DAY);
const HOSTILE = '=HYPERLINK("http://evil.example","点我")<img src=x onerror=alert(1)>';

let ctx: TempContext;
let app: RunningApp;
let supervisor: Client;
let verifier: Client;
let key: string;
const n = {} as Record<'fresh' | 'overdue' | 'old' | 'returned' | 'once' | 'recurring' | 'quiet' | 'unhappy' | 'happy', string>;

function order(place: string, when: Date, extra: { category?: string; street?: string } = {}): string {
  const leadId = insertLead(ctx.db, { posts: [{ text: `${place}的问题` }], category: extra.category ?? 'municipal', district: '宝安区', street: extra.street ?? '西乡街道', place, discoveredAt: when.toISOString() }).leadId;
  return confirmLead(ctx, { leadId, actor: SYSTEM, now: when }).number;
}
const move = (number: string, to: 'accepted' | 'resolved' | 'closed' | 'returned' | 'in_progress', now = new Date()) =>
  transitionWorkOrder(ctx, { number, to, note: to === 'returned' ? '不属于本单位' : '已处理', actor: SYSTEM, now });

async function event(number: string, body: unknown, idempotencyKey?: string) {
  const res = await fetch(`${app.baseUrl}/api/v1/work-orders/${number}/events`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}) },
    body: JSON.stringify(body),
  });
  return { status: res.status, replayed: res.headers.get('idempotent-replayed'), body: await res.json() };
}

beforeAll(async () => {
  ctx = tempContext();
  await createUser(ctx, 'wangdu', 'supervisor');
  await createUser(ctx, 'li', 'verifier');
  key = createApiKey(ctx.db, { name: '宝安区智慧城管平台', scopes: ['work_orders:read', 'work_orders:write'], actor: SYSTEM }).key;

  n.fresh = order('新安公园', new Date()); // dispatched just now: on no list
  n.overdue = order('宝民一路', ago(2)); // acceptance deadline passed
  n.old = order(HOSTILE, ago(40));
  move(n.old, 'accepted', ago(39)); // accepted 39 days ago, still open: long unresolved (and overdue)
  n.returned = order('西乡大道', new Date());
  move(n.returned, 'returned');
  reassignWorkOrder(ctx, { number: n.returned, department: '西乡街道办事处', actor: SYSTEM });
  move(n.returned, 'returned');
  n.once = order('固戍一路', new Date());
  move(n.once, 'returned'); // returned once: not on the list

  n.recurring = order('碧海花园', ago(20));
  move(n.recurring, 'accepted', ago(19));
  move(n.recurring, 'resolved', ago(10));
  insertLead(ctx.db, { posts: [{ text: '碧海花园又堵了' }], category: 'municipal', district: '宝安区', place: '碧海花园', discoveredAt: ago(5).toISOString() }); // counts
  insertLead(ctx.db, { posts: [{ text: '碧海花园又堵了' }], category: 'municipal', district: '宝安区', place: '碧海花园', discoveredAt: ago(4).toISOString(), status: 'rejected' }); // rejected: not
  insertLead(ctx.db, { posts: [{ text: '碧海花园噪音' }], category: 'environment', district: '宝安区', place: '碧海花园', discoveredAt: ago(3).toISOString() }); // other category: not
  insertLead(ctx.db, { posts: [{ text: '碧海花园旁边' }], category: 'municipal', district: '南山区', place: '碧海花园', discoveredAt: ago(3).toISOString() }); // other district: not
  n.quiet = order('流塘路', ago(20));
  move(n.quiet, 'accepted', ago(19));
  move(n.quiet, 'resolved', ago(10));
  insertLead(ctx.db, { posts: [{ text: '流塘路老问题' }], category: 'municipal', district: '宝安区', place: '流塘路', discoveredAt: ago(12).toISOString() }); // before the resolution: not

  n.unhappy = order('翻身路', ago(3));
  move(n.unhappy, 'accepted', ago(2));
  move(n.unhappy, 'resolved', ago(1));
  n.happy = order('创业路', ago(3));
  move(n.happy, 'accepted', ago(2));
  move(n.happy, 'resolved', ago(1));

  app = await startApp(ctx);
  supervisor = await login(app.baseUrl, 'wangdu');
  verifier = await login(app.baseUrl, 'li');
});
afterAll(async () => {
  await app?.close();
  ctx?.cleanup();
});

const numbers = async (query: string) => {
  const res = await supervisor.get(`/api/supervision/orders?${query}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.items.map((i: { number: string }) => i.number).sort();
};

describe('citizen feedback through the report-back events', () => {
  it('is accepted only once the work is done', () => {
    const table = Object.fromEntries(WORK_ORDER_STATUSES.map((s) => [s, acceptsFeedback(s)]));
    expect(table).toEqual({ created: false, dispatched: false, accepted: false, in_progress: false, resolved: true, closed: true, returned: false, reassigned: false });
  });

  it('records satisfied / unsatisfied with a note, keeps Idempotency-Key semantics, and refuses it before resolution', async () => {
    const early = await event(n.fresh, { type: 'feedback', feedback: 'unsatisfied', note: '还没人来' });
    expect(early.status).toBe(409);
    expect(early.body.error.message).toMatch(/市民评价应在“已办结”或“已关闭”之后回报/);
    expect(early.body.error.details.allowed_from).toEqual(['resolved', 'closed']);
    const missing = await event(n.unhappy, { type: 'feedback' });
    expect(missing.status).toBe(400);
    expect(missing.body.error.field).toMatch(/feedback/);
    expect((await event(n.unhappy, { type: 'resolved', note: 'x', feedback: 'satisfied' })).status).toBe(400);

    const first = await event(n.unhappy, { type: 'feedback', feedback: 'unsatisfied', note: '下水道还是堵' }, 'fb-1');
    expect(first.status).toBe(200);
    expect(first.body.accepted_event).toBe('feedback');
    expect(first.body.work_order.status).toBe('resolved');
    expect(first.body.work_order.history.at(-1)).toMatchObject({ kind: 'feedback', note: '市民不满意：下水道还是堵' });
    const again = await event(n.unhappy, { type: 'feedback', feedback: 'unsatisfied', note: '下水道还是堵' }, 'fb-1');
    expect(again.status).toBe(200);
    expect(again.replayed).toBe('true');
    expect((await event(n.unhappy, { type: 'feedback', feedback: 'satisfied' }, 'fb-1')).status).toBe(422);
    expect(ctx.db.prepare('SELECT count(*) FROM work_order_feedback').pluck().get()).toBe(1);

    expect((await event(n.happy, { type: 'feedback', feedback: 'unsatisfied' })).status).toBe(200);
    expect((await event(n.happy, { type: 'feedback', feedback: 'satisfied', note: '满意' })).status).toBe(200); // the latest counts
    const audit = ctx.db.prepare("SELECT action FROM audit_log WHERE action LIKE 'feedback:%' ORDER BY id").pluck().all();
    expect(audit).toEqual(['feedback:unsatisfied', 'feedback:unsatisfied', 'feedback:satisfied']);
  });
});

describe('the lists', () => {
  it('hold exactly the planted orders', async () => {
    expect(await numbers('list=overdue')).toEqual([n.old, n.overdue].sort());
    expect(await numbers('list=returned')).toEqual([n.returned]);
    expect(await numbers('list=recurring')).toEqual([n.recurring]);
    expect(await numbers('list=recurring&within_days=3')).toEqual([]);
    expect(await numbers('list=long_unresolved')).toEqual([n.old]);
    expect(await numbers('list=long_unresolved&open_days=50')).toEqual([]);
    expect(await numbers('list=unsatisfied')).toEqual([n.unhappy]);
    expect(await numbers('list=overdue&district=南山区')).toEqual([]);
  });

  it('carry the figure that put each order there, and equal a direct count', async () => {
    const returned = (await supervisor.get('/api/supervision/orders?list=returned')).body.items[0];
    expect(returned.returns).toBe(ctx.db.prepare("SELECT count(*) FROM work_order_events e JOIN work_orders w ON w.id = e.work_order_id WHERE w.number = ? AND e.to_status = 'returned'").pluck().get(n.returned));
    const recurring = (await supervisor.get('/api/supervision/orders?list=recurring')).body.items[0];
    expect(recurring.recurrence.count).toBe(1);
    expect(recurring.recurrence.lead_ids).toHaveLength(1);
    const unhappy = (await supervisor.get('/api/supervision/orders?list=unsatisfied')).body.items[0];
    expect(unhappy.feedback.note).toBe('下水道还是堵');
    const openOverdue = ctx.db.prepare("SELECT count(*) FROM work_orders WHERE due_at < ? AND status NOT IN ('resolved', 'closed')").pluck().get(new Date().toISOString());
    expect((await supervisor.get('/api/supervision/orders?list=overdue')).body.items).toHaveLength(openOverdue as number);
  });

  it('refuse an unknown list naming the lists', async () => {
    const res = await supervisor.get('/api/supervision/orders?list=everything');
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/overdue/);
  });

  it('export as CSV that Excel opens: BOM, Chinese header, CRLF, formulas neutralised', async () => {
    const res = await supervisor.get('/api/supervision/orders.csv?list=long_unresolved');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/csv/);
    const bytes = Buffer.from(await (await fetch(`${app.baseUrl}/api/supervision/orders.csv?list=long_unresolved`, { headers: { cookie: supervisor.cookie } })).arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // fetch's text() drops the BOM Excel needs
    const text = res.body as string;
    expect(text.startsWith('工单编号,状态,分类')).toBe(true);
    expect(text).toContain('\r\n');
    expect(text).toContain(n.old);
    expect(text).toContain(`'=HYPERLINK(`);
    expect(text).not.toMatch(/,=HYPERLINK/);
  });
});

describe('督办', () => {
  it('puts an order under supervision with a note, audited; refuses a second time, verifiers and closed orders', async () => {
    const res = await supervisor.post(`/api/work-orders/${n.returned}/supervision`, { note: '请三日内明确责任单位', reason: 'returned' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ number: n.returned, note: '请三日内明确责任单位', by: 'wangdu', open: true, reason_label: '多次退回', progress: [] });
    expect(ctx.db.prepare("SELECT count(*) FROM audit_log WHERE action = 'supervise' AND actor LIKE 'user:%'").pluck().get()).toBe(1);
    const twice = await supervisor.post(`/api/work-orders/${n.returned}/supervision`, { note: '再督办' });
    expect(twice.status).toBe(409);
    expect(twice.body.error.message).toMatch(/已于 .* 由 wangdu 列入督办/);
    expect((await verifier.post(`/api/work-orders/${n.overdue}/supervision`, { note: '我也想督办' })).status).toBe(403);
    expect((await supervisor.post(`/api/work-orders/${n.overdue}/supervision`, { note: '   ' })).status).toBe(400);
    const list = (await supervisor.get('/api/supervision/orders?list=returned')).body.items[0];
    expect(list.supervision).toMatchObject({ open: true });
  });

  it('follows the order to closure: progress since 督办, closed in the transaction that closes the order', async () => {
    const number = n.recurring;
    expect((await supervisor.post(`/api/work-orders/${number}/supervision`, { note: '跟踪重复投诉', reason: 'recurring' })).status).toBe(201);
    move(number, 'in_progress');
    move(number, 'resolved');
    let s = (await verifier.get(`/api/work-orders/${number}/supervision`)).body.supervision;
    expect(s.open).toBe(true);
    expect(s.progress.map((p: { to_status: string }) => p.to_status)).toEqual(['in_progress', 'resolved']);
    move(number, 'closed');
    s = (await supervisor.get(`/api/work-orders/${number}/supervision`)).body.supervision;
    expect(s.open).toBe(false);
    expect(s.closed_at).toBe(ctx.db.prepare('SELECT updated_at FROM work_orders WHERE number = ?').pluck().get(number));
    expect((await supervisor.get('/api/supervisions?state=closed')).body.items.map((x: { number: string }) => x.number)).toEqual([number]);
    expect((await supervisor.get('/api/supervisions')).body.items.map((x: { number: string }) => x.number)).toEqual([n.returned]);
    expect((await supervisor.post(`/api/work-orders/${number}/supervision`, { note: 'x' })).status).toBe(409);
    expect((await supervisor.get(`/api/work-orders/${n.fresh}/supervision`)).body).toEqual({ supervision: null });
  });
});
