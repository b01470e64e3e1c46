/**
 * `kill -9` mid-import, then the same command again: the store ends exactly as after one clean
 * import (every ticket once, the same fields and the same readings by the engine), and the killed
 * import is marked interrupted. Real CLI processes.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runCli } from '../../helpers/cli-process.js';
import { writeBigCsv } from './fixtures.js';

const CLI = path.resolve('src/cli/index.ts');
const ROWS = 8000;
let dir: string;
let file: string;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'civic-radar-tickets-kill-'));
  file = await writeBigCsv(dir, 'export.csv', ROWS, 1000);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const args = ['tickets', 'import', '', '--source', 'demo-hotline', '--workers', '1', '--batch', '200', '--progress-every', '400'];
const withFile = () => args.map((a) => a || file);

/** Starts an import and kills it with SIGKILL once it reports progress; resolves with what it printed. */
function importKilledMidway(dataDir: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...withFile()], { env: { ...process.env, LOG_LEVEL: 'silent', DATA_DIR: dataDir }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => {
      stderr += d;
      if (/read (8|9|1\d)\d\d,/.test(stderr) && child.exitCode === null) child.kill('SIGKILL');
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => (signal === 'SIGKILL' ? resolve(stderr) : reject(new Error(`the import ended before it was killed (code ${code}): ${stderr}`))));
  });
}

function tickets(dataDir: string) {
  const db = new Database(path.join(dataDir, 'civic-radar.sqlite'), { readonly: true });
  try {
    return {
      rows: db.prepare(`SELECT source, ticket_no, received_at, title, text, district_raw, status_raw, row_hash, is_lead, category, sub_item, urgency, district, street, place, domains, screened_at IS NOT NULL AS screened FROM tickets ORDER BY ticket_no`).all(),
      imports: db.prepare('SELECT id, status FROM ticket_imports ORDER BY id').all(),
    };
  } finally {
    db.close();
  }
}

it('kill -9 mid-import and run again: the same tickets and readings as one clean import', async () => {
  const killed = path.join(dir, 'killed');
  const clean = path.join(dir, 'clean');
  const out = await importKilledMidway(killed);
  expect(out).toMatch(/read \d+, inserted/);
  await new Promise((r) => setTimeout(r, 500)); // nothing may still be writing
  const partial = tickets(killed);
  expect(partial.rows.length).toBeGreaterThan(0);
  expect(partial.rows.length).toBeLessThan(ROWS);

  const again = await runCli(withFile(), '', { DATA_DIR: killed });
  expect(again.code, again.stderr).toBe(0);
  const done = await runCli(withFile(), '', { DATA_DIR: clean });
  expect(done.code, done.stderr).toBe(0);

  const resumed = tickets(killed);
  const reference = tickets(clean);
  expect(reference.rows).toHaveLength(ROWS - ROWS / 1000);
  expect(reference.rows.every((r) => (r as { screened: number }).screened === 1)).toBe(true);
  expect(resumed.rows).toEqual(reference.rows);
  expect(resumed.imports).toEqual([{ id: 1, status: 'interrupted' }, { id: 2, status: 'done' }]);
  expect(JSON.parse(again.stdout)).toMatchObject({ read: ROWS, rejected: ROWS / 1000, inserted: ROWS - ROWS / 1000 - partial.rows.length });
}, 240_000);
