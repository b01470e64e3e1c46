// Pull throughput: orders/s through GET /api/v1/work-orders (cursor API, real server process) against a
// bare SELECT over the same table in the same run. Usage: npx tsx bench/pull.ts [orders=100000]
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SYSTEM } from '../src/audit/actor.js';
import { databaseFile, loadConfig } from '../src/config/load.js';
import { createApiKey } from '../src/downstream/api-keys.js';
import { createLogger } from '../src/log.js';
import { openDatabase } from '../src/storage/database.js';
import { workOrdersChangedAfter } from '../src/storage/work-orders.js';
import { confirmLead } from '../src/workorders/confirm-lead.js';
import { fullViews } from '../src/workorders/work-order-view.js';
import { insertLead } from '../test/workorders/fixtures.js';

const N = Number(process.argv[2] ?? 100_000);
const dir = mkdtempSync(path.join(tmpdir(), 'civic-radar-bench-pull-'));
const config = loadConfig({ env: {}, cwd: dir, overrides: { dataDir: dir, rulesDir: path.resolve('rules'), scheduler: false } });
const ctx = { config, db: openDatabase(databaseFile(config)), log: createLogger('silent') };
const DISTRICTS = ['福田区', '南山区', '宝安区', '龙岗区', '龙华区', null];

function seconds(t0: bigint): number {
  return Number(process.hrtime.bigint() - t0) / 1e9;
}

try {
  let t0 = process.hrtime.bigint();
  for (let i = 0; i < N; i += 1000) {
    ctx.db.transaction(() => {
      for (let j = i; j < Math.min(N, i + 1000); j++) {
        const posts = Array.from({ length: 1 + (j % 3) }, (_, k) => ({ text: `第${j}号线索的第${k + 1}条帖子：固戍地铁站A出口井盖没了，晚上很危险，希望尽快处理。`.repeat(2) }));
        const leadId = insertLead(ctx.db, { district: DISTRICTS[j % DISTRICTS.length]!, street: null, posts });
        confirmLead(ctx, { leadId, actor: SYSTEM });
      }
    })();
    if (i % 20_000 === 0) process.stderr.write(`seeded ${i}/${N}\n`);
  }
  process.stderr.write(`seeded ${N} orders (with 1–3 posts and 2 history rows each) in ${seconds(t0).toFixed(1)} s\n`);
  const key = createApiKey(ctx.db, { name: 'bench', scopes: ['work_orders:read'], actor: SYSTEM }).key;
  ctx.db.pragma('wal_checkpoint(TRUNCATE)');

  // Baseline 1: a bare SELECT over the table in change order.
  t0 = process.hrtime.bigint();
  let rows = 0;
  for (const _ of ctx.db.prepare('SELECT * FROM work_orders ORDER BY change_seq').iterate()) rows++;
  const bare = rows / seconds(t0);

  // Baseline 2: the same pages the API builds (rows + posts + history), in process, no HTTP/JSON.
  t0 = process.hrtime.bigint();
  let cursor = 0;
  let assembled = 0;
  for (;;) {
    const page = workOrdersChangedAfter(ctx.db, cursor, 500);
    if (!page.length) break;
    assembled += fullViews(ctx.db, page, config.rulesDir, new Date().toISOString()).length;
    cursor = page.at(-1)!.change_seq;
  }
  const inProcess = assembled / seconds(t0);

  // The API, served by the real server process.
  const server = spawn(path.resolve('node_modules/.bin/tsx'), ['src/main.ts'], {
    env: { ...process.env, DATA_DIR: dir, PORT: '0', HOST: '127.0.0.1', SCHEDULER: 'false', WEBHOOK_DISPATCHER: 'false', LOG_LEVEL: 'info', RULES_DIR: path.resolve('rules') },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const baseUrl = await new Promise<string>((resolve, reject) => {
    let err = '';
    server.stderr.on('data', (c: Buffer) => {
      err += c.toString();
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(err);
      if (m) resolve(m[1]!);
    });
    server.once('exit', () => reject(new Error(`server exited: ${err}`)));
  });
  const results: Record<string, number> = {};
  try {
    // Warm-up: JIT and the server's first-request costs stay out of the figures.
    for (let i = 0; i < 30; i++) await (await fetch(`${baseUrl}/api/v1/work-orders?cursor=0&limit=100`, { headers: { authorization: `Bearer ${key}` } })).text();
    for (const limit of [100, 500]) {
      t0 = process.hrtime.bigint();
      let next = '0';
      let got = 0;
      let bytes = 0;
      for (;;) {
        const res = await fetch(`${baseUrl}/api/v1/work-orders?cursor=${next}&limit=${limit}`, { headers: { authorization: `Bearer ${key}` } });
        const text = await res.text();
        bytes += text.length;
        const body = JSON.parse(text) as { items: unknown[]; next_cursor: string; has_more: boolean };
        got += body.items.length;
        next = body.next_cursor;
        if (!body.has_more) break;
      }
      if (got !== N) throw new Error(`pulled ${got} orders, expected ${N}`);
      results[`api limit=${limit}`] = got / seconds(t0);
      process.stderr.write(`api limit=${limit}: ${(bytes / 1e6).toFixed(0)} MB of JSON\n`);
    }
  } finally {
    server.kill('SIGTERM');
  }

  const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
  console.log(`pull bench, ${N.toLocaleString('en-US')} work orders`);
  console.log(`  bare SELECT (baseline)         ${fmt(bare)} orders/s`);
  console.log(`  in-process pages (rows+posts+history, limit 500)  ${fmt(inProcess)} orders/s  (${(bare / inProcess).toFixed(1)}x slower than bare)`);
  for (const [name, v] of Object.entries(results)) console.log(`  HTTP cursor API, ${name.padEnd(15)} ${fmt(v)} orders/s  (${(bare / v).toFixed(1)}x slower than bare)`);
} finally {
  ctx.db.close();
  rmSync(dir, { recursive: true, force: true });
}
