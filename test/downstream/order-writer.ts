// Another process that creates and updates work orders on a shared SQLite file while a consumer pulls.
// argv: dataDir rulesDir count
import { databaseFile, loadConfig } from '../../src/config/load.js';
import { createLogger } from '../../src/log.js';
import { openDatabase } from '../../src/storage/database.js';
import { confirmLead } from '../../src/workorders/confirm-lead.js';
import { editWorkOrder } from '../../src/workorders/edit.js';
import { transitionWorkOrder } from '../../src/workorders/transition.js';
import { insertLead } from '../workorders/fixtures.js';

const [dir, rulesDir, countArg] = process.argv.slice(2);
const config = loadConfig({ env: {}, cwd: dir, overrides: { dataDir: dir!, rulesDir: rulesDir! } });
const ctx = { config, db: openDatabase(databaseFile(config)), log: createLogger('silent') };
const actor = { kind: 'system' as const, name: 'writer' };
const count = Number(countArg);
const numbers: string[] = [];
const NEXT: Record<string, 'accepted' | 'in_progress' | 'resolved' | undefined> = { dispatched: 'accepted', accepted: 'in_progress', in_progress: 'resolved' };
let updates = 0;
let seed = 42;
const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
const DISTRICTS = ['福田区', '南山区', '宝安区', '龙岗区'];

for (let i = 0; i < count; i++) {
  const leadId = insertLead(ctx.db, { district: DISTRICTS[i % 4]!, street: null });
  numbers.push(confirmLead(ctx, { leadId, actor }).number);
  // Update one or two earlier orders most of the time: status moves and edits (some re-route).
  for (let k = 0; k < 2; k++) {
    if (random() < 0.45) {
      const number = numbers[Math.floor(random() * numbers.length)]!;
      const row = ctx.db.prepare('SELECT status, version, district FROM work_orders WHERE number = ?').get(number) as { status: string; version: number; district: string };
      const to = NEXT[row.status];
      if (to && random() < 0.7) transitionWorkOrder(ctx, { number, to, note: to === 'resolved' ? '已处理' : null, actor });
      else if (row.status !== 'resolved') editWorkOrder(ctx, { number, edit: { district: DISTRICTS[Math.floor(random() * 4)]!, version: row.version }, actor });
      else continue;
      updates++;
    }
  }
  if (i % 500 === 0) await new Promise((r) => setImmediate(r));
}
process.stdout.write(JSON.stringify({ created: numbers.length, updates }));
ctx.db.close();
