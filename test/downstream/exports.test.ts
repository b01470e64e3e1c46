import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findActiveKey } from '../../src/downstream/api-keys.js';
import { csvCell } from '../../src/downstream/exports.js';
import { tempContext, type TempContext } from '../helpers/temp-context.js';
import { createUser, login, request, startApp, type Client, type RunningApp } from '../helpers/web-app.js';
import { insertLead } from '../workorders/fixtures.js';
import { api, newKey, newOrder } from './helpers.js';

const run = promisify(execFile);
let ctx: TempContext;
let app: RunningApp;
let verifier: Client;
const RANGE = `from=${encodeURIComponent('2026-01-01T00:00:00+08:00')}&to=${encodeURIComponent('2099-01-01T00:00:00+08:00')}`;

/** RFC 4180 parser, enough to read our files back. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') row.push(cell), (cell = '');
    else if (ch === '\r' && text[i + 1] === '\n') row.push(cell), rows.push(row), (row = []), (cell = ''), i++;
    else cell += ch;
  }
  return rows;
}

beforeAll(async () => {
  ctx = tempContext();
  await createUser(ctx, 'li', 'verifier');
  app = await startApp(ctx);
  verifier = await login(app.baseUrl, 'li');
  newOrder(ctx, { posts: [{ text: '=HYPERLINK("http://evil.example","点我") 井盖没了，"很危险"\n第二行' }], place: '=1+1' });
  newOrder(ctx, { district: null, street: null, category: 'noise', sub_item: null });
  insertLead(ctx.db, { category: 'road', sub_item: 'road.pothole', district: '南山区' }); // a lead without an order
  insertLead(ctx.db, { discovered_at: '2020-01-01T00:00:00.000Z' }); // outside the range
});
afterAll(async () => {
  await app?.close();
  ctx?.cleanup();
});

describe('CSV cells', () => {
  it.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['line\nbreak', '"line\nbreak"'],
    ['=1+1', "'=1+1"],
    ['+86 138', "'+86 138"],
    ['-cmd', "'-cmd"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['中文，全角', '中文，全角'],
    [null, ''],
    [42, '42'],
  ])('%j → %s', (input, expected) => expect(csvCell(input)).toBe(expected));
});

describe('exports', () => {
  it('CSV of work orders opens in Excel: BOM, CRLF, Chinese headers, formulas neutralised', async () => {
    const res = await verifier.get(`/api/exports/work-orders.csv?${RANGE}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="work-orders-/);
    const raw = Buffer.from(await (await fetch(`${app.baseUrl}/api/exports/work-orders.csv?${RANGE}`, { headers: { cookie: verifier.cookie } })).arrayBuffer());
    expect([...raw.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parseCsv(raw.toString('utf8').slice(1));
    expect(rows[0]!.slice(0, 5)).toEqual(['工单编号', '状态', '分类', '事项', '责任单位']);
    expect(rows).toHaveLength(3);
    const first = rows[1]!;
    expect(first[1]).toBe('已派发');
    expect(first[3]).toBe('井盖缺失破损');
    expect(first[8]).toBe("'=1+1");
    expect(first[9]).toContain('"很危险"\n第二行'.replace('\n', ' ')); // description keeps the quotes
    expect(first[10]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
  });

  it('CSV of leads carries the work-order number and respects the range', async () => {
    const res = await verifier.get(`/api/exports/leads.csv?${RANGE}`);
    const rows = parseCsv((res.body as string).replace(/^\uFEFF/, ''));
    expect(rows).toHaveLength(4); // header + 3 leads in range
    const header = rows[0]!;
    const byStatus = rows.slice(1).map((r) => [r[header.indexOf('状态')], r[header.indexOf('工单编号')]]);
    expect(byStatus.filter(([s]) => s === '已确认').every(([, n]) => /^GD\d{8}-\d{6}$/.test(n!))).toBe(true);
    expect(byStatus.filter(([s]) => s === '待核实')).toEqual([['待核实', '']]);
  });

  it('GeoJSON holds only features with coordinates, as [lon, lat]', async () => {
    const res = await verifier.get(`/api/exports/work-orders.geojson?${RANGE}`);
    expect(res.headers.get('content-type')).toBe('application/geo+json; charset=utf-8');
    const fc = res.body;
    expect(fc.type).toBe('FeatureCollection');
    expect(fc.features).toHaveLength(1); // the noise order has no district
    expect(fc.features[0].geometry).toEqual({ type: 'Point', coordinates: [113.883, 22.5553] });
    expect(fc.features[0].properties).toMatchObject({ district: '宝安区', location_precision: 'district', number: expect.stringMatching(/^GD/) });
    const leads = (await verifier.get(`/api/exports/leads.geojson?${RANGE}`)).body;
    expect(leads.features.map((f: { properties: { district: string } }) => f.properties.district).sort()).toEqual(['南山区', '宝安区']);
  });

  it('checks access and the range', async () => {
    expect((await request(app.baseUrl, 'GET', `/api/exports/leads.csv?${RANGE}`)).status).toBe(401);
    const key = newKey(ctx, ['work_orders:read']);
    expect((await api(app.baseUrl, key, 'GET', `/api/v1/exports/work-orders.csv?${RANGE}`)).status).toBe(200);
    expect((await api(app.baseUrl, key, 'GET', `/api/exports/leads.csv?${RANGE}`)).status).toBe(401);
    expect((await verifier.get('/api/exports/leads.csv?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z')).status).toBe(400);
    expect((await verifier.get('/api/exports/leads.csv?from=yesterday&to=2026-01-01T00:00:00Z')).status).toBe(400);
  });

  it('CLI: apikey create prints a working key; export writes the same CSV', { timeout: 180_000 }, async () => {
    const env = { ...process.env, DATA_DIR: ctx.dir, RULES_DIR: path.resolve('rules'), LOG_LEVEL: 'silent' };
    const tsx = path.resolve('node_modules/.bin/tsx');
    const created = await run(tsx, ['src/cli/index.ts', 'apikey', 'create', '区城管平台', '--scope', 'work_orders:read', 'work_orders:write'], { env });
    const key = created.stdout.trim();
    expect(findActiveKey(ctx.db, key)?.name).toBe('区城管平台');
    const exported = await run(tsx, ['src/cli/index.ts', 'export', 'work-orders', '--from', '2026-01-01T00:00:00+08:00', '--to', '2099-01-01T00:00:00+08:00'], { env });
    expect(exported.stdout.startsWith('\uFEFF工单编号,')).toBe(true);
    expect(exported.stderr).toContain('2 work-orders exported');
  });
});
