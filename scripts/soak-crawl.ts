/**
 * Soak test for crawling: the real scheduler on fast schedules (every few seconds) against the
 * local imitation sites (new posts keep appearing; one host always fails), for a while, sampling
 * memory (RSS, heap), open handles and storage size over time. Flat lines after warm-up = no leak.
 * Usage: npx tsx scripts/soak-crawl.ts [--minutes 60] [--sample-seconds 30]
 */
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { databaseFile, loadConfig } from '../src/config/load.js';
import type { AppContext } from '../src/context.js';
import { CrawlScheduler } from '../src/crawl/scheduler.js';
import { sweepThread } from '../src/crawl/sweep-thread/client.js';
import { createLogger } from '../src/log.js';
import { crawlTableSizes } from '../src/storage/crawl-summary.js';
import { openDatabase } from '../src/storage/database.js';
import { makePosts, type SitePost } from '../src/demo/site-post.js';
import { flakyRoutes } from '../test/sites/flaky-site.js';
import { discuzRoutes, feedRoutes, robotsRoute, weiboRoutes } from '../src/demo/platform-routes.js';
import { startSite } from '../src/demo/site-server.js';
import v8 from 'node:v8';
import vm from 'node:vm';

v8.setFlagsFromString('--expose-gc');
const collectGarbage = vm.runInNewContext('gc') as () => void;

const arg = (name: string, def: number) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : def;
};
const minutes = arg('--minutes', 60);
const sampleSeconds = arg('--sample-seconds', minutes <= 5 ? 10 : 30);

// Posts the sites serve; new ones are added at the top every second, the oldest dropped (site memory stays flat).
const posts: SitePost[] = makePosts(200, new Date(), { spacingMinutes: 1 });
let next = 1;
setInterval(() => {
  const fresh = makePosts(3, new Date(), { prefix: String(next++), spacingMinutes: 0, startMinutesAgo: 0 });
  posts.unshift(...fresh);
  posts.length = 200;
}, 1000).unref();

const site = await startSite({ ...weiboRoutes(posts), ...discuzRoutes(posts), ...feedRoutes(posts.slice(0, 30)), ...flakyRoutes(posts.slice(0, 5)), ...robotsRoute() });
setInterval(() => (site.hits.length = 0), 10_000).unref();

const dir = mkdtempSync(path.join(tmpdir(), 'civic-radar-soak-'));
const crawlers = path.join(dir, 'crawlers');
mkdirSync(crawlers);
const file = (name: string, body: string) => writeFileSync(path.join(crawlers, `${name}.yaml`), body);
const common = `privateNetwork: { allow: true, reason: "the soak's imitation site runs on 127.0.0.1" }
limits: { maxRequestsPerMinute: 100000, maxConcurrency: 2, maxRetries: 1, maxBackoffSeconds: 1, timeoutSeconds: 5 }\n`;
file('soak-weibo', `engine: cheerio
startUrls: ["${site.baseUrl}/api/container/getIndex?containerid=1&page={page}"]
pagination: { type: page, maxPages: 5 }
extract:
  type: json
  items:
    - data.cards[].mblog
    - data.cards[].card_group[].mblog
  fields: { id: id, text: text, author: user.screen_name, publishedAt: created_at, ipLocation: region_name, likes: attitudes_count }
schedule: { cron: "*/5 * * * * *", jitterSeconds: 0 }
${common}`);
file('soak-forum', `engine: cheerio
startUrls: ["${site.baseUrl}/forum-2-1.html"]
pagination: { type: next-link, selector: ".pg a.nxt", maxPages: 3 }
extract:
  type: html
  items: "tbody[id^=normalthread_]"
  fields: { id: { selector: "", attr: id, regex: "normalthread_(\\\\d+)" }, text: a.xst, url: { selector: a.xst, attr: href }, publishedAt: { selector: "td.by em span", attr: title } }
detail: { url: "{url}", fields: { text: { selector: "#postlist td[id^=postmessage_]", exclude: [.pstatus] }, ipLocation: { selector: "#postlist .ip", html: false } } }
schedule: { cron: "*/7 * * * * *", jitterSeconds: 0 }
request: { encoding: gbk }
${common}`);
file('soak-feed', `engine: cheerio
startUrls: ["${site.baseUrl}/rsshub/weibo/keyword/shenzhen"]
extract: { type: feed }
schedule: { cron: "*/5 * * * * *", jitterSeconds: 0 }
${common}`);
file('soak-flaky', `engine: cheerio
startUrls: ["${site.baseUrl}/flaky/503-always"]
extract: { type: json, items: "data.cards[].mblog", fields: { id: id, text: text } }
schedule: { cron: "*/5 * * * * *", jitterSeconds: 0 }
${common}`);

const config = loadConfig({ env: {}, cwd: dir, overrides: { dataDir: path.join(dir, 'data'), crawlersDir: crawlers, scheduler: true, crawlerReloadSeconds: 0 } });
const ctx: AppContext = { config, db: openDatabase(databaseFile(config)), log: createLogger(process.env.LOG_LEVEL ?? 'error') };
const scheduler = new CrawlScheduler(ctx, { jitterScale: 0 });
await scheduler.start();

const dbFile = databaseFile(config);
const size = (f: string) => {
  try {
    return statSync(f).size;
  } catch {
    return 0;
  }
};
const mb = (n: number): string => (n / 1048576).toFixed(1);
const started = Date.now();
const samples: { min: number; rss: number; heap: number; threadHeap: number; handles: number; storage: number; posts: number; runs: number; frontier: number }[] = [];
process.stdout.write(`soak: ${minutes} min, sample every ${sampleSeconds} s, data in ${dir}\n`);
process.stdout.write(`${'min'.padStart(6)} ${'rss MB'.padStart(8)} ${'heap MB'.padStart(8)} ${'thread MB'.padStart(9)} ${'handles'.padStart(8)} ${'db+wal MB'.padStart(10)} ${'posts'.padStart(7)} ${'runs'.padStart(6)} ${'frontier'.padStart(8)}\n`);
const sample = async () => {
  collectGarbage(); // samples after a full GC: the sawtooth between collections is not growth
  const threadHeap = (await sweepThread.heapUsed()) ?? 0; // the sweep thread's isolate (it collects first too: gc is exposed process-wide)
  const m = process.memoryUsage();
  const t = crawlTableSizes(ctx.db);
  const s = { min: (Date.now() - started) / 60_000, rss: m.rss, heap: m.heapUsed, threadHeap, handles: process.getActiveResourcesInfo().length, storage: size(dbFile) + size(`${dbFile}-wal`), ...t };
  samples.push(s);
  process.stdout.write(`${s.min.toFixed(1).padStart(6)} ${mb(s.rss).padStart(8)} ${mb(s.heap).padStart(8)} ${mb(s.threadHeap).padStart(9)} ${String(s.handles).padStart(8)} ${mb(s.storage).padStart(10)} ${String(s.posts).padStart(7)} ${String(s.runs).padStart(6)} ${String(s.frontier).padStart(8)}\n`);
};
await sample();
const timer = setInterval(() => void sample(), sampleSeconds * 1000);
await new Promise((r) => setTimeout(r, minutes * 60_000));
clearInterval(timer);
await sample();
await scheduler.stop();

// Growth between the first sample after warm-up (a quarter of the run) and the last.
const warm = samples[Math.max(1, Math.floor(samples.length / 4))]!;
const last = samples.at(-1)!;
const health = ctx.db.prepare('SELECT platform, state, consecutive_failures FROM crawl_health ORDER BY platform').all();
process.stdout.write(
  `\nafter warm-up (${warm.min.toFixed(1)} → ${last.min.toFixed(1)} min): RSS ${mb(warm.rss)} → ${mb(last.rss)} MB, heap ${mb(warm.heap)} → ${mb(last.heap)} MB, sweep thread heap ${mb(warm.threadHeap)} → ${mb(last.threadHeap)} MB, handles ${warm.handles} → ${last.handles}; ` +
    `runs ${last.runs}, posts ${last.posts}, frontier left ${last.frontier}; db+wal ${mb(last.storage)} MB (grows with posts only)\nhealth: ${JSON.stringify(health)}\n`,
);
ctx.db.close();
await site.close();
rmSync(dir, { recursive: true, force: true });
process.exit(0);
