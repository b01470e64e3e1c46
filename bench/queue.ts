/**
 * Review queue under load: 1,000,000 posts and 100,000 leads in SQLite, the app in a second
 * process, 200 requests/s per scenario (bench/load.ts: open loop, or autocannon's bursts with
 * LOAD=burst; LOAD=open,burst runs both); p50/p95/p99 compared in the same run
 * with a bare Express handler returning a constant (also in its own process).
 *
 * Run: npx tsx bench/queue.ts [posts=1000000] [leads=100000] [seconds=20]
 *      KEEP_DB=/path/dir reuses (or keeps) the seeded store between runs.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { SYSTEM } from '../src/audit/actor.js';
import { addUser, setPassword } from '../src/auth/user-accounts.js';
import { loadConfig } from '../src/config/load.js';
import { createLogger } from '../src/log.js';
import { leadView } from '../src/review/lead-view.js';
import { listQueue, queueQuery } from '../src/review/queue.js';
import { openDatabase } from '../src/storage/database.js';
import { findUserByName } from '../src/storage/users.js';
import { spawnApp, spawnServer, type AppProcess } from '../test/helpers/web-app-process.js';
import { loadModes, only, percentile, runLoad } from './load.js';
import { CATS, DISTRICTS, ISSUES, PLACES, PLATFORMS, pick, rand, seedQueueStore } from './queue-seed.js';

const [posts, leads, seconds] = [Number(process.argv[2] ?? 1_000_000), Number(process.argv[3] ?? 100_000), Number(process.argv[4] ?? 20)];
const RATE = 200;
const log = (msg: string) => process.stderr.write(`${msg}\n`);
const dir = process.env.KEEP_DB ?? mkdtempSync(path.join(tmpdir(), 'civic-radar-bench-'));
const dbFile = path.join(dir, 'civic-radar.sqlite');
const PASSWORD = 'queue lantern harbour 73';

if (!existsSync(dbFile)) {
  log(`seeding ${posts} posts and ${leads} leads into ${dbFile}`);
  const t0 = Date.now();
  const db = openDatabase(dbFile);
  seedQueueStore(db, posts, leads, log);
  db.close();
  log(`seeded in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
} else log(`reusing ${dbFile}`);
{
  // The bench's verifier, with this run's password (a reused store may hold an older one).
  const db = openDatabase(dbFile);
  if (findUserByName(db, 'bench')) await setPassword(db, 'bench', PASSWORD, SYSTEM);
  else await addUser(db, { name: 'bench', role: 'verifier', password: PASSWORD }, SYSTEM);
  db.close();
}

const servers: AppProcess[] = [];
const stopAll = () => Promise.all(servers.map((s) => s.stop()));
process.on('SIGINT', () => void stopAll().then(() => process.exit(130)));

try {
  const app = await spawnApp(dir, { LOG_LEVEL: 'warn' });
  servers.push(app);
  const bare = await spawnServer('bench/bare-server.ts');
  servers.push(bare);

  const login = await fetch(`${app.baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'bench', password: PASSWORD }) });
  if (!login.ok) throw new Error(`bench login failed: ${login.status} ${await login.text()}`);
  const cookie = login.headers.getSetCookie()[0]!.split(';')[0]!;

  // Cursors at every depth of the pending queue (walking it once, 200 per page).
  log('collecting cursors through the whole pending queue');
  const cursors: string[] = [''];
  for (let after = ''; ; ) {
    const page = (await (await fetch(`${app.baseUrl}/api/leads?limit=200${after ? `&after=${after}` : ''}`, { headers: { cookie } })).json()) as { nextCursor: string | null };
    if (!page.nextCursor) break;
    cursors.push(page.nextCursor);
    after = page.nextCursor;
  }
  log(`  ${cursors.length} pages of 200 pending leads`);
  const threeChar = ISSUES.map((s) => s.slice(0, 4)).concat(PLACES.filter((p) => p.length >= 3));
  const twoChar = ['噪音', '漏水', '积水', '路灯', '油烟', '停水', '井盖', '垃圾'];
  // Two terms that each match ~1/15 of the leads and together ~1/225 (~450): the match-list plan.
  const rareTerms = () => `${pick(PLACES.filter((p) => p.length >= 3))} ${pick(ISSUES).slice(0, 4)}`;

  const scenarios: { name: string; base: string; path: () => string; headers?: Record<string, string> }[] = [
    { name: 'bare Express constant (baseline)', base: bare.baseUrl, path: () => '/' },
    { name: 'queue: first page (50)', base: app.baseUrl, path: () => '/api/leads' },
    { name: 'queue: page at a random depth', base: app.baseUrl, path: () => `/api/leads?after=${pick(cursors)}` },
    { name: 'queue: filter category+district', base: app.baseUrl, path: () => `/api/leads?category=${pick(CATS)}&district=${encodeURIComponent(pick(DISTRICTS))}` },
    { name: 'queue: filter platform', base: app.baseUrl, path: () => `/api/leads?platform=${pick(PLATFORMS)}` },
    { name: 'queue: keyword, 3+ chars, common (walk)', base: app.baseUrl, path: () => `/api/leads?q=${encodeURIComponent(pick(threeChar))}` },
    { name: 'queue: keyword, 2 chars, common (walk)', base: app.baseUrl, path: () => `/api/leads?q=${encodeURIComponent(pick(twoChar))}` },
    { name: 'queue: keyword, place + issue, rare (match list)', base: app.baseUrl, path: () => `/api/leads?q=${encodeURIComponent(rareTerms())}` },
    { name: 'queue: keyword + category, deep page', base: app.baseUrl, path: () => `/api/leads?q=${encodeURIComponent(pick(threeChar))}&category=${pick(CATS)}&after=${pick(cursors.slice(0, 100))}` },
    { name: 'open a lead', base: app.baseUrl, path: () => `/api/leads/${1 + Math.floor(rand() * leads)}` },
    // Again at the end: on a shared machine the load drifts during the run; the two baselines bracket it.
    { name: 'bare Express constant (baseline, again)', base: bare.baseUrl, path: () => '/' },
  ];

  const rows: string[] = [];
  for (const mode of loadModes()) {
    for (const s of scenarios.filter((x) => only(x.name))) {
      const { times, bad } = await runLoad(mode, s.base, s.path, { rate: RATE, seconds, connections: 20, headers: { cookie } });
      const q = (p: number) => percentile(times, p).toFixed(1);
      const line = `| ${s.name} (${mode}, load ${loadavg()[0]!.toFixed(1)}) | ${times.length} | ${(times.length / seconds).toFixed(0)} | ${q(0.5)} | ${q(0.95)} | ${q(0.99)} | ${bad} |`;
      rows.push(line);
      log(line);
    }
  }
  process.stdout.write(`\nReview queue bench: ${posts} posts, ${leads} leads, ${RATE} req/s for ${seconds} s per scenario, app and load tool in separate processes; load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}\n\n`);
  process.stdout.write('| scenario | requests | req/s | p50 ms | p95 ms | p99 ms | non-200 |\n|---|---|---|---|---|---|---|\n');
  process.stdout.write(rows.join('\n') + '\n');

  // The same work without HTTP or other load: what one request costs the database layer.
  const db = openDatabase(dbFile, { readonly: true });
  const ctx = { db, config: loadConfig({ overrides: { dataDir: dir } }), log: createLogger('silent') };
  const service: [string, () => unknown][] = [
    ['queue: first page (50)', () => listQueue(db, queueQuery.parse({}))],
    ['queue: page at a random depth', () => listQueue(db, queueQuery.parse({ after: pick(cursors.slice(1)) }))],
    ['queue: filter category+district', () => listQueue(db, queueQuery.parse({ category: pick(CATS), district: pick(DISTRICTS) }))],
    ['queue: filter platform', () => listQueue(db, queueQuery.parse({ platform: pick(PLATFORMS) }))],
    ['queue: keyword, 3+ chars, common (walk)', () => listQueue(db, queueQuery.parse({ q: pick(threeChar) }))],
    ['queue: keyword, 2 chars, common (walk)', () => listQueue(db, queueQuery.parse({ q: pick(twoChar) }))],
    ['queue: keyword, place + issue, rare (match list)', () => listQueue(db, queueQuery.parse({ q: rareTerms() }))],
    ['queue: keyword + category, deep page', () => listQueue(db, queueQuery.parse({ q: pick(threeChar), category: pick(CATS), after: pick(cursors.slice(1, 100)) }))],
    ['open a lead', () => leadView(ctx, 1 + Math.floor(rand() * leads), null)],
  ];
  process.stdout.write('\nIn-process service time (no HTTP, sequential, 300 calls each)\n\n| operation | p50 ms | p95 ms |\n|---|---|---|\n');
  for (const [name, fn] of service) {
    const t: number[] = [];
    for (let i = 0; i < 300; i++) {
      const t0 = performance.now();
      fn();
      t.push(performance.now() - t0);
    }
    t.sort((a, b) => a - b);
    process.stdout.write(`| ${name} | ${t[150]!.toFixed(2)} | ${t[285]!.toFixed(2)} |\n`);
  }
  db.close();
} finally {
  await stopAll();
  if (!process.env.KEEP_DB) rmSync(dir, { recursive: true, force: true });
}
