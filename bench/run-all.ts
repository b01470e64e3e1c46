/**
 * `npm run bench [-- name…]`: runs the benches one after another (or the named ones), each in its own
 * process so one's store and threads never weigh on the next. One line per bench; each prints its
 * own table against its same-run baseline (see README.md).
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const BENCHES: Record<string, string[]> = {
  crawl: ['crawl.ts'],
  classify: ['classify.ts'],
  train: ['train.ts'],
  queue: ['queue.ts'],
  pull: ['pull.ts'],
  analytics: ['analytics.ts'],
  'ticket-import': ['ticket-import.ts'],
  collision: ['collision.ts'],
  'ticket-screening': ['ticket-screening.ts'],
};

const names = process.argv.slice(2);
const unknown = names.filter((n) => !(n in BENCHES));
if (unknown.length) {
  process.stderr.write(`unknown bench ${unknown.join(', ')}; expected one of ${Object.keys(BENCHES).join(', ')}\n`);
  process.exit(2);
}
let failed = 0;
for (const name of names.length ? names : Object.keys(BENCHES)) {
  const [script, ...args] = BENCHES[name]!;
  process.stderr.write(`\n== ${name}\n`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, script!), ...args], { stdio: 'inherit' });
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
