// A separate process confirming leads on a shared SQLite file (confirm-lead.test.ts races several of these).
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { confirmLead } from '../../src/workorders/confirm-lead.js';
import { ConflictError } from '../../src/errors.js';
import { loadConfig, databaseFile } from '../../src/config/load.js';
import { createLogger } from '../../src/log.js';
import { openDatabase } from '../../src/storage/database.js';

const [dir, rulesDir, userId, ...ids] = process.argv.slice(2);
const config = loadConfig({ env: {}, cwd: dir, overrides: { dataDir: dir!, rulesDir: rulesDir! } });
const ctx = { config, db: openDatabase(databaseFile(config)), log: createLogger('silent') };
const out = { confirmed: [] as string[], conflicts: 0 };
// Start barrier: say ready, then wait for the test's go, so all processes race from the same moment.
writeFileSync(path.join(dir!, `ready-${userId}`), '');
while (!existsSync(path.join(dir!, 'go'))) await new Promise((r) => setTimeout(r, 2));
for (const id of ids) {
  try {
    out.confirmed.push(confirmLead(ctx, { leadId: Number(id), actor: { kind: 'user', id: Number(userId), name: `u${userId}` } }).number);
  } catch (err) {
    if (err instanceof ConflictError) out.conflicts++;
    else throw err;
  }
}
process.stdout.write(JSON.stringify(out));
