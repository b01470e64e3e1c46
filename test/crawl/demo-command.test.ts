import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { afterAll, expect, it } from 'vitest';
import { createCrawlSchedulerService } from '../../src/crawl/scheduler.js';
import { isDemoStore, markDemoStore } from '../../src/demo/demo-store.js';
import { runCli } from '../helpers/cli-process.js';
import { tempContext } from '../helpers/temp-context.js';
import { startApp } from '../helpers/web-app.js';

/** The newcomer's path: run the demo, copy the printed command, log in with the printed account. */
const dir = mkdtempSync(path.join(tmpdir(), 'civic-radar-demo-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('demo prints the exact command and an account, and the store it names serves the demo leads', async () => {
  const demoDir = path.join(dir, 'data', 'demo');
  const run = await runCli(['demo'], '', { DATA_DIR: path.join(dir, 'data'), RULES_DIR: path.resolve('rules') });
  expect(run.code, run.stderr).toBe(0);
  expect(run.stdout).toContain(`DATA_DIR='${demoDir}' SCHEDULER=false npm start`);
  const account = /用户名 (\S+)，密码 (\S+)（/.exec(run.stdout);
  expect(account).not.toBeNull();
  expect(isDemoStore(demoDir)).toBe(true);

  const ctx = tempContext({ dataDir: demoDir });
  const app = await startApp(ctx);
  try {
    const login = await fetch(`${app.baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: account![1], password: account![2] }) });
    expect(login.status).toBe(200);
    const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    const queue = (await (await fetch(`${app.baseUrl}/api/leads`, { headers: { cookie } })).json()) as { items: unknown[] };
    expect(queue.items.length).toBeGreaterThan(0);
  } finally {
    await app.close();
    ctx.db.close();
  }
}, 180_000);

it('a demo store never runs the production crawlers, even with the scheduler on', async () => {
  const ctx = tempContext({ scheduler: true });
  const lines: string[] = [];
  ctx.log = pino({ level: 'info' }, { write: (s: string) => void lines.push(s) });
  markDemoStore(ctx.dir, 'http://127.0.0.1:1');
  const service = createCrawlSchedulerService(ctx);
  try {
    await service.start();
    expect(lines.join('')).toContain('demo store');
    expect(lines.join('')).not.toContain('crawl scheduler started');
  } finally {
    await service.stop();
    ctx.cleanup();
  }
});
