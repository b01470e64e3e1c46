/**
 * 热线线索 on the real app: only supervisors and admins; filters, keyset pages that never repeat or
 * skip a hit, counts per topic, a detail with the ticket, the reply, the engine's reading and the
 * spans that fired; the review state machine (Chinese 4xx, audited), the CSV (formula-neutralised),
 * the topics endpoint and the CLI check.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenTicketTopics } from '../../src/ticket-leads/topic-screening.js';
import { insertTicket } from '../helpers/ticket-fixtures.js';
import { tempContext, type TempContext } from '../helpers/temp-context.js';
import { createUser, login, request, startApp, type Client, type RunningApp } from '../helpers/web-app.js';
import { runCli } from '../helpers/cli-process.js';

let ctx: TempContext;
let app: RunningApp;
let supervisor: Client;
let admin: Client;
let verifier: Client;
const ids = {} as Record<'cover' | 'gym' | 'gas' | 'formula', number>;
const DAY = 86_400_000;
const at = (daysAgo: number) => new Date(Date.now() - daysAgo * DAY).toISOString();

beforeAll(async () => {
  ctx = tempContext();
  await createUser(ctx, 'wangdu', 'supervisor');
  await createUser(ctx, 'boss', 'admin');
  await createUser(ctx, 'li', 'verifier');
  ids.cover = insertTicket(ctx.db, {
    ticketNo: 'SZ001', receivedAt: at(1), title: '井盖缺失', text: '宝城小学门口的井盖不见了，孩子放学经过很危险', categoryRaw: '城市管理/市政设施', address: '宝安区新安街道宝城小学东门',
    districtRaw: '宝安区', department: '宝安区城管局', statusRaw: '已办结', reply: '已安排人员更换井盖', repliedAt: at(0), isLead: true, category: 'municipal', subItem: 'municipal.manhole',
    urgency: 'urgent', district: '宝安区', street: '新安街道', place: '宝城小学', domains: ['work_safety'],
  });
  ids.gym = insertTicket(ctx.db, { ticketNo: 'SZ002', receivedAt: at(2), text: '健身房老板跑路，年卡不退', districtRaw: '南山区', isLead: true, category: 'consumer', district: '南山区' });
  ids.gas = insertTicket(ctx.db, { ticketNo: 'SZ003', receivedAt: at(3), text: '楼下餐馆燃气味道很大', districtRaw: '南山区', isLead: false });
  ids.formula = insertTicket(ctx.db, { ticketNo: '=HYPERLINK("x")', receivedAt: at(4), title: '=1+2', text: '@SUM(A1) 路口积水', districtRaw: '福田区', isLead: true, category: 'municipal' });
  screenTicketTopics(ctx);
  app = await startApp(ctx);
  [supervisor, admin, verifier] = await Promise.all([login(app.baseUrl, 'wangdu'), login(app.baseUrl, 'boss'), login(app.baseUrl, 'li')]);
}, 60_000);
afterAll(async () => {
  await app?.close();
  ctx?.cleanup();
});

const leadId = (ticket: number, topic: string) => ctx.db.prepare('SELECT id FROM ticket_leads WHERE ticket_id = ? AND topic = ?').pluck().get(ticket, topic) as number;
const listed = async (query = '') => ((await supervisor.get(`/api/hotline-leads${query}`)).body.items as { id: number; topic: { code: string } }[]).map((i) => `${i.id}:${i.topic.code}`);

describe('access', () => {
  it('lets supervisors and admins in, and nobody else', async () => {
    expect((await supervisor.get('/api/hotline-leads')).status).toBe(200);
    expect((await admin.get('/api/hotline-leads')).status).toBe(200);
    const refused = await verifier.get('/api/hotline-leads');
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toMatch(/监督员或管理员/);
    expect((await verifier.post(`/api/hotline-leads/${leadId(ids.gym, 'engine_lead')}/review`, { status: 'valuable' })).status).toBe(403);
    expect((await verifier.get('/api/screening-topics')).status).toBe(403);
    expect((await request(app.baseUrl, 'GET', '/api/hotline-leads')).status).toBe(401);
    expect((await request(app.baseUrl, 'GET', '/hotline-leads', undefined, { accept: 'text/html' })).status).toBe(303);
  });
});

describe('the list', () => {
  it('lists every hit newest first with counts per topic', async () => {
    const res = await supervisor.get('/api/hotline-leads');
    expect(res.body.items.map((i: { ticket: { ticket_no: string }; topic: { name: string } }) => `${i.ticket.ticket_no} ${i.topic.name}`)).toEqual([
      'SZ001 窨井盖', 'SZ001 引擎线索', 'SZ002 预付卡', 'SZ002 引擎线索', 'SZ003 燃气安全', '=HYPERLINK("x") 引擎线索',
    ]);
    const counts = Object.fromEntries(res.body.counts.map((c: { topic: { name: string }; total: number; pending: number }) => [c.topic.name, c.total]));
    expect(counts).toEqual({ 引擎线索: 3, 窨井盖: 1, 电动自行车充电: 0, 预付卡: 1, 燃气安全: 1, 学校周边食品安全: 0, 汛期积水内涝: 0 });
    const first = res.body.items.find((i: { topic: { code: string } }) => i.topic.code === 'manhole_covers');
    expect(first.reasons).toEqual(['规则「井盖缺失或破损」命中：井盖、缺失']);
    expect(first.reading).toMatchObject({ category_label: '市政公用', sub_item_label: '井盖缺失破损', urgency: 'urgent', location: { district: '宝安区', street: '新安街道', place: '宝城小学' } });
    expect(first.status_label).toBe('待核查');
  });

  it.each([
    ['?topic=manhole_covers', ['cover:manhole_covers']],
    ['?district=南山区', ['gym:engine_lead', 'gym:prepaid_cards', 'gas:gas_safety']],
    ['?category=consumer', ['gym:engine_lead', 'gym:prepaid_cards']],
    ['?q=燃气', ['gas:gas_safety']],
    ['?q=宝城小学东门', ['cover:engine_lead', 'cover:manhole_covers']],
  ])('filters %s', async (query, expected) => {
    const want = expected.map((e) => {
      const [t, topic] = e.split(':') as [keyof typeof ids, string];
      return `${leadId(ids[t], topic)}:${topic}`;
    });
    expect((await listed(encodeURI(query))).sort()).toEqual(want.sort());
  });

  it('filters by received time and counts under the other filters', async () => {
    const from = encodeURIComponent(new Date(Date.now() - 2.5 * DAY).toISOString());
    const res = await supervisor.get(`/api/hotline-leads?from=${from}&topic=engine_lead`);
    expect(res.body.items.map((i: { ticket: { id: number } }) => i.ticket.id).sort()).toEqual([ids.cover, ids.gym].sort());
    const counts = Object.fromEntries(res.body.counts.map((c: { topic: { code: string }; total: number }) => [c.topic.code, c.total]));
    expect(counts).toMatchObject({ engine_lead: 2, manhole_covers: 1, prepaid_cards: 1, gas_safety: 0 });
  });

  it('pages by keyset: no hit repeated or skipped, then next is null', async () => {
    const all = await listed('?limit=200');
    const seen: string[] = [];
    let next: string | null = null;
    do {
      const res: { body: { items: { id: number; topic: { code: string } }[]; next: string | null; counts: unknown[] | null } } = await supervisor.get(`/api/hotline-leads?limit=2${next ? `&after=${next}` : ''}`);
      expect(res.body.counts === null).toBe(next !== null);
      seen.push(...res.body.items.map((i) => `${i.id}:${i.topic.code}`));
      next = res.body.next;
    } while (next);
    expect(seen).toEqual(all);
    const bad = await supervisor.get('/api/hotline-leads?after=bm90LWEtY3Vyc29y');
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/上一页返回的 next/);
  });

  it('answers a bad filter in Chinese naming the field', async () => {
    const res = await supervisor.get('/api/hotline-leads?topic=Bad-Code');
    expect(res.status).toBe(400);
    expect(res.body.error.field).toBe('query.topic');
    expect(res.body.error.message).toMatch(/专题代码/);
  });
});

describe('a hit', () => {
  it('shows the ticket, the reply, the reading, every topic it hit with spans, and the history', async () => {
    const id = leadId(ids.cover, 'manhole_covers');
    const res = await supervisor.get(`/api/hotline-leads/${id}`);
    expect(res.status).toBe(200);
    const d = res.body;
    expect(d.ticket).toMatchObject({ ticket_no: 'SZ001', reply: '已安排人员更换井盖', department: '宝安区城管局', status_raw: '已办结' });
    expect(d.reading).toMatchObject({ is_lead: true, category_label: '市政公用', domains: [{ code: 'work_safety', name: '安全生产' }] });
    expect(d.hits.map((h: { topic: { name: string } }) => h.topic.name)).toEqual(['引擎线索', '窨井盖']);
    const cover = d.hits[1];
    expect(cover.spans.map((s: { start: number; end: number }) => d.screened_text.slice(s.start, s.end))).toEqual(['井盖', '缺失']);
    expect(d.history).toEqual([]);
    expect((await supervisor.get('/api/hotline-leads/999999')).status).toBe(404);
  });
});

describe('review', () => {
  it('follows the state machine, needs a reason or a recipient, and is audited', async () => {
    const id = leadId(ids.gym, 'prepaid_cards');
    const noReason = await supervisor.post(`/api/hotline-leads/${id}/review`, { status: 'dismissed' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error).toMatchObject({ field: 'body.dismiss_reason' });
    expect(noReason.body.error.message).toMatch(/不予处理需要选择原因/);
    const dismissed = await supervisor.post(`/api/hotline-leads/${id}/review`, { status: 'dismissed', dismiss_reason: 'resolved', note: '已退费' });
    expect(dismissed.status).toBe(200);
    expect(dismissed.body).toMatchObject({ status: 'dismissed', status_label: '不予处理', dismiss_reason_label: '热线已办结，无需跟进', note: '已退费', reviewed_by: 'wangdu' });
    const wrong = await supervisor.post(`/api/hotline-leads/${id}/review`, { status: 'transferred', recipient: '南山区人民检察院' });
    expect(wrong.status).toBe(409);
    expect(wrong.body.error.message).toBe(`热线线索 ${id} 当前为「不予处理」，不能改为「已移送」；可改为：待核查。请刷新后重试`);
    expect((await supervisor.post(`/api/hotline-leads/${id}/review`, { status: 'pending' })).body.status).toBe('pending');
    const noRecipient = await admin.post(`/api/hotline-leads/${id}/review`, { status: 'transferred' });
    expect(noRecipient.body.error.field).toBe('body.recipient');
    const transferred = await admin.post(`/api/hotline-leads/${id}/review`, { status: 'transferred', recipient: '南山区人民检察院' });
    expect(transferred.body).toMatchObject({ status: 'transferred', recipient: '南山区人民检察院', reviewed_by: 'boss' });
    expect(transferred.body.history.map((h: { who: string; what: string }) => `${h.who} ${h.what}`)).toEqual([
      'wangdu 待核查 → 不予处理（原因：热线已办结，无需跟进；说明：已退费）', 'wangdu 不予处理 → 待核查', 'boss 待核查 → 已移送（移送至：南山区人民检察院）',
    ]);
    expect((await admin.post(`/api/hotline-leads/${id}/review`, { status: 'pending' })).status).toBe(409);
    expect((await admin.post(`/api/hotline-leads/${id}/review`, { status: 'valuable', extra: 1 })).status).toBe(400);
    expect(ctx.db.prepare("SELECT count(*) FROM audit_log WHERE entity = 'ticket_lead' AND entity_id = ?").pluck().get(String(id))).toBe(3);
    // screening again keeps the decision
    screenTicketTopics(ctx, { all: true });
    expect(ctx.db.prepare('SELECT status FROM ticket_leads WHERE id = ?').pluck().get(id)).toBe('transferred');
    expect((await listed('?status=transferred'))).toEqual([`${id}:prepaid_cards`]);
  });
});

describe('CSV and topics', () => {
  it('exports the filtered list with formulas neutralised', async () => {
    const res = await supervisor.get('/api/hotline-leads.csv?category=municipal');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/csv/);
    const text = res.body as string;
    expect(text.replace(/^\uFEFF/, '').startsWith('线索编号,专题,核查状态,工单来源,热线工单号,受理时间,')).toBe(true);
    expect(text).toContain(`'=HYPERLINK(""x"")`);
    expect(text).toContain(",'=1+2,'@SUM(A1) 路口积水,");
    expect(text).not.toMatch(/,=/);
    expect(text.trim().split('\r\n')).toHaveLength(1 + 3);
  });

  it('lists the topics in words and the CLI checks the file', async () => {
    const res = await supervisor.get('/api/screening-topics');
    expect(res.body.topics[0]).toMatchObject({ code: 'engine_lead', name: '引擎线索', built_in: true });
    expect(res.body.topics.find((t: { code: string }) => t.code === 'ebike_charging').filters).toEqual(['引擎分类：消防安全、物业住房、市政公用、城管秩序']);
    expect(res.body.topics.find((t: { code: string }) => t.code === 'flood_season_waterlogging').filters).toEqual(['受理时间（北京时间）：4、5、6、7、8、9、10 月']);
    const cli = await runCli(['tickets', 'topics']);
    expect(cli.code).toBe(0);
    expect(JSON.parse(cli.stdout).topics.map((t: { code: string }) => t.code)).toEqual(res.body.topics.map((t: { code: string }) => t.code));
  }, 60_000);

  it('screens new tickets from the CLI, and all of them again with --all without duplicating', async () => {
    const id = insertTicket(ctx.db, { ticketNo: 'SZ009', text: '楼道里有人飞线给电动车充电', isLead: true, category: 'fire_safety' });
    const env = { DATA_DIR: ctx.dir, RULES_DIR: ctx.config.rulesDir };
    const first = await runCli(['tickets', 'screen'], '', env);
    expect(first.stderr).toMatch(/screened 1 tickets/);
    expect(JSON.parse(first.stdout)).toEqual({ tickets: 1, added: 2, removed: 0, byTopic: { engine_lead: 1, ebike_charging: 1 } });
    expect(JSON.parse((await runCli(['tickets', 'screen', '--all'], '', env)).stdout)).toMatchObject({ tickets: 5, added: 0, removed: 0 });
    expect(ctx.db.prepare('SELECT topic FROM ticket_leads WHERE ticket_id = ? ORDER BY topic').pluck().all(id)).toEqual(['ebike_charging', 'engine_lead']);
  }, 60_000);
});
