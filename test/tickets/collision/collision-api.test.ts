/**
 * 已诉/未诉 over HTTP on the real app: the lead JSON, a work order for staff and for a department's
 * pull, confirming and undoing a link (audited, roles), and the 未诉先办 report against a direct
 * count of a seeded store.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM } from '../../../src/audit/actor.js';
import { collidePass } from '../../../src/collision/collide.js';
import { DEFAULT_COLLISION_POLICY as P } from '../../../src/collision/collision-policy.js';
import { confirmLead } from '../../../src/workorders/confirm-lead.js';
import { insertLead } from '../../helpers/lead-fixtures.js';
import { tempContext, type TempContext } from '../../helpers/temp-context.js';
import { createUser, login, startApp, type Client, type RunningApp } from '../../helpers/web-app.js';
import { api, newKey } from '../../downstream/helpers.js';
import { insertTicket } from './ticket-fixtures.js';

const DAY = 86_400_000;
const T0 = Date.parse('2026-11-10T02:00:00.000Z');
const at = (days: number) => new Date(T0 + days * DAY).toISOString();
const lamp = { category: 'municipal', subItem: 'streetlight', district: '宝安区', street: '新安街道', place: '宝民一路' };
const lampText = '宝民一路的路灯坏了一个多星期了，晚上黑漆漆的走路都怕';

let ctx: TempContext;
let app: RunningApp;
let verifier: Client;
let supervisor: Client;
let reported: number;
let unreported: number;
let orderNumber: string;

beforeAll(async () => {
  ctx = tempContext();
  reported = insertLead(ctx.db, { ...lamp, discoveredAt: at(0), posts: [{ text: lampText, publishedAt: at(0) }] }).leadId;
  unreported = insertLead(ctx.db, { ...lamp, place: '兴华路', street: '西乡街道', discoveredAt: at(1), posts: [{ text: '兴华路路灯全灭了，晚上一片漆黑', publishedAt: at(1) }] }).leadId;
  insertTicket(ctx.db, { ...lamp, ticketNo: 'BA-001', receivedAt: at(-2), text: '市民来电反映：宝民一路路段路灯不亮已有多日，夜间行人出行不便，请尽快维修。', categoryRaw: '城市管理/市政设施', statusRaw: '已办结', reply: '已派人更换灯具。' });
  insertTicket(ctx.db, { ...lamp, place: '兴华路', street: '西乡街道', ticketNo: 'BA-002', receivedAt: at(3), text: '来电人称兴华路多盏路灯夜间不亮，晚上一片漆黑，要求维修。', statusRaw: '处理中' });
  collidePass(ctx.db, P, '2026-12-01T00:00:00.000Z', { all: true });
  orderNumber = confirmLead(ctx, { leadId: unreported, actor: SYSTEM }).number;
  await createUser(ctx, 'li', 'verifier');
  await createUser(ctx, 'wangdu', 'supervisor');
  app = await startApp(ctx);
  verifier = await login(app.baseUrl, 'li');
  supervisor = await login(app.baseUrl, 'wangdu');
});
afterAll(async () => {
  await app?.close();
  ctx?.cleanup();
});

describe('collision over HTTP', () => {
  it('the lead JSON says 已诉 with the earlier ticket, or 未诉 with the later one', async () => {
    const a = await verifier.get(`/api/leads/${reported}`);
    expect(a.body.hotline).toMatchObject({ reported: true, label: '已诉' });
    expect(a.body.hotline.tickets).toEqual([expect.objectContaining({
      ticket_no: 'BA-001', received_at: at(-2), hotline_category: '城市管理/市政设施', hotline_status: '已办结', reply: '已派人更换灯具。', relation: 'ticket_before', relation_label: '热线在先（已诉）', state: 'linked',
    })]);
    const b = await verifier.get(`/api/leads/${unreported}`);
    expect(b.body.hotline).toMatchObject({ reported: false, label: '未诉', tickets: [expect.objectContaining({ ticket_no: 'BA-002', relation: 'ticket_after' })] });
  });

  it('the queue filters 已诉 and 未诉 leads', async () => {
    const ids = async (q: string) => (await verifier.get(`/api/leads?${q}`)).body.items.map((i: { id: number }) => i.id);
    expect(await ids('status=new&hotline=reported')).toEqual([reported]);
    expect(await ids('status=new&hotline=unreported')).toEqual([]);
    expect(await ids('status=confirmed&hotline=unreported')).toEqual([unreported]);
    expect(await ids('status=confirmed&hotline=reported')).toEqual([]);
    expect((await verifier.get('/api/leads?hotline=maybe')).status).toBe(400);
  });

  it('the work order lists the linked ticket for staff and for a department pulling it', async () => {
    const staff = await verifier.get(`/api/work-orders/${orderNumber}`);
    expect(staff.body.linked_tickets.map((t: { ticket_no: string }) => t.ticket_no)).toEqual(['BA-002']);
    const key = newKey(ctx, ['work_orders:read']);
    const pull = await api(app.baseUrl, key, 'GET', '/api/v1/work-orders?cursor=0');
    expect(pull.status).toBe(200);
    const order = pull.body.items.find((o: { number: string }) => o.number === orderNumber);
    expect(order.linked_tickets).toEqual([expect.objectContaining({ ticket_no: 'BA-002', hotline_status: '处理中', relation: 'ticket_after' })]);
  });

  it('a verifier undoes a link (audited, the lead becomes 未诉) and confirms it again; mistakes answer in Chinese', async () => {
    const link = (await verifier.get(`/api/leads/${reported}`)).body.hotline.tickets[0];
    const undo = await verifier.post(`/api/leads/${reported}/ticket-links/${link.link_id}/undo`, { note: '不是同一盏灯' });
    expect(undo.status).toBe(200);
    expect(undo.body).toMatchObject({ reported: false, label: '未诉', tickets: [expect.objectContaining({ state: 'undone', state_label: '已撤销' })] });
    const again = await verifier.post(`/api/leads/${reported}/ticket-links/${link.link_id}/undo`, {});
    expect(again.status).toBe(409);
    expect(again.body.error.message).toContain('已是「已撤销」');
    const wrongLead = await verifier.post(`/api/leads/${unreported}/ticket-links/${link.link_id}/confirm`, {});
    expect(wrongLead.status).toBe(404);
    const badBody = await verifier.post(`/api/leads/${reported}/ticket-links/${link.link_id}/confirm`, { note: 'x', extra: 1 });
    expect(badBody.status).toBe(400);
    // the matcher never links an undone pair again
    collidePass(ctx.db, P, '2026-12-01T00:00:00.000Z', { all: true });
    expect((await verifier.get(`/api/leads/${reported}`)).body.hotline.reported).toBe(false);

    const confirm = await supervisor.post(`/api/leads/${reported}/ticket-links/${link.link_id}/confirm`, {});
    expect(confirm.status).toBe(200);
    expect(confirm.body).toMatchObject({ reported: true, tickets: [expect.objectContaining({ state: 'confirmed' })] });
    const audit = (await verifier.get(`/api/leads/${reported}`)).body.audit.map((a: { what: string; who: string }) => `${a.who}:${a.what}`);
    expect(audit).toEqual(expect.arrayContaining(['系统:关联 12345 热线工单', 'li:撤销热线工单关联', 'wangdu:确认热线工单关联']));
  });

  it('a lead a verifier enters by hand is matched at once: 已诉 when the hotline had it first', async () => {
    const yesterday = new Date(Date.now() - 86_400_000).toISOString();
    insertTicket(ctx.db, { ...lamp, subItem: null, place: '建安一路', street: '新安街道', ticketNo: 'BA-030', receivedAt: yesterday, text: '市民反映建安一路路灯全部不亮，夜里漆黑一片，请维修。' });
    const created = await verifier.post('/api/leads', { text: '建安一路路灯全部不亮，夜里漆黑一片', category: 'municipal', district: '宝安区', street: '新安街道', place: '建安一路' });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const lead = await verifier.get(`/api/leads/${created.body.id}`);
    expect(lead.body.hotline).toMatchObject({ reported: true, label: '已诉', tickets: [expect.objectContaining({ ticket_no: 'BA-030', relation: 'ticket_before' })] });
  });

  it('a lead merged into another takes its links along (the target becomes 已诉)', async () => {
    const source = insertLead(ctx.db, { ...lamp, place: '翻身路', street: '新安街道', discoveredAt: at(20), posts: [{ text: '翻身路路灯坏了好几天，晚上很黑', publishedAt: at(20) }] }).leadId;
    const target = insertLead(ctx.db, { ...lamp, place: '翻身路', street: '新安街道', discoveredAt: at(21), posts: [{ text: '翻身路这边晚上黑漆漆的', publishedAt: at(21) }] }).leadId;
    insertTicket(ctx.db, { ...lamp, place: '翻身路', street: '新安街道', ticketNo: 'BA-020', receivedAt: at(19), text: '市民反映翻身路路灯坏了不亮，晚上很黑，请维修。' });
    collidePass(ctx.db, P, '2026-12-01T00:00:00.000Z', { all: true });
    const linkedTo = () => ctx.db.prepare("SELECT lead_id FROM ticket_links k JOIN tickets t ON t.id = k.ticket_id WHERE t.ticket_no = 'BA-020'").pluck().get();
    const holder = linkedTo() as number;
    const other = holder === source ? target : source;
    const merged = await verifier.post(`/api/leads/${holder}/merge`, { version: 1, into: other });
    expect(merged.status, JSON.stringify(merged.body)).toBe(200);
    expect(linkedTo()).toBe(other);
    expect((await verifier.get(`/api/leads/${other}`)).body.hotline).toMatchObject({ reported: true, tickets: [expect.objectContaining({ ticket_no: 'BA-020', relation: 'ticket_before' })] });
  });

  it('the 未诉先办 report equals a direct count of the store', async () => {
    // more leads and tickets in the period, some in another district
    for (let i = 0; i < 12; i++) {
      const district = i % 3 === 0 ? '南山区' : '宝安区';
      const place = `测试路${i}号`;
      insertLead(ctx.db, { ...lamp, district, place, category: i % 2 ? 'municipal' : 'sanitation', subItem: null, discoveredAt: at(2 + i), posts: [{ text: `${place}问题很严重，好几天没人管 ${i}`, publishedAt: at(2 + i) }] });
      if (i % 4 === 1) insertTicket(ctx.db, { ...lamp, district, place, category: i % 2 ? 'municipal' : 'sanitation', subItem: null, ticketNo: `T-${i}`, receivedAt: at(2 + i + (i % 8 === 1 ? -1 : 2)), text: `市民反映${place}问题很严重，好几天没人管。` });
    }
    collidePass(ctx.db, P, '2026-12-01T00:00:00.000Z', { all: true });
    const res = await supervisor.get('/api/collision/head-start?from=2026-11-01&to=2026-11-30&district=%E5%AE%9D%E5%AE%89%E5%8C%BA');
    expect(res.status).toBe(200);

    const direct = ctx.db.prepare(`SELECT l.id, l.category, coalesce(l.posted_at, l.discovered_at) AS t,
        (SELECT count(*) FROM ticket_links k WHERE k.lead_id = l.id AND k.state <> 'undone' AND k.relation = 'ticket_before') AS before,
        (SELECT min(tk.received_at) FROM ticket_links k JOIN tickets tk ON tk.id = k.ticket_id WHERE k.lead_id = l.id AND k.state <> 'undone' AND k.relation = 'ticket_after') AS after
      FROM leads l WHERE l.district = '宝安区' AND l.status IN ('new', 'confirmed')`).all() as { id: number; category: string; t: string; before: number; after: string | null }[];
    const inPeriod = direct.filter((r) => r.t >= '2026-10-31T16:00:00.000Z' && r.t < '2026-11-30T16:00:00.000Z');
    const un = inPeriod.filter((r) => r.before === 0);
    const ahead = un.filter((r) => r.after).map((r) => (Date.parse(r.after!) - Date.parse(r.t)) / 3_600_000).sort((a, b) => a - b);
    expect(res.body.totals).toMatchObject({ leads: inPeriod.length, unreported: un.length, reported: inPeriod.length - un.length, laterTicket: ahead.length });
    expect(res.body.totals.unreportedShare).toBeCloseTo(un.length / inPeriod.length, 4);
    expect(res.body.totals.leadHoursMedian).toBe(ahead[Math.ceil(ahead.length / 2) - 1]);
    expect(inPeriod.length).toBeGreaterThan(5);
    expect(ahead.length).toBeGreaterThan(1);
    expect(inPeriod.length - un.length).toBeGreaterThan(0);
    const cats = Object.fromEntries(res.body.categories.map((c: { code: string; leads: number; unreported: number }) => [c.code, [c.leads, c.unreported]]));
    for (const code of new Set(inPeriod.map((r) => r.category))) {
      const mine = inPeriod.filter((r) => r.category === code);
      expect(cats[code]).toEqual([mine.length, mine.filter((r) => r.before === 0).length]);
    }
    const csv = await supervisor.get('/api/collision/head-start.csv?from=2026-11-01&to=2026-11-30&figure=head-start-by-category');
    expect(csv.status).toBe(200);
    expect(csv.body).toContain('未诉先办占比');
    const bad = await supervisor.get('/api/collision/head-start?from=2026-11-31');
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('日期无效');
  });
});
