/**
 * Tickets over HTTP on the real app: the push endpoint (API key with tickets:push: none → 401,
 * another scope → 403; a bad body → 400 in Chinese naming the field; per-row results naming row and
 * field; all rows bad → 422; idempotent re-push), and the admins' upload, history and rejected-rows CSV.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM } from '../../../src/audit/actor.js';
import { createApiKey } from '../../../src/downstream/api-keys.js';
import { getTicket } from '../../../src/storage/tickets.js';
import { tempContext, type TempContext } from '../../helpers/temp-context.js';
import { createUser, login, request, startApp, type Client, type RunningApp } from '../../helpers/web-app.js';
import { ROWS, writeCsv } from './fixtures.js';

let ctx: TempContext;
let app: RunningApp;
let admin: Client;
let supervisor: Client;
let verifier: Client;
let pushKey: string;
let otherKey: string;

beforeAll(async () => {
  ctx = tempContext();
  await createUser(ctx, 'boss', 'admin');
  await createUser(ctx, 'wang', 'supervisor');
  await createUser(ctx, 'li', 'verifier');
  pushKey = createApiKey(ctx.db, { name: '示范市12345平台', scopes: ['tickets:push'], actor: SYSTEM }).key;
  otherKey = createApiKey(ctx.db, { name: '区网格平台', scopes: ['work_orders:read', 'work_orders:write'], actor: SYSTEM }).key;
  app = await startApp(ctx);
  admin = await login(app.baseUrl, 'boss');
  supervisor = await login(app.baseUrl, 'wang');
  verifier = await login(app.baseUrl, 'li');
});
afterAll(async () => {
  await app?.close();
  ctx?.cleanup();
});

const push = (body: unknown, key = pushKey, headers: Record<string, string> = {}) => request(app.baseUrl, 'POST', '/api/v1/tickets', body, { authorization: `Bearer ${key}`, ...headers });
const good = { 工单编号: 'P001', 受理时间: '2026-12-07 09:05:00', 诉求内容: '小区门口垃圾堆积好几天没人清理，臭气熏天', 所属区: '南山区', 办理状态: '已受理' };

describe('POST /api/v1/tickets', () => {
  it('needs a key with tickets:push: none → 401, another scope → 403', async () => {
    const none = await request(app.baseUrl, 'POST', '/api/v1/tickets', { source: 'demo-hotline', tickets: [good] });
    expect(none.status).toBe(401);
    const wrong = await push({ source: 'demo-hotline', tickets: [good] }, otherKey);
    expect(wrong.status).toBe(403);
    expect(wrong.body.error.message).toContain('tickets:push');
    expect(getTicket(ctx.db, 'demo-hotline', 'P001')).toBeUndefined();
  });

  it('stores good rows, read by the engine, and answers each row; a bad row names its row and field', async () => {
    const r = await push({ source: 'demo-hotline', tickets: [good, { ...good, 工单编号: 'P002', 受理时间: '昨天' }, { ...good, 工单编号: 'P003', 诉求内容: '' }] });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ accepted: 1, rejected: 2 });
    expect(r.body.results).toEqual([
      { row: 1, ticket_no: 'P001', status: 'inserted' },
      expect.objectContaining({ row: 2, status: 'rejected', field: 'received_at', received: '"昨天"', message: expect.stringMatching(/^第 2 条：字段“受理时间”/) }),
      expect.objectContaining({ row: 3, status: 'rejected', field: 'text', expected: '非空文本', message: expect.stringMatching(/^第 3 条：字段“诉求内容”/) }),
    ]);
    expect(getTicket(ctx.db, 'demo-hotline', 'P001')).toMatchObject({ is_lead: 1, category: 'sanitation', district: '南山区', last_import_id: r.body.import_id });
    // and in 热线线索 at once (the topics' pass runs after the reading, not 30 s later)
    expect(ctx.db.prepare("SELECT topic FROM ticket_leads WHERE ticket_id = ?").pluck().all(getTicket(ctx.db, 'demo-hotline', 'P001')!.id)).toContain('engine_lead');
    const imports = await admin.get('/api/tickets/imports');
    expect(imports.body.items[0]).toMatchObject({ id: r.body.import_id, origin: 'push', status: 'done', rows: { read: 3, inserted: 1, rejected: 2 }, by: 'API 密钥「示范市12345平台」' });
  });

  it('a re-push updates the status and never duplicates; the same Idempotency-Key replays the answer', async () => {
    const body = { source: 'demo-hotline', tickets: [{ ...good, 办理状态: '办结', 答复内容: '已清运' }] };
    const first = await push(body, pushKey, { 'idempotency-key': 'batch-7' });
    expect(first.body.results).toEqual([{ row: 1, ticket_no: 'P001', status: 'updated' }]);
    const again = await push(body, pushKey, { 'idempotency-key': 'batch-7' });
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body).toEqual(first.body);
    expect((await push(body)).body.results).toEqual([{ row: 1, ticket_no: 'P001', status: 'unchanged' }]);
    expect(getTicket(ctx.db, 'demo-hotline', 'P001')).toMatchObject({ status_raw: '已办结', reply: '已清运' });
  });

  it('all rows rejected → 422 with the reasons', async () => {
    const r = await push({ source: 'demo-hotline', tickets: [{ 工单编号: 'P009' }] });
    expect(r.status).toBe(422);
    expect(r.body.results[0]).toMatchObject({ row: 1, status: 'rejected', field: 'received_at' });
  });

  it.each([
    [{ source: 'demo-hotline', tickets: [] }, 'body.tickets', /至少一条工单/],
    [{ source: 'demo-hotline', tickets: Array.from({ length: 201 }, () => ({ 工单编号: 'x' })) }, 'body.tickets', /一次最多 200 条工单/],
    [{ source: 'demo-hotline', tickets: [good, 'P002'] }, 'body.tickets.1', /应为一个对象/],
    [{ source: 'demo-hotline', tickets: [{ ...good, 诉求内容: { a: 1 } }] }, 'body.tickets.0.诉求内容', /应为一个对象（键为来源文件中的列名，值为文本或数字）|Invalid/],
    [{ tickets: [good] }, 'body.source', /热线来源的代码/],
  ])('a bad body → 400 in Chinese naming the field (%#)', async (body, field, message) => {
    const r = await push(body);
    expect(r.status).toBe(400);
    expect(r.body.error.field).toBe(field);
    expect(r.body.error.message).toMatch(message);
  });

  it('an unknown source → 404 naming the known ones', async () => {
    const r = await push({ source: 'nope', tickets: [good] });
    expect(r.status).toBe(404);
    expect(r.body.error.message).toMatch(/没有热线来源“nope”.*demo-hotline/);
  });
});

describe('admins: upload, history, rejected rows', () => {
  it('uploads an export (202), imports it in the background, and offers the rejected rows as CSV', async () => {
    const file = writeCsv(ctx.dir, 'upload.csv', ROWS);
    const send = (client: Client, name = '12345工单.csv') =>
      client.send('POST', `/api/tickets/imports?source=demo-hotline&filename=${encodeURIComponent(name)}`, { body: readFileSync(file), headers: { 'content-type': 'application/octet-stream' } });
    expect((await send(supervisor)).status).toBe(403);
    const json = await admin.post('/api/tickets/imports?source=demo-hotline&filename=a.csv', { rows: [] });
    expect(json.status).toBe(400);
    expect(json.body.error.message).toContain('application/octet-stream');
    const bad = await send(admin, '工单.xls');
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('.xls 请在 Excel 中另存为 .xlsx');
    const r = await send(admin);
    expect(r.status).toBe(202);
    expect(r.body).toMatchObject({ source: 'demo-hotline', origin: 'file', file_name: '12345工单.csv', format: 'csv', by: 'boss' });
    let view = r.body;
    for (let i = 0; i < 300 && view.status === 'running'; i++) {
      await new Promise((ok) => setTimeout(ok, 100));
      view = (await supervisor.get(`/api/tickets/imports/${r.body.id}`)).body;
    }
    expect(view).toMatchObject({ status: 'done', rows: { read: 6, inserted: 3, rejected: 3 } });
    expect(getTicket(ctx.db, 'demo-hotline', 'GD0001')!.screened_at).not.toBeNull();
    const csv = await supervisor.get(`/api/tickets/imports/${r.body.id}/rejects.csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(String(csv.body).replace(/^\uFEFF/, '').split('\r\n').slice(0, 2)).toEqual(['行号,字段,应为,实际,说明', '3,工单编号（ticket_no）,非空文本,空,第 3 行：字段“工单编号”（工单编号 / 工单号）应为非空文本，实际为空']);
    expect((await verifier.get('/api/tickets/imports')).status).toBe(403);
    expect((await admin.get('/api/tickets/imports/9999')).status).toBe(404);
    expect((await admin.get('/api/tickets/sources')).body.items).toContainEqual({ key: 'demo-hotline', name: '示范市12345热线', error: null });
  }, 60_000);
});
