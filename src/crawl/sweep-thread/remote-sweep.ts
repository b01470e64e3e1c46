import type { AppContext } from '../../context.js';
import type { FrontierEntry } from '../../storage/crawl-frontier.js';
import type { NewPost } from '../../storage/posts.js';
import { NonRetryableError } from '../../errors.js';
import { retryDecision } from '../backoff.js';
import type { CrawlerDefinition } from '../definition.js';
import { classifyNetworkFailure, networkFailureMessage } from '../network-failure.js';
import type { SweepPort } from '../sweep-port.js';
import { noBlocks, type SweepTotals } from '../sweep.js';
import { BlockedPageError } from '../accounts/blocked-page.js';
import type { CrawlWarning } from '../run-warnings.js';
import { sweepThread } from './client.js';
import type { SweepCall, SweepOutcome } from './messages.js';

export interface RemoteSweepOptions {
  dryRun: boolean;
  maxPages?: number;
  /** After each stored batch with new posts (the runner drains the pipeline there). */
  afterStore(newIds: number[]): void;
  onProgress(totals: SweepTotals): void;
}

let runs = 0;

/**
 * A run's sweep as the main thread sees it: the engines talk to it, it forwards each page to
 * the sweep in the sweep thread and mirrors the totals. Retry decisions stay here (they need
 * no state but the Retry-After they record).
 */
export class RemoteSweep implements SweepPort {
  totals: SweepTotals = { pages: 0, newPosts: 0, seenPosts: 0, errors: 0, items: 0, skippedByRobots: 0 };
  errorMessages: string[] = [];
  preview: NewPost[] = [];
  retryAfterUntil: string | null = null;
  warnings: CrawlWarning[] = [];
  blocks = noBlocks();
  /** Origins found down in this run, with why: their other requests fail at once instead of each waiting its turn. */
  private readonly down = new Map<string, string>();
  private readonly run = `${process.pid}-${++runs}`;
  private generation: number | null = null;

  constructor(
    private readonly ctx: AppContext,
    readonly def: CrawlerDefinition,
    private readonly runId: number | string,
    private readonly options: RemoteSweepOptions,
  ) {}

  async open(): Promise<void> {
    if (this.ctx.db.memory) throw new Error('crawling needs a database file (the sweep thread opens its own connection); DATA_DIR must be a directory');
    this.generation = sweepThread.acquire(this.run, (e) => {
      this.totals = e.totals;
      if (e.newIds.length > 0) this.options.afterStore(e.newIds);
      this.options.onProgress(this.totals);
    });
    await this.call({
      op: 'open', run: this.run, dbFile: this.ctx.db.name, logLevel: this.ctx.log.level, def: this.def, runId: this.runId,
      dryRun: this.options.dryRun, maxPages: this.options.maxPages, userAgent: this.ctx.config.crawlUserAgent,
      viaProxy: this.def.proxy && this.ctx.config.proxyUrls.length > 0,
    });
  }

  seeds(): Promise<FrontierEntry[]> {
    return this.call({ op: 'seeds', run: this.run });
  }

  handleListing(entry: FrontierEntry, body: string, finalUrl: string, status: number): Promise<FrontierEntry[]> {
    return this.call({ op: 'listing', run: this.run, entry, body, finalUrl, status });
  }

  handleDetail(entry: FrontierEntry, body: string, finalUrl: string): Promise<void> {
    return this.call({ op: 'detail', run: this.run, entry, body, finalUrl });
  }

  reachedKnownOrCutoff(body: string, url: string): Promise<boolean> {
    return this.call({ op: 'reachedKnownOrCutoff', run: this.run, body, url });
  }

  async handleFailure(entry: FrontierEntry, error: unknown): Promise<void> {
    const network = classifyNetworkFailure(error);
    const message = network ? networkFailureMessage(network, error) : error instanceof Error ? error.message : String(error);
    try {
      await this.call({ op: 'failure', run: this.run, entry, message, block: error instanceof BlockedPageError ? error.block : undefined });
    } catch (threadErr) {
      // the sweep thread is gone: the failure is still this run's
      this.recordLocally(`${entry.url}: ${message}`);
      this.recordLocally((threadErr as Error).message);
    }
  }

  retryDelay(error: unknown, retryCount: number, url: string): number | null {
    const d = retryDecision(error, retryCount, { maxBackoffMs: this.def.limits.maxBackoffSeconds * 1000, maxRetries: this.def.limits.maxRetries });
    if ('retryInMs' in d) return d.retryInMs;
    if (d.hostDown) this.down.set(originOf(url), d.hostDown);
    if (d.backOffUntil && (!this.retryAfterUntil || d.backOffUntil > this.retryAfterUntil)) this.retryAfterUntil = d.backOffUntil;
    return null;
  }

  refuseIfDown(url: string): void {
    const reason = this.down.get(originOf(url));
    if (reason) throw new NonRetryableError(`not fetched: ${reason}, found earlier in this run`);
  }

  /** Flushes what is not yet stored and takes the sweep's final state; always releases the thread. */
  async close(): Promise<void> {
    if (this.generation === null) return;
    try {
      const outcome = await this.call<SweepOutcome | null>({ op: 'close', run: this.run });
      if (outcome) Object.assign(this, outcome);
    } catch (err) {
      this.recordLocally((err as Error).message);
    } finally {
      sweepThread.release(this.run);
    }
  }

  private recordLocally(message: string): void {
    if (this.errorMessages.includes(message)) return;
    this.totals = { ...this.totals, errors: this.totals.errors + 1 };
    if (this.errorMessages.length < 20) this.errorMessages.push(message);
    this.ctx.log.warn({ platform: this.def.name, err: message }, 'crawl request failed');
  }

  private async call<T>(call: SweepCall): Promise<T> {
    const { value, totals, errorMessages } = await sweepThread.call<T>(call, this.generation ?? -1);
    if (errorMessages) this.errorMessages = [...errorMessages];
    if (totals && JSON.stringify(totals) !== JSON.stringify(this.totals)) {
      this.totals = totals;
      this.options.onProgress(totals);
    }
    return value;
  }
}

function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return url;
  }
}
