/**
 * 过筛子 and 热线线索 at scale: tickets stored and read (as the import and its engine pass leave
 * them: one reading time per batch of 1,000; texts varied from our own labelled fixture posts),
 * then the topic pass over all of them, an idle pass (nothing new: what the service does every
 * 30 s), and the list's reads (first page, filters, a deep page, counts per topic) as medians and
 * p95 over 30 runs. Run: npx tsx bench/ticket-screening.ts [tickets=100000]
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { databaseFile, loadConfig } from '../src/config/load.js';
import { CATEGORY_CODES } from '../src/domain/categories.js';
import { createLogger } from '../src/log.js';
import { openDatabase } from '../src/storage/database.js';
import { ticketLeadCounts, ticketLeadPage } from '../src/storage/ticket-leads.js';
import { saveReadings, upsertTickets } from '../src/storage/tickets.js';
import { screenTicketTopics } from '../src/ticket-leads/topic-screening.js';

const N = Number(process.argv[2] ?? 100_000);
const root = path.resolve(import.meta.dirname, '..');
const dir = mkdtempSync(path.join(tmpdir(), 'civic-radar-bench-screening-'));
const config = loadConfig({ env: {}, cwd: dir, overrides: { dataDir: dir, rulesDir: path.join(root, 'rules'), scheduler: false, queueReaders: 0 } });
const db = openDatabase(databaseFile(config));
const ctx = { config, db, log: createLogger('silent') };
const posts = ['test/engine/fixtures/dev-posts.jsonl', 'test/engine/fixtures/own-posts.jsonl']
  .flatMap((f) => readFileSync(path.join(root, f), 'utf8').split('\n'))
  .filter(Boolean)
  .map((l) => JSON.parse(l) as { text: string; label: { is_lead: boolean; category: string | null } });
const districts = ['南山区', '福田区', '宝安区', '龙岗区', '罗湖区'];

const BATCH = 1000;
const start = Date.now() - N * 1000;
let t0 = Date.now();
for (let from = 0; from < N; from += BATCH) {
  const idx = Array.from({ length: Math.min(BATCH, N - from) }, (_v, k) => from + k);
  const at = new Date(start + from * 1000).toISOString();
  upsertTickets(db, 'bench', 1, idx.map((i) => ({
    ticket_no: `B${i}`, received_at: new Date(start + i * 1000).toISOString(), title: null, text: `${posts[i % posts.length]!.text}（${i}）`, category_raw: '城市管理',
    address: null, district_raw: districts[i % districts.length]!, department: null, status_raw: '办理中', reply: null, replied_at: null, satisfaction: null, row_hash: `h${i}`,
  })), at);
  const ids = db.prepare('SELECT id FROM tickets WHERE ticket_no IN (SELECT value FROM json_each(?))').pluck().all(JSON.stringify(idx.map((i) => `B${i}`))) as number[];
  saveReadings(db, ids.map((id, k) => {
    const label = posts[idx[k]! % posts.length]!.label;
    return { id, is_lead: label.is_lead, category: label.category ?? (label.is_lead ? CATEGORY_CODES[k % 19]! : null), sub_item: null, urgency: 'normal', district: districts[idx[k]! % districts.length]!, street: null, place: null, domains: [] };
  }), at);
}
console.log(`stored and read ${N} tickets in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

t0 = Date.now();
const cpu0 = process.cpuUsage();
const sum = screenTicketTopics(ctx);
const ms = Date.now() - t0;
const cpu = process.cpuUsage(cpu0);
console.log(`topic pass: ${sum.tickets} tickets, ${sum.added} hits (${JSON.stringify(sum.byTopic)}) in ${(ms / 1000).toFixed(1)} s = ${Math.round((sum.tickets / ms) * 1000)} tickets/s, CPU ${((cpu.user + cpu.system) / sum.tickets).toFixed(0)} µs per ticket`);

function timed(label: string, f: () => unknown): void {
  const ts: number[] = [];
  for (let i = 0; i < 30; i++) {
    const s = process.hrtime.bigint();
    f();
    ts.push(Number(process.hrtime.bigint() - s) / 1e6);
  }
  ts.sort((a, b) => a - b);
  console.log(`${label.padEnd(44)} median ${ts[15]!.toFixed(1).padStart(6)} ms   p95 ${ts[28]!.toFixed(1).padStart(6)} ms`);
}
timed('idle pass (nothing new)', () => screenTicketTopics(ctx));
timed('list: first page (50)', () => ticketLeadPage(db, {}, null, 51));
timed('list: topic 引擎线索', () => ticketLeadPage(db, { topic: 'engine_lead' }, null, 51));
timed('list: 待核查 in 宝安区', () => ticketLeadPage(db, { status: 'pending', district: '宝安区' }, null, 51));
timed('list: keyword', () => ticketLeadPage(db, { q: '井盖' }, null, 51));
const deep = ticketLeadPage(db, {}, null, 5000).at(-1) ?? null;
timed('list: the page after 5,000', () => ticketLeadPage(db, {}, deep, 51));
timed('counts per topic', () => ticketLeadCounts(db, {}));
timed('counts per topic in 宝安区', () => ticketLeadCounts(db, { district: '宝安区' }));
timed('counts per topic, keyword', () => ticketLeadCounts(db, { q: '井盖' }));
db.close();
rmSync(dir, { recursive: true, force: true });
