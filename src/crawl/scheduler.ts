import path from 'node:path';
import cron, { type ScheduledTask } from 'node-cron';
import type { AppContext, Service } from '../context.js';
import { isDemoStore } from '../demo/demo-store.js';
import { PostPipeline } from '../pipeline/post-pipeline.js';
import { pipelineSteps } from '../pipeline/steps.js';
import { getCrawlHealth, saveCrawlHealth, type HealthState } from '../storage/crawl-health.js';
import { sleep } from './backoff.js';
import type { CrawlerDefinition } from './definition.js';
import { initialHealth, mayRun } from './health.js';
import { markAbandonedRuns } from './interrupted-runs.js';
import { directorySignature, loadDefinitions } from './loader.js';
import { runCrawl, type RunOptions } from './runner.js';
import { sweepThread } from './sweep-thread/client.js';

export interface SchedulerOptions {
  dir?: string;
  /** Demo platforms are skipped unless the demo asks for them. */
  includeDemo?: boolean;
  /** Multiplies every file's jitter (soak tests use 0). */
  jitterScale?: number;
}

interface Scheduled {
  def: CrawlerDefinition;
  task: ScheduledTask;
}

/**
 * Per-platform cron schedules (node-cron, noOverlap), jitter, health-aware
 * skipping while a platform backs off, and hot reload of crawlers/: a file that
 * turns invalid is reported and never replaces the good definition running.
 */
export class CrawlScheduler {
  private readonly scheduled = new Map<string, Scheduled>();
  private readonly running = new Map<string, Promise<unknown>>();
  private readonly abort = new AbortController();
  private reloadTimer: NodeJS.Timeout | undefined;
  private signature = '';
  private readonly dir: string;

  constructor(
    private readonly ctx: AppContext,
    private readonly options: SchedulerOptions = {},
  ) {
    this.dir = path.resolve(options.dir ?? ctx.config.crawlersDir);
  }

  get platforms(): string[] {
    return [...this.scheduled.keys()].sort();
  }

  async start(): Promise<void> {
    const interrupted = markAbandonedRuns(this.ctx);
    this.reload();
    const every = this.ctx.config.crawlerReloadSeconds;
    if (every > 0) {
      this.reloadTimer = setInterval(() => {
        if (directorySignature(this.dir) !== this.signature) this.reload();
      }, every * 1000);
      this.reloadTimer.unref();
    }
    const pending = this.ctx.db.prepare('SELECT DISTINCT platform FROM crawl_frontier').pluck().all() as string[];
    for (const name of new Set([...interrupted, ...pending])) {
      if (!this.scheduled.has(name)) continue;
      this.ctx.log.info({ platform: name }, 'resuming a sweep interrupted by the last shutdown');
      void this.trigger(name, 'resume', false);
    }
  }

  async stop(): Promise<void> {
    this.abort.abort();
    clearInterval(this.reloadTimer);
    for (const s of this.scheduled.values()) await s.task.destroy();
    this.scheduled.clear();
    await Promise.allSettled(this.running.values());
  }

  /** Re-reads the directory; safe to call at any time. */
  reload(): void {
    this.signature = directorySignature(this.dir);
    const { definitions, invalid } = loadDefinitions(this.dir);
    const seen = new Set<string>();
    for (const { platform, file, error } of invalid) {
      const current = [...this.scheduled.values()].find((s) => s.def.file === file || s.def.name === platform);
      if (current) {
        seen.add(current.def.name);
        this.ctx.log.error({ platform: current.def.name, file, err: error.message }, 'crawler file is invalid; still running its previous valid version: fix the file');
        this.setHealth(current.def.name, file, undefined, `file invalid, previous version still running: ${error.message}`);
      } else {
        this.ctx.log.error({ file, err: error.message }, 'crawler file is invalid; platform not scheduled: fix the file');
        this.setHealth(platform, file, 'invalid', error.message);
      }
    }
    for (const def of definitions) {
      if (def.demo && !this.options.includeDemo) {
        this.ctx.log.warn({ platform: def.name, file: def.file }, 'demo platform ignored by the scheduler (demo: true)');
        continue;
      }
      seen.add(def.name);
      const current = this.scheduled.get(def.name);
      if (!def.enabled) {
        if (current) void current.task.destroy();
        this.scheduled.delete(def.name);
        this.setHealth(def.name, def.file, 'disabled', null);
        continue;
      }
      if (current && JSON.stringify(current.def) === JSON.stringify(def)) continue;
      if (current) void current.task.destroy();
      const task = cron.schedule(def.schedule.cron, () => this.trigger(def.name, 'schedule', true), { name: `crawl:${def.name}`, noOverlap: true, logger: this.cronLogger(def.name) });
      this.scheduled.set(def.name, { def, task });
      const health = getCrawlHealth(this.ctx.db, def.name);
      if (!health || health.state === 'disabled' || health.state === 'invalid') this.setHealth(def.name, def.file, 'ok', null);
      this.ctx.log.info({ platform: def.name, cron: def.schedule.cron, next: task.getNextRun()?.toISOString() }, current ? 'crawler definition reloaded' : 'crawler scheduled');
    }
    for (const [name, s] of this.scheduled) {
      if (!seen.has(name)) {
        void s.task.destroy();
        this.scheduled.delete(name);
        this.ctx.log.info({ platform: name }, 'crawler file removed; platform unscheduled');
      }
    }
  }

  /** A scheduled (or resumed) run: skipped while the platform backs off or is still running. */
  async trigger(name: string, trigger: RunOptions['trigger'], jitter: boolean): Promise<void> {
    const entry = this.scheduled.get(name);
    if (!entry || this.abort.signal.aborted) return;
    if (this.running.has(name)) return;
    const health = getCrawlHealth(this.ctx.db, name);
    if (!mayRun(health, new Date())) {
      this.ctx.log.info({ platform: name, state: health?.state, nextAttempt: health?.next_attempt_at }, 'scheduled run skipped: platform is backing off');
      return;
    }
    const run = (async () => {
      if (jitter) await sleep(Math.random() * entry.def.schedule.jitterSeconds * 1000 * (this.options.jitterScale ?? 1), this.abort.signal);
      if (this.abort.signal.aborted) return;
      await runCrawl(this.ctx, entry.def, { trigger, signal: this.abort.signal });
    })()
      .catch((err: unknown) => this.ctx.log.error({ platform: name, err }, 'crawl run crashed; the scheduler keeps running'))
      .finally(() => this.running.delete(name));
    this.running.set(name, run);
    await run;
  }

  /** node-cron's notices (a tick skipped because the run is still going) as structured debug lines. */
  private cronLogger(platform: string) {
    const log = this.ctx.log.child({ platform, component: 'node-cron' });
    return {
      info: (m: string) => log.debug(m),
      warn: (m: string) => log.debug(m),
      error: (m: string | Error, err?: Error) => log.error({ err: err ?? m }, 'cron error'),
      debug: (m: string | Error) => log.debug(String(m)),
    };
  }

  private setHealth(name: string, file: string | null, state: HealthState | undefined, error: string | null): void {
    const previous = getCrawlHealth(this.ctx.db, name) ?? initialHealth(name, file);
    saveCrawlHealth(this.ctx.db, { ...previous, state: state ?? previous.state, definition_file: file ?? previous.definition_file, last_error: error ?? (state === 'ok' ? previous.last_error : null) });
  }
}

/** The service `npm start` runs: drains the pipeline once, then schedules every platform (unless SCHEDULER=false). */
export function createCrawlSchedulerService(ctx: AppContext): Service {
  let scheduler: CrawlScheduler | undefined;
  return {
    name: 'crawl-scheduler',
    async start() {
      try {
        const drained = new PostPipeline(ctx.db, pipelineSteps(ctx), ctx.log).drain();
        if (drained > 0) ctx.log.info({ posts: drained }, 'pipeline caught up with posts stored before the last shutdown');
      } catch (err) {
        ctx.log.error({ err }, 'pipeline step failed at start; crawling goes on and the posts are processed at the next drain: fix the step (e.g. its rule files)');
      }
      if (!ctx.config.scheduler) {
        ctx.log.info('crawl scheduler disabled (SCHEDULER=false); run crawls with `civic-radar crawl PLATFORM`');
        return;
      }
      if (isDemoStore(ctx.config.dataDir)) {
        ctx.log.info({ dataDir: ctx.config.dataDir }, 'crawl scheduler off: this data folder is a demo store (civic-radar demo); real crawlers would mix real posts into it');
        return;
      }
      scheduler = new CrawlScheduler(ctx);
      await scheduler.start();
      ctx.log.info({ platforms: scheduler.platforms }, 'crawl scheduler started');
    },
    async stop() {
      await scheduler?.stop();
      await sweepThread.stop();
    },
  };
}
