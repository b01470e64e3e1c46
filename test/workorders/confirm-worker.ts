// A separate process confirming leads on a shared SQLite file (confirm-lead.test.ts races several of these).
import { confirmLead } from '../../src/workorders/confirm-lead.js';
import { ConflictError } from '../../src/errors.js';
import { loadConfig, databaseFile } from '../../src/config/load.js';
import { createLogger } from '../../src/log.js';
import { openDatabase } from '../../src/storage/database.js';

const [dir, rulesDir, startAt, userId, ...ids] = process.argv.slice(2);
const config = loadConfig({ env: {}, cwd: dir, overrides: { dataDir: dir!, rulesDir: rulesDir! } });
const ctx = { config, db: openDatabase(databaseFile(config)), log: createLogger('silent') };
const out = { confirmed: [] as string[], conflicts: 0 };
while (Date.now() < Number(startAt)) await new Promise((r) => setTimeout(r, 2));
for (const id of ids) {
  try {
    out.confirmed.push(confirmLead(ctx, { leadId: Number(id), actor: { kind: 'user', id: Number(userId), name: `u${userId}` } }).number);
  } catch (err) {
    if (err instanceof ConflictError) out.conflicts++;
    else throw err;
  }
}
process.stdout.write(JSON.stringify(out));
