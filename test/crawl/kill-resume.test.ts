import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { makePosts } from '../../src/demo/site-post.js';
import { weiboRoutes } from '../../src/demo/platform-routes.js';
import { startSite, type RunningSite } from '../../src/demo/site-server.js';

const TOTAL = 300; // 30 pages of 10
let site: RunningSite;
let dir: string;
const children: ChildProcess[] = [];

beforeAll(async () => {
  site = await startSite(weiboRoutes(makePosts(TOTAL, new Date(), { spacingMinutes: 1 }), { pageSize: 10, delayMs: 60 }));
  dir = mkdtempSync(path.join(tmpdir(), 'civic-radar-kill-'));
  mkdirSync(path.join(dir, 'crawlers'));
  writeFileSync(
    path.join(dir, 'crawlers', 'weibo-slow.yaml'),
    `engine: cheerio
privateNetwork: { allow: true, reason: "the test's imitation site runs on 127.0.0.1" }
startUrls: ["${site.baseUrl}/api/container/getIndex?containerid=100103type%3D61%26q%3D%E6%B7%B1%E5%9C%B3&page={page}"]
pagination: { type: page, start: 1, maxPages: 40 }
extract:
  type: json
  items:
    - data.cards[].mblog
    - data.cards[].card_group[].mblog
  fields: { id: id, text: text, publishedAt: created_at, author: user.screen_name }
cutoff: { maxAgeHours: 24 }
schedule: { cron: "* * * * * *", jitterSeconds: 0 }
limits: { maxRequestsPerMinute: 100000, maxConcurrency: 1 }
`,
  );
});

afterAll(async () => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  await site.close();
  rmSync(dir, { recursive: true, force: true });
});

function startService(): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', path.resolve('test/crawl/fixtures/scheduler-child.ts')], {
    env: { ...process.env, DATA_DIR: path.join(dir, 'data'), CRAWLERS_DIR: path.join(dir, 'crawlers'), LOG_LEVEL: process.env.CHILD_LOG ?? 'silent', SCHEDULER: 'true', CRAWLER_RELOAD_SECONDS: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  if (process.env.CHILD_LOG) child.stderr!.pipe(process.stderr);
  return child;
}

function count(sql: string): number {
  const db = new Database(path.join(dir, 'data', 'civic-radar.sqlite'), { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).pluck().get() as number;
  } finally {
    db.close();
  }
}

async function waitFor(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    try {
      if (check()) return;
    } catch {
      // database not created yet
    }
    await new Promise((r) => setTimeout(r, 15));
  }
  throw new Error(`timed out waiting for ${what}`);
}

async function killAt(stored: number): Promise<number> {
  const child = startService();
  await waitFor(() => count('SELECT count(*) FROM posts') >= stored, 120_000, `${stored} posts`);
  child.kill('SIGKILL');
  await new Promise((r) => child.once('exit', r));
  return count('SELECT count(*) FROM posts');
}

it('kill -9 mid-crawl, three times, then restart: no post lost or duplicated, the sweep resumes to the end', async () => {
  const afterKills: number[] = [];
  for (const at of [25, 110, 190]) {
    const before = afterKills.at(-1) ?? 0;
    const n = await killAt(at);
    expect(n).toBeGreaterThanOrEqual(before); // nothing stored was lost
    expect(n).toBeLessThan(TOTAL); // really killed mid-crawl
    afterKills.push(n);
  }
  expect(count("SELECT count(*) FROM crawl_runs WHERE status = 'running'")).toBeGreaterThan(0);

  const child = startService();
  // Without resuming the frontier, stop-at-seen would end every later sweep at page 1.
  await waitFor(() => count('SELECT count(*) FROM posts') === TOTAL && count('SELECT count(*) FROM crawl_frontier') === 0, 180_000, "all posts");
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));

  expect(count('SELECT count(*) FROM posts')).toBe(TOTAL);
  expect(count('SELECT count(DISTINCT platform_post_id) FROM posts')).toBe(TOTAL);
  expect(count("SELECT count(*) FROM crawl_runs WHERE status = 'interrupted'")).toBeGreaterThanOrEqual(3);
  expect(count("SELECT count(*) FROM crawl_runs WHERE trigger = 'resume'")).toBeGreaterThanOrEqual(1);
  expect(count('SELECT count(*) FROM posts WHERE processed_at IS NULL')).toBe(0); // the pipeline caught up
}, 600_000);
