/**
 * Crawl throughput, in one run, on a local site (separate process) with ≥ 2,000 listing pages:
 *   (1) bare Crawlee: a CheerioCrawler doing no work (in-memory storage), configured as our engine where it applies
 *       (concurrency 20 from the start, no session pool, no retries); it parses each page twice (Crawlee's dom + $),
 *       our engine once,
 *   (2) raw fetch: Node's fetch (undici) at concurrency 20, body read, no parsing; and the same + cheerio.load,
 *   (3) our full pipeline: fetch, extract, incremental check, store in SQLite, pipeline mark (no rules step),
 *   (3b) with --with-rules: the same with the registered pipeline steps (the rules engine's cost),
 * plus storePosts throughput (posts/s in batches of 500). Prints ratios against bare Crawlee.
 * Usage: npx tsx bench/crawl.ts [--pages 2000] [--rounds 3] [--with-rules] [--only pipeline] (--only: that line alone, for profiling:
 *   node --cpu-prof --import tsx bench/crawl.ts --only pipeline)
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CheerioCrawler } from '@crawlee/cheerio';
import * as cheerio from 'cheerio';
import { loadConfig, databaseFile } from '../src/config/load.js';
import type { AppContext } from '../src/context.js';
import { crawlerDefinitionSchema, type CrawlerDefinition } from '../src/crawl/definition.js';
import { runConfiguration } from '../src/crawl/engines/crawlee-common.js';
import { runCrawl } from '../src/crawl/runner.js';
import { createLogger } from '../src/log.js';
import { openDatabase } from '../src/storage/database.js';
import { storePosts, type NewPost } from '../src/storage/posts.js';

const pagesArg = process.argv.indexOf('--pages');
const PAGES = pagesArg > 0 ? Number(process.argv[pagesArg + 1]) : 2000;
const CHAINS = 20; // start URLs; each is paged PAGES / CHAINS deep
const DEPTH = Math.ceil(PAGES / CHAINS);
const CONCURRENCY = 20;
const roundsArg = process.argv.indexOf('--rounds');
const ROUNDS = roundsArg > 0 ? Number(process.argv[roundsArg + 1]) : 3;

const site = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'crawl-site.ts')], { stdio: ['ignore', 'pipe', 'inherit'] });
const [portLine] = (await once(site.stdout!, 'data')) as [Buffer];
const base = `http://127.0.0.1:${portLine.toString().trim()}`;
const urls = Array.from({ length: CHAINS }, (_, k) => Array.from({ length: DEPTH }, (_, p) => `${base}/list/${k}/${p + 1}.html`)).flat();
const dirs: string[] = [];

function tempCtx(): AppContext {
  const dir = mkdtempSync(path.join(tmpdir(), 'civic-radar-bench-'));
  dirs.push(dir);
  const config = loadConfig({ env: {}, cwd: dir, overrides: { dataDir: dir, scheduler: false } });
  return { config, db: openDatabase(databaseFile(config)), log: createLogger('silent') };
}

async function timed(label: string, fn: () => Promise<number>): Promise<{ label: string; pages: number; seconds: number; rate: number }> {
  const t0 = performance.now();
  const pages = await fn();
  const seconds = (performance.now() - t0) / 1000;
  const r = { label, pages, seconds, rate: pages / seconds };
  process.stderr.write(`${label}: ${pages} pages in ${seconds.toFixed(2)} s = ${r.rate.toFixed(0)} pages/s\n`);
  return r;
}

async function bareCrawlee(list: string[] = urls): Promise<number> {
  let n = 0;
  // configured as our engine is where it applies: concurrency (from the start, not scaled up from 1), no session pool, no retries
  const crawler = new CheerioCrawler(
    { maxConcurrency: CONCURRENCY, autoscaledPoolOptions: { desiredConcurrency: CONCURRENCY }, maxRequestRetries: 0, useSessionPool: false, async requestHandler() { n++; } },
    runConfiguration(),
  );
  await crawler.run(list.map((url) => ({ url, uniqueKey: `${url}#bare` })));
  return n;
}

async function rawFetch(parse: boolean): Promise<number> {
  let next = 0;
  let n = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < urls.length) {
        const url = urls[next++]!;
        const body = await (await fetch(url)).text();
        if (parse) cheerio.load(body)('.post').length;
        n++;
      }
    }),
  );
  return n;
}

function definition(name: string, depth = DEPTH): CrawlerDefinition {
  const parsed = crawlerDefinitionSchema.parse({
    engine: 'cheerio',
    privateNetwork: { allow: true, reason: "the bench's imitation site runs on 127.0.0.1" },
    // the same URL set bare Crawlee gets, all known up front (paging chains would measure the site's depth, not our work)
    keywords: { k: Array.from({ length: CHAINS }, (_, k) => String(k)), p: Array.from({ length: depth }, (_, p) => String(p + 1)) },
    startUrls: [`${base}/list/{k}/{p}.html`],
    extract: {
      type: 'html',
      items: '.post',
      fields: { id: { selector: '', attr: 'data-id' }, title: '.title', text: '.content', author: '.author', publishedAt: { selector: 'time', attr: 'datetime' }, likes: '.likes' },
    },
    cutoff: { maxAgeHours: 24 * 365 },
    schedule: { cron: '0 * * * *' },
    limits: { maxRequestsPerMinute: 100_000, maxConcurrency: CONCURRENCY, maxRetries: 0 },
  });
  return { ...parsed, name, file: 'bench' };
}

async function pipeline(withSteps: boolean, depth = DEPTH): Promise<number> {
  const ctx = tempCtx();
  const r = await runCrawl(ctx, definition('bench', depth), { trigger: 'bench', ...(withSteps ? {} : { steps: [] }) });
  const stored = ctx.db.prepare('SELECT count(*) FROM posts').pluck().get() as number;
  if (r.status !== 'ok' || stored !== r.totals.pages * 10) throw new Error(`pipeline run ${r.status}: ${stored} posts from ${r.totals.pages} pages; ${r.errors[0] ?? ''}`);
  ctx.db.close();
  return r.totals.pages;
}

function storeBench(): { posts: number; seconds: number; rate: number } {
  const ctx = tempCtx();
  const N = 50_000;
  const posts: NewPost[] = Array.from({ length: N }, (_, i) => ({
    platform: 'bench', platformPostId: String(i), text: `深圳宝安区西乡街道固戍地铁站附近的井盖松动 ${i}`, author: `a${i % 100}`,
    publishedAt: new Date().toISOString(), likes: i, url: `https://example.org/${i}`, raw: JSON.stringify({ id: i, text: 'x'.repeat(300) }),
  }));
  const t0 = performance.now();
  for (let i = 0; i < N; i += 500) storePosts(ctx.db, posts.slice(i, i + 500));
  const seconds = (performance.now() - t0) / 1000;
  ctx.db.close();
  return { posts: N, seconds, rate: N / seconds };
}

const onlyArg = process.argv.indexOf('--only');
const only = onlyArg > 0 ? process.argv[onlyArg + 1] : undefined;

try {
  process.stderr.write(`site ${base}: ${urls.length} listing pages (${CHAINS} × ${DEPTH}), concurrency ${CONCURRENCY}\n`);
  await rawFetch(false); // warm up the site and the connection pool
  // and each crawler's code (JIT; our sweep thread's start), so the line measured first is not the cold one
  await bareCrawlee(urls.filter((_, i) => i % DEPTH < 15));
  await pipeline(false, 15);
  if (only) {
    const lines: Record<string, () => Promise<number>> = { bare: () => bareCrawlee(), raw: () => rawFetch(false), pipeline: () => pipeline(false), rules: () => pipeline(true) };
    if (!lines[only]) throw new Error(`--only takes one of ${Object.keys(lines).join(', ')}; received ${only}`);
    await timed(only, lines[only]);
  } else await all();
} finally {
  site.kill();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
}

type Line = { label: string; rate: number; rates: number[] };

/**
 * The lines run in rounds, in a different order each round (the machine is shared: a
 * neighbour's burst should not land on one line only); each line reports its median.
 */
async function all(): Promise<void> {
  const lines: { label: string; run: () => Promise<number> }[] = [
    { label: '(1) bare CheerioCrawler', run: () => bareCrawlee() },
    { label: '(2) raw fetch, concurrency 20', run: () => rawFetch(false) },
    { label: '(2b) raw fetch + cheerio.load', run: () => rawFetch(true) },
    { label: '(3) full pipeline (fetch, extract, store)', run: () => pipeline(false) },
    ...(process.argv.includes('--with-rules') ? [{ label: '(3b) full pipeline + rules engine step', run: () => pipeline(true) }] : []),
  ];
  const rates = new Map<string, number[]>(lines.map((l) => [l.label, []]));
  for (let round = 0; round < ROUNDS; round++) {
    const order = round % 2 === 0 ? lines : [...lines].reverse();
    for (const l of order) rates.get(l.label)!.push((await timed(`round ${round + 1} ${l.label}`, l.run)).rate);
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const results: Line[] = lines.map((l) => ({ label: l.label, rates: rates.get(l.label)!, rate: median(rates.get(l.label)!) }));
  const [bare, , , ours] = results as [Line, Line, Line, Line];
  const store = storeBench();
  const ratio = (x: { rate: number }) => (x.rate / bare.rate).toFixed(2);
  process.stdout.write(
    [
      '',
      `| measure (median of ${ROUNDS} rounds) | pages/s | × bare Crawlee | rounds |`,
      `|---|---:|---:|---|`,
      ...results.map((x) => `| ${x.label} | ${x.rate.toFixed(0)} | ${ratio(x)} | ${x.rates.map((r) => r.toFixed(0)).join(', ')} |`),
      '',
      `storePosts: ${store.posts} posts in ${store.seconds.toFixed(2)} s = ${store.rate.toFixed(0)} posts/s (batches of 500, WAL)`,
      `goal: pipeline ≥ 1.0× bare Crawlee → ${ratio(ours)}×; storing ≥ 10,000 posts/s → ${store.rate >= 10_000 ? 'met' : 'NOT met'}`,
      '',
    ].join('\n'),
  );
}
