import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { markAbandonedRuns } from '../../src/crawl/interrupted-runs.js';
import { runCrawl } from '../../src/crawl/runner.js';
import { weiboRoutes } from '../../src/demo/platform-routes.js';
import { makePosts } from '../../src/demo/site-post.js';
import { send, startSite, type RunningSite } from '../../src/demo/site-server.js';
import { recentCrawlRuns, startCrawlRun } from '../../src/storage/crawl-runs.js';
import { runCli } from '../helpers/cli-process.js';
import { tempContext, type TempContext } from '../helpers/temp-context.js';
import { LOCAL_SITE, postsOf, shippedDefinition } from './helpers.js';

const now = new Date();
let fresh: RunningSite;
let old: RunningSite;
let ctx: TempContext;

beforeAll(async () => {
  fresh = await startSite({ ...weiboRoutes(makePosts(25, now)), '/statuses/extend': (_req, res) => send(res, 404, 'text/html', 'gone') });
  old = await startSite(weiboRoutes(makePosts(25, now, { startMinutesAgo: 6 * 24 * 60 })));
  ctx = tempContext();
});
afterAll(async () => {
  await fresh.close();
  await old.close();
  ctx.cleanup();
});

const weibo = (base: string, patch: Parameters<typeof shippedDefinition>[2] = {}) =>
  shippedDefinition('weibo-search.yaml', { WEIBO_BASE: base }, { keywords: { city: ['深圳'], problem: ['井盖'] }, ...patch });

describe('a host that is down fails in seconds, whatever the robots setting, and says so', () => {
  it.each([
    ['robots respected', { respect: true } as const],
    ['robots off (the RSSHub case: ~146 s per URL before)', { respect: false, reason: 'our own service, no robots.txt' } as const],
  ])('%s: connection refused on every start URL', async (_name, robots) => {
    const started = Date.now();
    const r = await runCrawl(ctx, weibo('http://127.0.0.1:9', { robots, keywords: { city: ['深圳', '宝安'], problem: ['井盖', '积水'] }, limits: { maxRetries: 3, maxBackoffSeconds: 60 } as never }), { steps: [] });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(r.status).toBe('failed');
    expect(r.errors).toHaveLength(4);
    expect(r.errors[0]).toMatch(/host unreachable: connection refused .*ECONNREFUSED 127\.0\.0\.1:9/);
    expect(recentCrawlRuns(ctx.db, 'weibo-search')[0]!.error_summary).toMatch(/connection refused/);
  });

  it('a host that goes down mid-run: its remaining requests fail at once (not ten session rotations each)', async () => {
    let site: RunningSite | null = null;
    const posts = makePosts(30, now);
    const routes = weiboRoutes(posts);
    site = await startSite({
      '/api/container/getIndex': async (req, res, url) => {
        await routes['/api/container/getIndex']!(req, res, url);
        void site!.close(); // the first page is the last this host serves
      },
    });
    const started = Date.now();
    const r = await runCrawl(ctx, weibo(site.baseUrl, { name: 'goes-down', detail: undefined, robots: { respect: false, reason: 'the test site has no robots.txt' }, limits: { maxRetries: 3, maxBackoffSeconds: 60 } as never }), { steps: [] });
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(r.status).toBe('partial');
    expect(postsOf(ctx.db, 'goes-down')).toHaveLength(10);
    expect(r.errors.join('\n')).toMatch(/connection refused/);
  });
});

describe('crawler targets on private addresses', () => {
  it('refused unless the file says why: nothing is fetched and the error says how to allow it', async () => {
    const r = await runCrawl(ctx, weibo(fresh.baseUrl, { name: 'no-reason', privateNetwork: { allow: false } }), { steps: [] });
    const hits = fresh.hits.length;
    expect(r.status).toBe('failed');
    expect(r.errors[0]).toMatch(/127\.0\.0\.1:\d+ is on a loopback, private, link-local or cloud-metadata address \(127\.0\.0\.1\).*privateNetwork: \{ allow: true, reason/);
    expect(fresh.hits.length).toBe(hits);
    const allowed = await runCrawl(ctx, weibo(fresh.baseUrl, { name: 'with-reason', privateNetwork: LOCAL_SITE, detail: undefined }), { steps: [] });
    expect(allowed.status).toBe('ok');
  });
});

describe('warnings in dry runs and runs', () => {
  it('25 items all older than the cut-off: "0 posts" comes with the cut-off, the newest item and how to widen it', async () => {
    const r = await runCrawl(ctx, weibo(old.baseUrl), { dryRun: true });
    expect(r.preview).toHaveLength(0);
    expect(r.warnings).toEqual([expect.objectContaining({ kind: 'past-cutoff', field: 'cutoff.maxAgeHours' })]);
    expect(r.warnings[0]!.message).toMatch(/^10 item\(s\) found, all older than the cut-off of 48 h \(cutoff\.maxAgeHours\); the newest is from .*, 144 h ago\. .*cutoff: \{ maxAgeHours: 168 \}$/);
    const widened = await runCrawl(ctx, weibo(old.baseUrl, { cutoff: { maxAgeHours: 168 } }), { dryRun: true });
    expect(widened.preview).toHaveLength(10);
    expect(widened.warnings).toEqual([]);
  });

  it('fields that match nothing and failing detail pages are warned about in a run, and kept with the run', async () => {
    const def = weibo(fresh.baseUrl, {
      name: 'sloppy',
      pagination: { type: 'page', start: 1, maxPages: 1 },
      extract: { type: 'json', items: ['data.cards[].mblog', 'data.cards[].card_group[].mblog'], fields: { id: 'id', text: 'text', author: 'user.name', views: 'reads_count', publishedAt: 'created_at' } as never },
    });
    const r = await runCrawl(ctx, def, { steps: [] });
    expect(r.warnings.map((w) => w.field)).toEqual(['extract.fields.author', 'extract.fields.views', 'detail.url']);
    expect(r.warnings[0]!.message).toBe('field author (extract.fields.author) matched nothing on any of the 9 post(s): check its selector or path against the page');
    expect(r.warnings[2]!.message).toMatch(/^1 of 1 detail page\(s\) failed \(first: HTTP 404 from .*\/statuses\/extend/);
    const run = recentCrawlRuns(ctx.db, 'sloppy')[0]!;
    expect(JSON.parse(run.warnings!)).toEqual(r.warnings);
  });
});

describe('run state', () => {
  it('a run of a process that is gone is marked interrupted at the next start; a live one is left running', async () => {
    const dead = await new Promise<number>((resolve) => {
      const child = spawn(process.execPath, ['-e', '0']);
      child.on('exit', () => resolve(child.pid!));
    });
    const gone = startCrawlRun(ctx.db, 'gone', 'cli', new Date().toISOString(), dead);
    const live = startCrawlRun(ctx.db, 'live', 'cli');
    const silent = startCrawlRun(ctx.db, 'silent', 'cli', new Date(Date.now() - 10 * 60_000).toISOString()); // no heartbeat for 10 minutes
    expect(markAbandonedRuns(ctx).sort()).toEqual(['gone', 'silent']);
    const status = (id: number) => ctx.db.prepare('SELECT status FROM crawl_runs WHERE id = ?').pluck().get(id);
    expect([status(gone), status(live), status(silent)]).toEqual(['interrupted', 'running', 'interrupted']);
  });

  it('a CLI crawl killed mid-way shows its progress while it runs and is marked interrupted by the next command', async () => {
    const slow = await startSite(weiboRoutes(makePosts(300, now, { spacingMinutes: 1 }), { delayMs: 150 }));
    const dir = path.join(ctx.dir, 'cli-kill');
    mkdirSync(path.join(dir, 'crawlers'), { recursive: true });
    writeFileSync(path.join(dir, 'crawlers', 'slow.yaml'), `engine: cheerio
privateNetwork: { allow: true, reason: "the test's imitation site runs on 127.0.0.1" }
startUrls: ["${slow.baseUrl}/api/container/getIndex?containerid=1&page={page}"]
pagination: { type: page, maxPages: 30 }
stopAtSeen: false
extract: { type: json, items: "data.cards[].mblog", fields: { id: id, text: text } }
schedule: { cron: "0 * * * *" }
limits: { maxRequestsPerMinute: 100000, maxConcurrency: 1 }
`);
    const env = { ...process.env, DATA_DIR: path.join(dir, 'data'), CRAWLERS_DIR: path.join(dir, 'crawlers'), LOG_LEVEL: 'silent' };
    const child = spawn(process.execPath, ['--import', 'tsx', path.resolve('src/cli/index.ts'), 'crawl', 'slow'], { env, stdio: 'ignore' });
    try {
      const { default: Database } = await import('better-sqlite3');
      const row = () => {
        try {
          const db = new Database(path.join(dir, 'data', 'civic-radar.sqlite'), { readonly: true, fileMustExist: true });
          try {
            return db.prepare("SELECT status, pages, pid FROM crawl_runs WHERE platform = 'slow'").get() as { status: string; pages: number; pid: number } | undefined;
          } finally {
            db.close();
          }
        } catch {
          return undefined;
        }
      };
      const until = Date.now() + 60_000;
      while (!((row()?.pages ?? 0) >= 2) && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
      expect(row()).toMatchObject({ status: 'running', pid: child.pid }); // progress visible while it runs
      child.kill('SIGKILL');
      await new Promise((r) => child.on('exit', r));
      expect(row()!.status).toBe('running'); // nobody has looked yet
      const list = await runCli(['platforms', '--json'], '', { DATA_DIR: env.DATA_DIR, CRAWLERS_DIR: env.CRAWLERS_DIR });
      expect(list.code, list.stderr).toBe(0);
      expect(row()!.status).toBe('interrupted');
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      await slow.close();
    }
  }, 120_000);
});
