/**
 * 12345 ticket import throughput on a generated export (texts varied from our own labelled
 * fixture posts: nearly all civic problems, the engine's worst case): reading alone (the baseline),
 * import (read, map, validate, upsert in batches), import with the engine pass (rules + model on
 * worker threads; and with the rules alone, MODEL=false), and the same for .xlsx. Each import into a fresh store, same run.
 * Run: npx tsx bench/ticket-import.ts [rows=100000] [workers=cores, at most 4]
 */
import { createWriteStream, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { loadConfig } from '../src/config/load.js';
import { databaseFile } from '../src/config/load.js';
import { defaultWorkers } from '../src/engine/classify-pool/pooled-stream.js';
import { createLogger } from '../src/log.js';
import { openDatabase } from '../src/storage/database.js';
import { importTicketFile } from '../src/tickets/import-file.js';
import { readerFor } from '../src/tickets/row-readers.js';
import { screeningFor } from '../src/tickets/screening-for.js';
import { loadTicketSource } from '../src/tickets/source-loader.js';

const rows = Number(process.argv[2] ?? 100_000);
const workers = Number(process.argv[3] ?? defaultWorkers());
const root = path.resolve(import.meta.dirname, '..');
const dir = mkdtempSync(path.join(tmpdir(), 'civic-radar-bench-tickets-'));
const source = loadTicketSource(path.join(root, 'rules'), 'demo-hotline');
const texts = ['test/engine/fixtures/dev-posts.jsonl', 'test/engine/fixtures/own-posts.jsonl']
  .flatMap((f) => readFileSync(path.join(root, f), 'utf8').split('\n'))
  .filter(Boolean)
  .map((l) => (JSON.parse(l) as { text: string }).text);
const districts = ['南山区', '福田区', '宝安区', '龙岗区', '', '罗湖区'];
const HEADER = ['工单编号', '受理时间', '标题', '诉求内容', '诉求类别', '所属区', '办理状态', '满意度'];
const cells = (i: number) => [`GD${String(i).padStart(8, '0')}`, `2026/12/${1 + (i % 6)} ${i % 24}:${String(i % 60).padStart(2, '0')}`, '', `${texts[i % texts.length]}（${i}）`, '城市管理', districts[i % districts.length]!, '办理中', i % 3 ? '满意' : ''];
const csvCell = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);

async function writeCsv(file: string): Promise<void> {
  const out = createWriteStream(file);
  const write = (s: string) => (out.write(s) ? Promise.resolve() : new Promise<void>((r) => out.once('drain', () => r())));
  await write(`\uFEFF${HEADER.join(',')}\r\n`);
  for (let i = 1; i <= rows; i++) await write(`${cells(i).map(csvCell).join(',')}\r\n`);
  await new Promise<void>((r) => out.end(r));
}

async function writeXlsx(file: string): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true });
  const ws = wb.addWorksheet('工单明细');
  ws.addRow(HEADER).commit();
  for (let i = 1; i <= rows; i++) ws.addRow(cells(i)).commit();
  ws.commit();
  await wb.commit();
}

interface Timing {
  ms: number;
  /** CPU time of the whole process (every thread) per row: what a loaded machine does not inflate much. */
  cpuUs: number;
  rssMb?: number;
}

async function timed(f: () => Promise<unknown>): Promise<Timing> {
  const c = process.cpuUsage();
  const t = performance.now();
  await f();
  const d = process.cpuUsage(c);
  return { ms: performance.now() - t, cpuUs: (d.user + d.system) / rows };
}

async function readOnly(file: string): Promise<Timing> {
  return timed(async () => {
    let n = 0;
    for await (const _ of readerFor(file).read(file, source)) n++;
    if (n !== rows) throw new Error(`read ${n} rows, expected ${rows}`);
  });
}

async function importInto(file: string, classify: boolean, model = true): Promise<Timing> {
  const data = mkdtempSync(path.join(dir, 'store-'));
  const config = loadConfig({ env: {}, cwd: data, overrides: { dataDir: data, rulesDir: path.join(root, 'rules'), crawlersDir: path.join(root, 'crawlers'), model } });
  const ctx = { config, db: openDatabase(databaseFile(config)), log: createLogger('warn') };
  const engine = classify ? screeningFor(ctx, workers <= 1 ? 'this-thread' : workers) : undefined;
  if (engine) await new Promise((r) => setTimeout(r, 3000)); // the workers load the rules and the model first, not counted
  let rss = 0;
  const t = await timed(async () => {
    const r = await importTicketFile({ db: ctx.db, source, file, actor: 'cli', screening: engine?.screening, onProgress: () => (rss = Math.max(rss, process.memoryUsage().rss)) });
    if (r.inserted !== rows || (classify && r.screened !== rows)) throw new Error(`imported ${JSON.stringify(r)}`);
  });
  await engine?.close();
  ctx.db.close();
  return { ...t, rssMb: rss / 1e6 };
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
try {
  const csv = path.join(dir, 'export.csv');
  const xlsx = path.join(dir, 'export.xlsx');
  await writeCsv(csv);
  await writeXlsx(xlsx);
  console.log(`${fmt(rows)} rows; CSV ${(statSync(csv).size / 1e6).toFixed(1)} MB, xlsx ${(statSync(xlsx).size / 1e6).toFixed(1)} MB; engine on ${workers <= 1 ? 'this thread' : `${workers} worker threads`}`);
  const base = await readOnly(csv);
  const line = (label: string, t: Timing) =>
    console.log(`${label.padEnd(34)} ${fmt((rows / t.ms) * 1000).padStart(8)} rows/s  ${(t.ms / base.ms).toFixed(1).padStart(6)}× the CSV read time  CPU ${t.cpuUs.toFixed(0).padStart(4)} µs/row${t.rssMb ? `  max RSS ${t.rssMb.toFixed(0)} MB` : ''}`);
  line('CSV: read and parse (baseline)', base);
  line('CSV: import (map, validate, upsert)', await importInto(csv, false));
  line('CSV: import + engine pass', await importInto(csv, true));
  line('CSV: import + engine, rules only', await importInto(csv, true, false));
  line('xlsx: read and parse', await readOnly(xlsx));
  line('xlsx: import', await importInto(xlsx, false));
  line('xlsx: import + engine pass', await importInto(xlsx, true));
  console.log(`load average ${(await import('node:os')).loadavg().map((l) => l.toFixed(1)).join(' ')}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
