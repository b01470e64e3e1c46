import type { AppContext } from '../context.js';
import { PostPipeline, type PostStep } from '../pipeline/post-pipeline.js';
import { getCrawlHealth, saveCrawlHealth } from '../storage/crawl-health.js';
import { finishCrawlRun, heartbeatCrawlRun, startCrawlRun, updateCrawlRun, type CrawlRunStatus } from '../storage/crawl-runs.js';
import type { NewPost } from '../storage/posts.js';
import { BLOCK_LABEL } from './accounts/block-detect.js';
import type { CrawlerDefinition } from './definition.js';
import type { CrawlEngine } from './engines/crawlee-common.js';
import { healthAfterRun, initialHealth, runBlock } from './health.js';
import type { CrawlWarning } from './run-warnings.js';
import type { SweepPort } from './sweep-port.js';
import { RemoteSweep } from './sweep-thread/remote-sweep.js';
import type { SweepTotals } from './sweep.js';

export interface RunOptions {
  trigger?: 'schedule' | 'cli' | 'resume' | 'demo' | 'soak' | 'bench' | 'admin';
  dryRun?: boolean;
  maxPages?: number;
  signal?: AbortSignal;
  onProgress?: (totals: SweepTotals) => void;
  /** Pipeline steps after each stored batch (default: the registered ones, src/pipeline/steps.ts). */
  steps?: PostStep[];
}

export interface RunResult {
  runId: number | null;
  status: CrawlRunStatus;
  totals: SweepTotals;
  errors: string[];
  /** Not errors, but worth a look: everything past the cut-off, fields empty on most posts, detail pages failing. */
  warnings: CrawlWarning[];
  /** Dry run only: the posts the first page yields. */
  preview: NewPost[];
  durationMs: number;
}

type EngineFactory = (ctx: AppContext, sweep: SweepPort) => CrawlEngine;

/** Engine registry: one line per engine, loaded on first use (Crawlee and Playwright take seconds to import). */
const ENGINES: Record<CrawlerDefinition['engine'], () => Promise<EngineFactory>> = {
  cheerio: async () => (await import('./engines/cheerio-engine.js')).cheerioEngine,
  playwright: async () => (await import('./engines/playwright-engine.js')).playwrightEngine,
};

const running = new Set<string>();

/** A run of this platform is going on in this process (a second one would be refused). */
export const isCrawling = (platform: string): boolean => running.has(platform);
const HEARTBEAT_MS = 20_000;

/**
 * Drains the pipeline after stored batches. A step that cannot be built or fails (a broken
 * rule file) never stops crawling: posts stay stored and unprocessed, and the next drain
 * (next batch, next run, service start) processes them.
 */
function pipelineDrainer(ctx: AppContext, steps: () => PostStep[], log: AppContext['log']): () => void {
  let pipeline: PostPipeline | null = null;
  return () => {
    try {
      pipeline ??= new PostPipeline(ctx.db, steps(), log);
      pipeline.drain();
    } catch (err) {
      log.error({ err }, 'pipeline step failed; the posts stay stored and unprocessed and are retried at the next drain: fix the step (e.g. its rule files)');
    }
  };
}

/**
 * One run of one platform: run history, the sweep through its engine, the
 * pipeline after each stored batch, and the platform's health at the end.
 * Never throws for a platform's failure: the result (and health) say what went wrong.
 */
export async function runCrawl(ctx: AppContext, def: CrawlerDefinition, options: RunOptions = {}): Promise<RunResult> {
  const dryRun = options.dryRun ?? false;
  // the registered steps (the rules engine) are imported only for a run that stores posts; before
  // the check below, so that no await separates checking `running` from adding to it
  const registered = options.steps || dryRun ? null : (await import('../pipeline/steps.js')).pipelineSteps;
  const started = Date.now();
  if (!dryRun && running.has(def.name)) {
    throw new Error(`platform ${def.name} is already being crawled in this process; wait for that run to end`);
  }
  const log = ctx.log.child({ platform: def.name });
  const drain = pipelineDrainer(ctx, () => options.steps ?? registered?.(ctx) ?? [], log);
  const runId = dryRun ? `dry${started}` : startCrawlRun(ctx.db, def.name, options.trigger ?? 'cli');
  let lastProgress = 0;
  const sweep: RemoteSweep = new RemoteSweep(ctx, def, runId, {
    dryRun,
    maxPages: options.maxPages,
    afterStore: drain,
    onProgress: (totals) => {
      options.onProgress?.(totals);
      if (!dryRun && Date.now() - lastProgress > 1000) {
        lastProgress = Date.now();
        updateCrawlRun(ctx.db, runId as number, { ...totals, errorSummary: sweep.errorMessages.join('\n') || null });
      }
    },
  });
  // the run row shows a live process: a killed one is marked interrupted at the next start (interrupted-runs.ts)
  const heartbeat = dryRun ? undefined : setInterval(() => heartbeatCrawlRun(ctx.db, runId as number), HEARTBEAT_MS);
  heartbeat?.unref();
  if (!dryRun) running.add(def.name);
  log.info({ runId, trigger: options.trigger ?? 'cli', dryRun }, 'crawl run started');
  try {
    await sweep.open();
    const seeds = await sweep.seeds();
    if (seeds.length > 0) {
      const engine = await ENGINES[def.engine]();
      await engine(ctx, sweep).run(seeds, options.signal);
    }
  } catch (err) {
    // An engine that cannot start (browser missing, bad proxy) fails this platform only.
    await sweep.handleFailure({ requestKey: '-', url: def.startUrls[0]!, kind: 'listing', data: {} }, err);
  } finally {
    await sweep.close();
    clearInterval(heartbeat);
    if (!dryRun) running.delete(def.name);
  }

  const t = sweep.totals;
  const block = runBlock(sweep.blocks, t.items);
  let status: CrawlRunStatus;
  // a wall leads the error: the first page that met it says which and where
  let error: string | null = (block && block !== 'empty' ? sweep.errorMessages.find((m) => m.includes(BLOCK_LABEL[block])) : undefined) ?? sweep.errorMessages[0] ?? null;
  if (options.signal?.aborted) status = 'interrupted';
  else if (sweep.retryAfterUntil) {
    status = 'failed';
    error = `the platform asked to wait until ${sweep.retryAfterUntil} (Retry-After); backing off. ${error ?? ''}`.trim();
  } else if (t.pages === 0) {
    status = 'failed';
    error ??= t.skippedByRobots > 0 ? 'every start URL is disallowed by robots.txt' : 'no page could be fetched';
  } else if (t.items === 0 && def.extract.type !== 'feed') {
    status = 'failed';
    error = `no posts extracted from ${t.pages} page(s): the page no longer matches extract.items/fields (or the site returned an error page). ${error ?? ''}`.trim();
  } else status = t.errors > 0 ? 'partial' : 'ok';

  const result: RunResult = { runId: dryRun ? null : (runId as number), status, totals: { ...t }, errors: sweep.errorMessages, warnings: sweep.warnings, preview: sweep.preview, durationMs: Date.now() - started };
  if (!dryRun) {
    drain();
    finishCrawlRun(ctx.db, runId as number, status, { ...t, errorSummary: sweep.errorMessages.join('\n') || null, warnings: sweep.warnings });
    if (status !== 'interrupted') {
      const previous = getCrawlHealth(ctx.db, def.name) ?? initialHealth(def.name, def.file);
      saveCrawlHealth(ctx.db, healthAfterRun({ ...previous, definition_file: def.file }, { status, error, retryAfterUntil: sweep.retryAfterUntil, block }, new Date()));
    }
  }
  const line = { runId, status, ...t, durationMs: result.durationMs, error, warnings: sweep.warnings.map((w) => w.message) };
  if (status === 'failed') log.error(line, 'crawl run failed');
  else log.info(line, 'crawl run finished');
  return result;
}
