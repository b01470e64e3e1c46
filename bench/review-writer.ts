/**
 * A verifier's desk for the supervisors' bench: rejects a pending lead of the last 30 days and
 * reopens it, `rate` changes a second, through the review actions (so every change moves the store
 * state the figures are kept by), until stopped. Each pair leaves the store as it found it.
 *
 * Run (by bench/analytics.ts with WRITES=n): npx tsx bench/review-writer.ts <data dir> <changes per second>
 */
import { SYSTEM } from '../src/audit/actor.js';
import { loadConfig } from '../src/config/load.js';
import { createLogger } from '../src/log.js';
import { rejectLead, reopenLead } from '../src/review/lead-actions.js';
import { openDatabase } from '../src/storage/database.js';

const [dir, rate] = [process.argv[2]!, Number(process.argv[3] ?? 1)];
const config = loadConfig({ env: {}, overrides: { dataDir: dir } });
const ctx = { config, db: openDatabase(`${dir}/civic-radar.sqlite`), log: createLogger('silent') };
const pending = ctx.db.prepare(`SELECT id, version FROM leads WHERE status = 'new' ORDER BY discovered_at DESC LIMIT 500`).all() as { id: number; version: number }[];
let i = 0;
let open: number | null = null;
let changes = 0;
const timer = setInterval(() => {
  if (open === null) {
    const lead = pending[i++ % pending.length]!;
    const row = ctx.db.prepare('SELECT version FROM leads WHERE id = ?').get(lead.id) as { version: number };
    rejectLead(ctx, { leadId: lead.id, actor: SYSTEM, version: row.version, reason: 'duplicate' });
    open = lead.id;
  } else {
    reopenLead(ctx, { leadId: open, actor: SYSTEM });
    open = null;
  }
  changes++;
}, 1000 / rate);
const stop = () => {
  clearInterval(timer);
  if (open !== null) reopenLead(ctx, { leadId: open, actor: SYSTEM });
  ctx.db.close();
  process.stdout.write(`changes ${changes}\n`);
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
process.stdout.write('ready\n');
