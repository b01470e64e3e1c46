/**
 * Big exports: the readers stream (a row comes out before the rest of the file exists: read from a
 * named pipe), and a 100,000-row CSV imports with every good row, the bad ones reported, and the
 * heap not growing with the file.
 */
import { execFileSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importRejects } from '../../../src/storage/ticket-imports.js';
import { countTickets } from '../../../src/storage/tickets.js';
import { csvReader } from '../../../src/tickets/csv-reader.js';
import { importTicketFile } from '../../../src/tickets/import-file.js';
import { jsonlReader } from '../../../src/tickets/jsonl-reader.js';
import type { RowReader } from '../../../src/tickets/row-reader.js';
import { loadTicketSource } from '../../../src/tickets/source-loader.js';
import { tempContext, type TempContext } from '../../helpers/temp-context.js';
import { HEADER, writeBigCsv } from './fixtures.js';

const source = loadTicketSource(path.resolve('rules'), 'demo-hotline');
let dir: string;
let ctx: TempContext;

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'civic-radar-tickets-big-'));
  ctx = tempContext();
});
afterAll(() => {
  ctx.cleanup();
  rmSync(dir, { recursive: true, force: true });
});

describe.each([
  ['CSV', csvReader, `${HEADER.join(',')}\r\nGD1,2026/12/7 9:05,,第一行,,,,,,,,\r\n`, 'GD2,2026/12/7 9:06,,第二行,,,,,,,,\r\n'],
  ['JSON Lines', jsonlReader, '{"工单编号":"GD1","受理时间":"2026/12/7 9:05","诉求内容":"第一行"}\n', '{"工单编号":"GD2","受理时间":"2026/12/7 9:06","诉求内容":"第二行"}\n'],
] as [string, RowReader, string, string][])('%s reader', (name, reader, first, rest) => {
  it('gives the first row while the rest of the file is still being written', async () => {
    const fifo = path.join(dir, `${name.replace(/ /g, '')}.pipe`);
    execFileSync('mkfifo', [fifo]);
    const writer = createWriteStream(fifo);
    const rows = reader.read(fifo, source)[Symbol.asyncIterator]();
    writer.write(first);
    const one = await rows.next();
    expect(one.value).toMatchObject({ rowNo: 1, values: { 工单编号: 'GD1', 诉求内容: '第一行' } });
    writer.end(rest);
    const two = await rows.next();
    expect(two.value).toMatchObject({ rowNo: 2, values: { 工单编号: 'GD2' } });
    expect((await rows.next()).done).toBe(true);
  });
});

describe('a 100,000-row export', () => {
  it('imports every good row in batches, reports the bad ones, with the heap bounded', async () => {
    const file = await writeBigCsv(dir, 'big.csv', 100_000);
    // the heap after a full collection, every 10 batches
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as () => void;
    const heap: number[] = [];
    let batches = 0;
    const r = await importTicketFile({
      db: ctx.db, source, file, actor: 'cli',
      onProgress: () => {
        if (batches++ % 10 !== 0) return;
        gc();
        heap.push(process.memoryUsage().heapUsed);
      },
    });
    expect(r).toMatchObject({ read: 100_000, inserted: 99_990, rejected: 10, updated: 0, unchanged: 0 });
    expect(countTickets(ctx.db, 'demo-hotline')).toBe(99_990);
    expect(importRejects(ctx.db, r.importId).map((x) => x.row_no)).toEqual([10_000, 20_000, 30_000, 40_000, 50_000, 60_000, 70_000, 80_000, 90_000, 100_000]);
    // the file is ~17 MB, its text more than that in the heap: holding it (or the rows) would show
    // as growth; streaming keeps what is live to a batch or two
    expect(heap.length).toBe(11);
    expect(Math.max(...heap) - heap[0]!).toBeLessThan(12 * 1024 * 1024);
  }, 120_000);
});
