/**
 * Importing each format (CSV UTF-8 with BOM, GBK CSV as Excel writes it, .xlsx, JSON Lines) with
 * broken rows: the good rows import, each bad row is in the report with row, field, expected and
 * received. Re-importing the same export changes nothing; a changed status or reply updates the
 * ticket (re-read by the engine only when its text changed). Whole-file problems fail the import.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ValidationError } from '../../../src/errors.js';
import { getImport, importRejects, listImports } from '../../../src/storage/ticket-imports.js';
import { countTickets, getTicket } from '../../../src/storage/tickets.js';
import { importTicketFile } from '../../../src/tickets/import-file.js';
import { partsFor } from '../../../src/tickets/reading-parts.js';
import { rejectsCsv } from '../../../src/tickets/rejects-csv.js';
import { TicketScreening } from '../../../src/tickets/screen-tickets.js';
import { loadTicketSource } from '../../../src/tickets/source-loader.js';
import { readBatch } from '../../../src/tickets/ticket-reading.js';
import { tempContext, type TempContext } from '../../helpers/temp-context.js';
import iconv from 'iconv-lite';
import { csvText, ROWS, writeCsv, writeGbkCsv, writeJsonl, writeXlsx, type Row } from './fixtures.js';

const source = loadTicketSource(path.resolve('rules'), 'demo-hotline');
const parts = partsFor(path.resolve('rules'), '深圳', undefined);
let dir: string;
let ctx: TempContext;

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'civic-radar-tickets-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function fresh(): TempContext {
  ctx?.cleanup();
  ctx = tempContext();
  return ctx;
}

const run = (file: string, screen = false) =>
  importTicketFile({ db: ctx.db, source, file, actor: 'cli', batchSize: 2, screening: screen ? new TicketScreening(ctx.db, async (t) => readBatch(t, parts), 2, 2) : undefined });

const EXPECTED_REJECTS = [
  { row_no: 3, field: 'ticket_no', expected: '非空文本', received: '空' },
  { row_no: 4, field: 'received_at', received: '"昨天上午"' },
  { row_no: 6, field: 'satisfaction', expected: '以下之一：满意、基本满意、不满意', received: '"还行"' },
];

describe.each([
  ['CSV, UTF-8 with BOM', () => writeCsv(dir, 'export.csv', ROWS)],
  ['CSV, GBK as Excel saves it', () => writeGbkCsv(dir, 'excel.csv', ROWS)],
  ['.xlsx (second sheet, date cells)', () => writeXlsx(dir, 'export.xlsx', ROWS)],
  ['JSON Lines', () => writeJsonl(dir, 'export.jsonl', ROWS)],
])('%s', (_name, write) => {
  it('imports the good rows and reports each bad one with row, field, expected and received', async () => {
    fresh();
    const file = await write();
    const r = await run(file, true);
    expect(r).toMatchObject({ read: 6, inserted: 3, updated: 0, unchanged: 0, rejected: 3, screened: 3 });
    expect(importRejects(ctx.db, r.importId)).toMatchObject(EXPECTED_REJECTS);
    expect(getImport(ctx.db, r.importId)).toMatchObject({ status: 'done', rows_read: 6, rows_inserted: 3, rows_rejected: 3, origin: 'file', actor: 'cli', pid: process.pid });
    const t1 = getTicket(ctx.db, 'demo-hotline', 'GD0001')!;
    expect(t1).toMatchObject({ received_at: '2026-12-07T01:05:00.000Z', title: '垃圾', text: '小区门口垃圾堆积好几天，臭气熏天，没人清理', district_raw: '南山区', status_raw: '办理中', category_raw: '城市管理' });
    // the engine's reading: a lead, its category, the district from the hotline's column (the text names no place)
    expect(t1).toMatchObject({ is_lead: 1, category: 'sanitation', district: '南山区' });
    expect(t1.screened_at).not.toBeNull();
    expect(getTicket(ctx.db, 'demo-hotline', 'GD0005')).toMatchObject({ text: '路口红绿灯坏了，车辆乱成一团，\n"很危险"，请尽快修理', status_raw: '已办结', reply: '已修复', satisfaction: 'satisfied' });
  });

  it('imports the same export again without a change, and updates a changed status and reply', async () => {
    const file = await write();
    const again = await run(file);
    expect(again).toMatchObject({ read: 6, inserted: 0, updated: 0, unchanged: 3, rejected: 3 });
    expect(countTickets(ctx.db, 'demo-hotline')).toBe(3);
    const screenedAt = getTicket(ctx.db, 'demo-hotline', 'GD0001')!.screened_at;
    const changed: Row[] = ROWS.map((r) => (r.no === 'GD0001' ? { ...r, status: '办结', reply: '已安排清运' } : r.no === 'GD0002' ? { ...r, text: `${r.text}（补充：周末更严重）` } : r));
    const name = path.basename(file).replace(/^/, 'changed-');
    const next = file.endsWith('.xlsx') ? await writeXlsx(dir, name, changed) : file.endsWith('.jsonl') ? writeJsonl(dir, name, changed) : writeCsv(dir, `${name}.csv`, changed);
    const r = await run(next, true);
    expect(r).toMatchObject({ inserted: 0, updated: 2, unchanged: 1, rejected: 3, screened: 1 });
    const t1 = getTicket(ctx.db, 'demo-hotline', 'GD0001')!;
    expect(t1).toMatchObject({ status_raw: '已办结', reply: '已安排清运', last_import_id: r.importId, screened_at: screenedAt });
    expect(t1.first_import_id).toBeLessThan(r.importId);
    expect(getTicket(ctx.db, 'demo-hotline', 'GD0002')!.text).toContain('补充');
  });
});

describe('whole-file problems', () => {
  it('a header without a required column fails the import, naming the field and its columns', async () => {
    fresh();
    const file = path.join(dir, 'wrong-header.csv');
    writeFileSync(file, '编号,时间,内容\r\nA,2026/12/7 9:05,x\r\n');
    await expect(run(file)).rejects.toThrow(/表头中没有“工单编号”的列（来源 demo-hotline 的 fields.ticket_no 应为 工单编号 \/ 工单号 之一），表头为：编号、时间、内容/);
    expect(listImports(ctx.db)[0]).toMatchObject({ status: 'failed', error: expect.stringContaining('工单编号') });
  });

  it('a file type it cannot read is refused before an import starts', async () => {
    await expect(run(path.join(dir, 'export.xls'))).rejects.toThrow(ValidationError);
    await expect(run(path.join(dir, 'export.xls'))).rejects.toThrow(/\.xls 请在 Excel 中另存为 \.xlsx/);
  });

  it('a file that is not a workbook fails with that message', async () => {
    const file = path.join(dir, 'fake.xlsx');
    writeFileSync(file, 'not a zip');
    await expect(run(file)).rejects.toThrow(/不是可读的 \.xlsx 工作簿/);
  });

  it('an xlsx without the sheet the source names says which sheets it has', async () => {
    const file = await writeXlsx(dir, 'ok.xlsx', ROWS.slice(0, 1));
    await expect(importTicketFile({ db: ctx.db, source: { ...source, format: { ...source.format, sheet: '明细' } }, file, actor: 'cli' })).rejects.toThrow(/没有名为“明细”的工作表；有：说明、工单明细/);
  });

  it('GBK bytes read as UTF-8 (encoding: utf-8) fail with the advice to say gbk', async () => {
    const file = writeGbkCsv(dir, 'gbk.csv', ROWS);
    await expect(importTicketFile({ db: ctx.db, source: { ...source, format: { ...source.format, encoding: 'utf-8' } }, file, actor: 'cli' })).rejects.toThrow(/不是有效的 UTF-8.*encoding: gbk/);
  });

  it('bytes that stop being UTF-8 half-way fail the import and keep the rows read before', async () => {
    fresh();
    const file = path.join(dir, 'mixed.csv');
    const head = Buffer.from(csvText(ROWS.slice(0, 2)) + 'GD0010,2026/12/7 9:05,,'.padEnd(300 * 1024, 'x') + '\r\n');
    writeFileSync(file, Buffer.concat([head, iconv.encode('GD0011,2026/12/7 9:05,,工地噪音\r\n', 'gbk')]));
    // batches of 1,000: the good rows are still pending when the problem comes
    await expect(importTicketFile({ db: ctx.db, source, file, actor: 'cli' })).rejects.toThrow(/第 \d+ 字节之后不是有效的 UTF-8（已导入之前的行）/);
    expect(countTickets(ctx.db, 'demo-hotline')).toBe(2);
    expect(listImports(ctx.db)[0]).toMatchObject({ status: 'failed', rows_inserted: 2 });
  });

  it('JSON Lines: a line that is not JSON or not an object is a rejected row, the rest imports', async () => {
    fresh();
    const file = writeJsonl(dir, 'bad-lines.jsonl', ROWS.slice(0, 2), ['{"工单编号": "GD9", ', '[1, 2]']);
    const r = await run(file);
    expect(r).toMatchObject({ read: 4, inserted: 2, rejected: 2 });
    expect(importRejects(ctx.db, r.importId)).toMatchObject([
      { row_no: 3, field: null, expected: '一个 JSON 对象', received: '无法解析的 JSON' },
      { row_no: 4, field: null, received: '数组' },
    ]);
  });
});

describe('the rejected-rows report', () => {
  it('is CSV for Excel with row, field, expected, received and the message', async () => {
    fresh();
    const r = await run(writeCsv(dir, 'report.csv', ROWS));
    const csv = rejectsCsv(importRejects(ctx.db, r.importId));
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe('\uFEFF行号,字段,应为,实际,说明');
    expect(lines[1]).toBe('3,工单编号（ticket_no）,非空文本,空,第 3 行：字段“工单编号”（工单编号 / 工单号）应为非空文本，实际为空');
    expect(lines).toHaveLength(5);
  });
});
