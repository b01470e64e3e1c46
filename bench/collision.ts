/**
 * Collision (已诉/未诉) cost on a seeded store of 100k leads (with ~300k posts) and 100k screened
 * 12345 tickets, a third of them about a seeded lead. Per sampled lead: the candidate search alone
 * (the baseline: the indexed SQL query for unlinked tickets of the same category and district in
 * the window) against the full match (search + hard rules + text similarity + writes); per sampled
 * ticket the same from the ticket's side. Writes are rolled back, so every sample sees the same
 * store. ALL=1 also times `tickets collide --all` over every ticket.
 * Run: npx tsx bench/collision.ts [leads=100000] [tickets=100000] [sample=2000]   (KEEP_DB=dir reuses the store)
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { collideLead, collidePass, collideTicket } from '../src/collision/collide.js';
import { DEFAULT_COLLISION_POLICY as P } from '../src/collision/collision-policy.js';
import { openDatabase, type Db } from '../src/storage/database.js';
import { leadForCollision, leadsIn, ticketForCollision, unlinkedTicketsIn } from '../src/storage/ticket-links.js';
import { CATS, DISTRICTS, ISSUES, PLACES, pick, rand, seedQueueStore } from './queue-seed.js';

const leads = Number(process.argv[2] ?? 100_000);
const tickets = Number(process.argv[3] ?? 100_000);
const sample = Number(process.argv[4] ?? 2000);
const dir = process.env.KEEP_DB ?? mkdtempSync(path.join(tmpdir(), 'civic-radar-bench-collision-'));
const file = path.join(dir, 'bench.sqlite');
const log = (m: string) => process.stderr.write(`${m}\n`);
const DAY = 86_400_000;
const NOW = '2026-12-01T00:00:00.000Z';

function seedTickets(db: Db, n: number): void {
  const rows = db.prepare("SELECT id, category, district, place, coalesce(posted_at, discovered_at) AS at, summary FROM leads WHERE status IN ('new', 'confirmed')").all() as
    { id: number; category: string; district: string; place: string; at: string; summary: string }[];
  const insert = db.prepare(`INSERT INTO tickets (source, ticket_no, received_at, text, category_raw, status_raw, row_hash, screened_at, is_lead, category, urgency, district, place, created_at, updated_at)
    VALUES ('bench', ?, ?, ?, '城市管理', '办理中', 'h', ?, 1, ?, 'normal', ?, ?, ?, ?)`);
  const base = Date.parse('2026-10-22T00:00:00Z');
  db.transaction(() => {
    for (let i = 1; i <= n; i++) {
      let t: { category: string; district: string; place: string; at: string; issue: string };
      if (rand() < 1 / 3) {
        // about a seeded lead: its place and problem, in other words, up to 10 days either side
        const l = pick(rows);
        const issue = l.summary.slice(l.place.length).replace(/^这边又/, '').split('，')[0]!;
        t = { category: l.category, district: l.district, place: l.place, at: new Date(Date.parse(l.at) + (rand() * 20 - 10) * DAY).toISOString(), issue };
      } else {
        t = { category: pick(CATS), district: pick(DISTRICTS), place: pick(PLACES), at: new Date(base + rand() * 40 * DAY - 10 * DAY).toISOString(), issue: pick(ISSUES) };
      }
      insert.run(`B${i}`, t.at, `市民来电反映${t.place}附近${t.issue}，请尽快处理。`, NOW, t.category, t.district, t.place, NOW, NOW);
    }
  })();
  db.exec('ANALYZE');
}

function sampleIds(db: Db, sql: string): number[] {
  // distinct ids (a partial Fisher–Yates shuffle): a ticket linked by its first sample would have nothing to match on a second
  const ids = db.prepare(sql).pluck().all() as number[];
  const n = Math.min(sample, ids.length);
  for (let i = 0; i < n; i++) {
    const j = i + Math.floor(rand() * (ids.length - i));
    [ids[i], ids[j]] = [ids[j]!, ids[i]!];
  }
  return ids.slice(0, n);
}

type Timing = { us: number[]; counted: number };

/**
 * For each id, the baseline then the measured call, back to back (a loaded machine drifts; pairs
 * see the same conditions), inside one transaction that is rolled back; per-call times in µs.
 */
function paired(db: Db, ids: readonly number[], base: (id: number) => number, full: (id: number) => number): [Timing, Timing] {
  const out: [Timing, Timing] = [{ us: [], counted: 0 }, { us: [], counted: 0 }];
  db.exec('BEGIN');
  try {
    for (const id of ids) {
      [base, full].forEach((fn, i) => {
        const t = process.hrtime.bigint();
        out[i]!.counted += fn(id);
        out[i]!.us.push(Number(process.hrtime.bigint() - t) / 1000);
      });
    }
  } finally {
    db.exec('ROLLBACK');
  }
  for (const t of out) t.us.sort((a, b) => a - b);
  return out;
}

const q = (s: number[], p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))]!;
const mean = (s: number[]) => s.reduce((a, b) => a + b, 0) / s.length;
const row = (name: string, r: Timing, unit: string, base?: number[]) =>
  `| ${name} | ${mean(r.us).toFixed(0)} | ${q(r.us, 0.5).toFixed(0)} | ${q(r.us, 0.95).toFixed(0)} | ${base ? `${(mean(r.us) / mean(base)).toFixed(2)}×` : '1.00×'} | ${(r.counted / r.us.length).toFixed(2)} ${unit} |`;

const fresh = !existsSync(file);
const db = openDatabase(file);
try {
  if (fresh) {
    const t0 = Date.now();
    log(`seeding ${leads} leads and ${tickets} tickets in ${dir}`);
    seedQueueStore(db, leads * 3, leads, log);
    seedTickets(db, tickets);
    log(`seeded in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  }
  const leadIds = sampleIds(db, "SELECT id FROM leads WHERE status IN ('new', 'confirmed')");
  const ticketIds = sampleIds(db, 'SELECT id FROM tickets');
  const range = (r: { category: string | null; district: string | null; place: string | null; at: string }) => ({
    category: r.category!, district: r.district!, from: new Date(Date.parse(r.at) - P.windowDays * DAY).toISOString(), to: new Date(Date.parse(r.at) + P.windowDays * DAY).toISOString(), place: r.place,
  });
  const leadSearch = (id: number) => unlinkedTicketsIn(db, range(leadForCollision(db, id)!)).length;
  const leadFull = (id: number) => collideLead(db, id, P, NOW);
  paired(db, leadIds.slice(0, 100), leadSearch, leadFull); // warm the page cache and statements (rolled back)
  const [lSearch, lFull] = paired(db, leadIds, leadSearch, leadFull);
  const [tSearch, tFull] = paired(db, ticketIds, (id) => leadsIn(db, range(ticketForCollision(db, id)!)).length, (id) => (collideTicket(db, id, P, NOW) === undefined ? 0 : 1));

  console.log(`\ncollision: ${leads} leads, ${tickets} tickets, window ±${P.windowDays} days, ${sample} samples each; µs per call\n`);
  console.log('| measure | mean µs | p50 | p95 | × search | per call |');
  console.log('|---|---:|---:|---:|---:|---|');
  console.log(row('lead: candidate search only (baseline)', lSearch, 'candidates'));
  console.log(row('lead: full match + links (`collideLead`)', lFull, 'tickets linked', lSearch.us));
  console.log(row('ticket: candidate search only (baseline)', tSearch, 'candidates'));
  console.log(row('ticket: full match + link (`collideTicket`)', tFull, 'linked', tSearch.us));
  if (process.env.ALL === '1') {
    const t0 = Date.now();
    db.exec('BEGIN');
    const sum = collidePass(db, P, NOW, { all: true });
    db.exec('ROLLBACK');
    console.log(`\ntickets collide --all: ${sum.tickets} tickets, ${sum.linked} linked in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  }
} finally {
  db.close();
  if (!process.env.KEEP_DB) rmSync(dir, { recursive: true, force: true });
}
