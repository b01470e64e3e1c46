/**
 * Supervisors' figures under load: the queue bench's store (1,000,000 posts, 100,000 leads over 30
 * days) plus streets, places and 50,000 work orders with their history; the app in a second
 * process, 20 requests/s per scenario (bench/load.ts: open loop, or LOAD=burst) on the overview, hotspots, map, drill-down list,
 * p50/p95/p99 against a bare Express handler in the same run; then a weekly report built in process.
 *
 * Run: npx tsx bench/analytics.ts [posts=1000000] [leads=100000] [orders=50000] [seconds=15]
 *      KEEP_DB=/path/dir reuses (or keeps) the seeded store between runs; WRITES=n has a verifier
 *      (bench/review-writer.ts, its own process) reject and reopen leads, n changes a second, during
 *      each app scenario, so the figures are read from a store that keeps changing.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { SYSTEM } from '../src/audit/actor.js';
import { addDays } from '../src/analytics/period.js';
import { buildWeeklyReport } from '../src/analytics/weekly-report.js';
import { addUser } from '../src/auth/user-accounts.js';
import { loadConfig } from '../src/config/load.js';
import { createLogger } from '../src/log.js';
import { openDatabase, type Db } from '../src/storage/database.js';
import { findUserByName } from '../src/storage/users.js';
import { spawnApp, spawnServer, type AppProcess } from '../test/helpers/web-app-process.js';
import { loadModes, only, percentile, runLoad } from './load.js';
import { CATS, DISTRICTS, pick, rand, seedQueueStore } from './queue-seed.js';

const [posts, leads, orders, seconds] = [Number(process.argv[2] ?? 1_000_000), Number(process.argv[3] ?? 100_000), Number(process.argv[4] ?? 50_000), Number(process.argv[5] ?? 15)];
const RATE = 20;
const WRITES = Number(process.env.WRITES ?? 0);
const log = (msg: string) => process.stderr.write(`${msg}\n`);
const dir = process.env.KEEP_DB ?? mkdtempSync(path.join(tmpdir(), 'civic-radar-bench-'));
const dbFile = path.join(dir, 'civic-radar.sqlite');
const PASSWORD = 'quiet harbour lantern 42';
const STREETS = ['一街道', '二街道', '三街道', '四街道', '五街道', '六街道'];
const STATUSES = ['dispatched', 'accepted', 'in_progress', 'resolved', 'closed', 'returned'] as const;
// the queue seed's leads are found between 2026-10-22 and 2026-11-21 (UTC)
const FIRST_DAY = '2026-10-22';
const LAST_DAY = '2026-11-21';

/** Streets and places on the leads, and `n` confirmed leads with an order and 2–4 history rows each. */
function seedOrders(db: Db, n: number) {
  db.pragma('synchronous = OFF');
  db.transaction(() => {
    // six streets per district, forty places per seeded place name; one lead in seven has no street
    const street = db.prepare('UPDATE leads SET street = ?, place = place || ? WHERE id = ?');
    for (let id = 1; id <= leads; id++) if (id % 7) street.run(pick(STREETS), `${id % 40}号`, id);
    db.prepare(`UPDATE leads SET status = 'confirmed', reject_reason = NULL WHERE id IN (SELECT id FROM leads WHERE status IN ('new', 'confirmed') ORDER BY id LIMIT ?)`).run(n);
    const rows = db.prepare(`SELECT id, category, urgency, district, street, place, discovered_at FROM leads WHERE status = 'confirmed' ORDER BY id LIMIT ?`).all(n) as { id: number; category: string; urgency: string; district: string; street: string | null; place: string; discovered_at: string }[];
    const order = db.prepare(`INSERT INTO work_orders (id, number, lead_id, status, category, department, urgency, district, street, place, description, discovered_at, dispatch_deadline, dispatched_at, resolved_at, due_at, created_at, updated_at, change_seq)
      VALUES (?, ?, ?, ?, ?, '城管局', ?, ?, ?, ?, '描述', ?, ?, ?, ?, ?, ?, ?, ?)`);
    const event = db.prepare(`INSERT INTO work_order_events (work_order_id, kind, from_status, to_status, actor, at) VALUES (?, 'status', ?, ?, 'system', ?)`);
    const plus = (iso: string, minutes: number) => new Date(Date.parse(iso) + minutes * 60_000).toISOString();
    for (const [i, l] of rows.entries()) {
      const id = i + 1;
      const status = pick(STATUSES);
      const created = plus(l.discovered_at, 5 + rand() * 180);
      const deadline = plus(l.discovered_at, l.urgency === 'urgent' ? 30 : 120);
      const accepted = plus(created, 10 + rand() * 120);
      const resolved = plus(accepted, 60 + rand() * 4000);
      const done = status === 'resolved' || status === 'closed';
      order.run(id, `GD20261101-${String(id).padStart(6, '0')}`, l.id, status, l.category, l.urgency, l.district, l.street, l.place, l.discovered_at, deadline, created,
        done ? resolved : null, done ? null : plus(created, 60 * 24 * (rand() * 8)), created, created, id);
      event.run(id, null, 'created', created);
      event.run(id, 'created', 'dispatched', created);
      if (status !== 'dispatched') event.run(id, 'dispatched', status === 'returned' ? 'returned' : 'accepted', accepted);
      if (done) event.run(id, 'in_progress', 'resolved', resolved);
    }
  })();
  db.exec('ANALYZE');
}

if (!existsSync(dbFile)) {
  log(`seeding ${posts} posts, ${leads} leads and ${orders} orders into ${dbFile}`);
  const t0 = Date.now();
  const db = openDatabase(dbFile);
  seedQueueStore(db, posts, leads, log);
  seedOrders(db, orders);
  db.close();
  log(`seeded in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
} else log(`reusing ${dbFile}`);
{
  const db = openDatabase(dbFile);
  if (!findUserByName(db, 'bench')) await addUser(db, { name: 'bench', role: 'supervisor', password: PASSWORD }, SYSTEM);
  db.close();
}

const servers: AppProcess[] = [];
const stopAll = () => Promise.all(servers.map((s) => s.stop()));
process.on('SIGINT', () => void stopAll().then(() => process.exit(130)));

/** What supervisors open: the last week or the last month, the city or one district (22 figure sets). */
const period = () => (rand() < 0.5 ? `from=${FIRST_DAY}&to=${LAST_DAY}` : `from=${addDays(LAST_DAY, -6)}&to=${LAST_DAY}`);
/** Any week of the month: mostly figures nobody asked for yet (cold reads). */
const anyWeek = () => {
  const from = addDays(FIRST_DAY, Math.floor(rand() * 24));
  return `from=${from}&to=${addDays(from, 6)}`;
};
const district = () => (rand() < 0.5 ? `&district=${encodeURIComponent(pick(DISTRICTS))}` : '');

async function startWriter(): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/review-writer.ts', dir, String(WRITES)], { stdio: ['ignore', 'pipe', 'inherit'] });
  await once(child.stdout!, 'data');
  return child;
}
async function stopWriter(child: ChildProcess): Promise<string> {
  let out = '';
  child.stdout!.on('data', (b: Buffer) => (out += b));
  child.kill('SIGTERM');
  await once(child, 'exit');
  return out.match(/changes (\d+)/)?.[1] ?? '?';
}

try {
  const app = await spawnApp(dir, { LOG_LEVEL: 'warn', WEEKLY_REPORT: 'false' });
  servers.push(app);
  const bare = await spawnServer('bench/bare-server.ts');
  servers.push(bare);
  const login = await fetch(`${app.baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'bench', password: PASSWORD }) });
  if (!login.ok) throw new Error(`bench login failed: ${login.status} ${await login.text()}`);
  const cookie = login.headers.getSetCookie()[0]!.split(';')[0]!;

  const scenarios: { name: string; base: string; path: () => string }[] = [
    { name: 'bare Express constant (baseline)', base: bare.baseUrl, path: () => '/' },
    { name: 'overview (week or month, city or district)', base: app.baseUrl, path: () => `/api/analytics/overview?${period()}${district()}` },
    { name: 'hotspots (place level)', base: app.baseUrl, path: () => `/api/analytics/hotspots?${period()}${district()}` },
    { name: 'hotspots (street level, 3-day window)', base: app.baseUrl, path: () => `/api/analytics/hotspots?${period()}&level=street&window_days=3` },
    { name: 'overview, any week and district (cold)', base: app.baseUrl, path: () => `/api/analytics/overview?${anyWeek()}${district()}` },
    { name: 'map (districts)', base: app.baseUrl, path: () => `/api/analytics/map?${period()}${district()}` },
    { name: 'drill-down list (district + category)', base: app.baseUrl, path: () => `/api/analytics/leads?${period()}&district=${encodeURIComponent(pick(DISTRICTS))}&category=${pick(CATS)}` },
    { name: 'bare Express constant (baseline, again)', base: bare.baseUrl, path: () => '/' },
  ];
  const rows: string[] = [];
  for (const mode of loadModes()) {
    for (const s of scenarios.filter((x) => only(x.name))) {
      const writer = WRITES > 0 && s.base === app.baseUrl ? await startWriter() : undefined;
      const { times, bad } = await runLoad(mode, s.base, s.path, { rate: RATE, seconds, connections: 10, headers: { cookie } });
      const changes = writer ? `, ${await stopWriter(writer)} changes` : '';
      const q = (p: number) => (times.length ? percentile(times, p).toFixed(1) : '—');
      const line = `| ${s.name} (${mode}${changes}, load ${loadavg()[0]!.toFixed(1)}) | ${times.length} | ${q(0.5)} | ${q(0.95)} | ${q(0.99)} | ${bad} |`;
      rows.push(line);
      log(line);
    }
  }
  process.stdout.write(`\nAnalytics bench: ${posts} posts, ${leads} leads, ${orders} work orders, ${RATE} req/s for ${seconds} s per scenario${WRITES ? `, ${WRITES} review changes/s` : ''}; load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}\n\n`);
  process.stdout.write('| scenario | requests | p50 ms | p95 ms | p99 ms | non-200 |\n|---|---|---|---|---|---|\n');
  process.stdout.write(rows.join('\n') + '\n');

  const db = openDatabase(dbFile, { readonly: true });
  const ctx = { db, config: loadConfig({ env: {}, overrides: { dataDir: dir, figureReaders: 0 } }), log: createLogger('silent') };
  const now = new Date(`${LAST_DAY}T12:00:00Z`);
  for (const [name, from, to] of [['weekly report (7 days)', addDays(LAST_DAY, -6), LAST_DAY], ['report over the whole month', FIRST_DAY, LAST_DAY]] as const) {
    const t0 = performance.now();
    await buildWeeklyReport(ctx, { from, to, district: null }, now);
    process.stdout.write(`\n${name}: ${((performance.now() - t0) / 1000).toFixed(2)} s (in process, built from the store)`);
  }
  process.stdout.write('\n');
  db.close();
} finally {
  await stopAll();
  if (!process.env.KEEP_DB) rmSync(dir, { recursive: true, force: true });
}
