import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { platformStatus } from '../../src/crawl/platform-status.js';
import { CrawlScheduler, createCrawlSchedulerService } from '../../src/crawl/scheduler.js';
import { getCrawlHealth, saveCrawlHealth } from '../../src/storage/crawl-health.js';
import { storePosts } from '../../src/storage/posts.js';
import { makePosts } from '../../src/demo/site-post.js';
import { weiboRoutes } from '../../src/demo/platform-routes.js';
import { startSite, type RunningSite } from '../../src/demo/site-server.js';
import { tempContext } from '../helpers/temp-context.js';

let site: RunningSite;
beforeAll(async () => {
  site = await startSite(weiboRoutes(makePosts(30, new Date()), { delayMs: 400 }));
});
afterAll(() => site.close());

const crawler = (extra = '') => `engine: cheerio
privateNetwork: { allow: true, reason: "the test's imitation site runs on 127.0.0.1" }
startUrls: ["BASE/api/container/getIndex?containerid=1&page={page}"]
pagination: { type: page, maxPages: 3 }
extract:
  type: json
  items:
    - data.cards[].mblog
    - data.cards[].card_group[].mblog
  fields: { id: id, text: text }
schedule: { cron: "* * * * * *", jitterSeconds: 0 }
limits: { maxRequestsPerMinute: 100000 }
${extra}`;

const waitUntil = async (check: () => boolean, ms = 45_000) => { // generous: a loaded CI machine slows the site and the runner
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
};

describe('crawl scheduler', () => {
  it('schedules good files, reports bad/disabled ones, ignores demo files, never overlaps a platform, keeps a good definition when its file turns bad', async () => {
    const ctx = tempContext({ crawlerReloadSeconds: 0 });
    const dir = path.join(ctx.dir, 'crawlers');
    mkdirSync(dir);
    const write = (name: string, text: string) => writeFileSync(path.join(dir, name), text.replace('BASE', site.baseUrl));
    write('good.yaml', crawler());
    write('broken.yaml', 'engine: cheerio\nstartUrls: []\n');
    write('off.yaml', crawler('enabled: false\n'));
    write('demo-only.yaml', crawler('demo: true\n'));
    const scheduler = new CrawlScheduler(ctx, { dir });
    try {
      await scheduler.start();
      expect(scheduler.platforms).toEqual(['good']);
      expect(getCrawlHealth(ctx.db, 'broken')).toMatchObject({ state: 'invalid' });
      expect(getCrawlHealth(ctx.db, 'broken')!.last_error).toMatch(/broken\.yaml: field "startUrls"/);
      expect(getCrawlHealth(ctx.db, 'off')).toMatchObject({ state: 'disabled' });
      expect(getCrawlHealth(ctx.db, 'demo-only')).toBeUndefined();

      const runs = () => ctx.db.prepare("SELECT started_at, ended_at, status FROM crawl_runs WHERE platform = 'good' ORDER BY id").all() as { started_at: string; ended_at: string | null; status: string }[];
      await waitUntil(() => runs().filter((r) => r.status === 'ok').length >= 2);
      // a run takes > 1 s (slow site) while cron fires every second: runs never overlap
      const done = runs().filter((r) => r.ended_at);
      for (let i = 1; i < done.length; i++) expect(done[i]!.started_at >= done[i - 1]!.ended_at!).toBe(true);
      expect(getCrawlHealth(ctx.db, 'good')).toMatchObject({ state: 'ok', consecutive_failures: 0 });
      expect(ctx.db.prepare("SELECT count(*) FROM posts WHERE platform = 'good'").pluck().get()).toBe(30);

      write('good.yaml', 'engine: cheerio\nschedule: { cron: "not cron" }\n');
      scheduler.reload();
      expect(scheduler.platforms).toEqual(['good']);
      expect(getCrawlHealth(ctx.db, 'good')!.last_error).toMatch(/previous version still running/);
      // still listed, with its error per field, and the state of the version that runs
      const listed = platformStatus({ config: { ...ctx.config, crawlersDir: dir }, db: ctx.db }, 1).platforms.find((p) => p.platform === 'good')!;
      expect(listed).toMatchObject({ valid: false, state: 'ok', file: path.join(dir, 'good.yaml') });
      expect(listed.error!.issues.map((i) => i.field)).toEqual(['startUrls', 'extract', 'schedule.cron']);
      expect(listed.error!.issues[2]!.message).toBe('not a valid cron expression (5 or 6 fields, e.g. "*/10 * * * *"); received "not cron"');
      const before = runs().length;
      await waitUntil(() => runs().length > before + 1);
      expect(runs().at(-1)!.status).not.toBe('failed');

      write('good.yaml', crawler('enabled: false\n'));
      scheduler.reload();
      expect(scheduler.platforms).toEqual([]);
      expect(getCrawlHealth(ctx.db, 'good')!.state).toBe('disabled');
    } finally {
      await scheduler.stop();
      ctx.cleanup();
    }
  }, 60_000);

  it('a platform that is backing off is skipped until its next attempt', async () => {
    const ctx = tempContext({ crawlerReloadSeconds: 0 });
    const dir = path.join(ctx.dir, 'crawlers');
    mkdirSync(dir);
    writeFileSync(path.join(dir, 'paused.yaml'), crawler().replace('BASE', site.baseUrl).replace('* * * * * *', '0 0 1 1 *'));
    const scheduler = new CrawlScheduler(ctx, { dir });
    try {
      await scheduler.start();
      const h = getCrawlHealth(ctx.db, 'paused')!;
      saveCrawlHealth(ctx.db, { ...h, state: 'backing_off', consecutive_failures: 3, next_attempt_at: new Date(Date.now() + 3600_000).toISOString() });
      await scheduler.trigger('paused', 'schedule', false);
      expect(ctx.db.prepare('SELECT count(*) FROM crawl_runs').pluck().get()).toBe(0);
      saveCrawlHealth(ctx.db, { ...h, state: 'backing_off', consecutive_failures: 3, next_attempt_at: new Date(Date.now() - 1000).toISOString() });
      await scheduler.trigger('paused', 'schedule', false);
      expect(ctx.db.prepare('SELECT status FROM crawl_runs').pluck().get()).toBe('ok');
    } finally {
      await scheduler.stop();
      ctx.cleanup();
    }
  }, 30_000);

  it('the service drains the pipeline at start and schedules nothing when SCHEDULER=false', async () => {
    const ctx = tempContext({ scheduler: false });
    try {
      storePosts(ctx.db, [{ platform: 'x', platformPostId: '1', text: 't', raw: '{}' }]);
      const service = createCrawlSchedulerService(ctx);
      await service.start();
      expect(ctx.db.prepare('SELECT count(*) FROM posts WHERE processed_at IS NULL').pluck().get()).toBe(0);
      expect(ctx.db.prepare('SELECT count(*) FROM crawl_health').pluck().get()).toBe(0);
      await service.stop();
    } finally {
      ctx.cleanup();
    }
  });
});
