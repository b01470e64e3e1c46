/**
 * The CLI: `tickets import` (progress on stderr, where the report is, exit 0 with rejected rows),
 * `tickets imports` (the history as JSON lines) and `tickets rejects` (the report as CSV).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runCli } from '../../helpers/cli-process.js';
import { ROWS, writeCsv } from './fixtures.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'civic-radar-tickets-cli-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('imports, lists the history and prints the rejected rows; a missing import or file type is an error', async () => {
  const env = { DATA_DIR: path.join(dir, 'data') };
  const file = writeCsv(dir, 'export.csv', ROWS);
  const run = await runCli(['tickets', 'import', file, '--source', 'demo-hotline', '--workers', '1', '--no-screen'], '', env);
  expect(run.code, run.stderr).toBe(0);
  expect(JSON.parse(run.stdout)).toMatchObject({ importId: 1, read: 6, inserted: 3, rejected: 3 });
  expect(run.stderr).toMatch(/tickets: import 1: read 6, inserted 3, updated 0, unchanged 0, rejected 3, screened 0, \d+ rows\/s \(done in/);
  expect(run.stderr).toContain('civic-radar tickets rejects 1 > rejects.csv');

  const history = await runCli(['tickets', 'imports'], '', env);
  expect(history.stdout.trim().split('\n').map((l) => JSON.parse(l))).toMatchObject([{ id: 1, status: 'done', file_name: 'export.csv', rows_rejected: 3, actor: 'cli' }]);
  const rejects = await runCli(['tickets', 'rejects', '1'], '', env);
  expect(rejects.stdout.split('\r\n').map((l) => l.split(',')[0])).toEqual(['\uFEFF行号', '3', '4', '6', '']);
  const none = await runCli(['tickets', 'rejects', '9'], '', env);
  expect(none.code).toBe(1);
  expect(none.stderr).toContain('no import 9');
  // with the engine (the default): the new readings go through the topics at once, not on the service's next pass
  const again = writeCsv(dir, 'export2.csv', ROWS.map((r) => (r.no ? { ...r, no: `${r.no}-B` } : r)));
  const screened = await runCli(['tickets', 'import', again, '--source', 'demo-hotline', '--workers', '1'], '', env);
  expect(screened.code, screened.stderr).toBe(0);
  // six: these three and the three the first import stored without the engine
  expect(screened.stderr).toMatch(/tickets: 6 screened through the topics \(\d+ hits\), 0 linked to leads/);
  const db = new Database(path.join(dir, 'data', 'civic-radar.sqlite'), { readonly: true });
  expect(db.prepare("SELECT count(*) FROM ticket_leads WHERE topic = 'engine_lead'").pluck().get()).toBeGreaterThan(0);
  db.close();
  const missing = await runCli(['tickets', 'import', path.join(dir, 'nope.csv'), '--source', 'demo-hotline'], '', env);
  expect(missing.code).not.toBe(0);
  expect(missing.stderr).toContain('找不到导出文件');
  expect(missing.stderr).not.toContain('ENOENT');
  const xls = await runCli(['tickets', 'import', path.join(dir, 'export.xls'), '--source', 'demo-hotline'], '', env);
  expect(xls.code).not.toBe(0);
  expect(xls.stderr).toContain('.xls 请在 Excel 中另存为 .xlsx');
}, 120_000);
