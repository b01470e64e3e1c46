import type { AppContext } from '../context.js';
import { NonRetryableError } from '../errors.js';
import { addFrontier, pendingFrontier, removeFrontier, type FrontierEntry } from '../storage/crawl-frontier.js';
import { inTransaction } from '../storage/database.js';
import { knownPostIds, storePosts, type NewPost } from '../storage/posts.js';
import { blockRules, detectBlock, type Block, type BlockRules, type PageSeen } from './accounts/block-detect.js';
import { blockedPage } from './accounts/blocked-page.js';
import type { CrawlerDefinition, PostField } from './definition.js';
import { extractDetail, extractPage, resolveUrl, type ExtractedPost } from './extract.js';
import { getPath } from './json-path.js';
import { RobotsCache } from './robots.js';
import { emptyWarningStats, runWarnings, type CrawlWarning } from './run-warnings.js';
import { TargetCheck } from './target-check.js';
import { expandKeywords, fillEnv, fillTemplate } from './templates.js';

export interface SweepTotals {
  pages: number;
  newPosts: number;
  seenPosts: number;
  errors: number;
  /** Items extracted over all pages (0 after pages were fetched = selectors no longer match). */
  items: number;
  skippedByRobots: number;
}

/** Listing pages that were a wall, by kind: login and captcha pages failed for good, empty pages stored nothing. */
export type BlockCounts = Record<Block, number>;
export const noBlocks = (): BlockCounts => ({ login_required: 0, captcha: 0, empty: 0 });

export interface SweepOptions {
  dryRun?: boolean;
  /** Cap on listing pages per start URL (dry run: 1). */
  maxPages?: number;
  userAgent: string;
  /** Requests go through a proxy (PROXY_URLS): the target check then does not connect directly. */
  viaProxy?: boolean;
  /** Called after each stored batch with new posts (the runner drains the pipeline there). */
  afterStore?: (newIds: number[]) => void;
}

/** What a sweep stores through: its own connection in the sweep thread. */
export type SweepStore = Pick<AppContext, 'db' | 'log'>;

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

const BATCH_PAGES = 25;
const BATCH_MS = 250;

interface ListingData {
  depth: number;
  page?: number;
  /** Start URL template (with {page}) and the keyword values it was expanded with. */
  template?: string;
  values?: Record<string, string>;
}

/**
 * One sweep of one platform, independent of the engine that fetches: which
 * requests to make, what a page yields, what to store, when to stop paging.
 * Each page is committed in one transaction with its frontier change, so a
 * kill -9 resumes at the first page not committed. It runs in the sweep thread
 * (`sweep-thread/`): parsing, extracting and storing stay off the event loop
 * that fetches.
 */
export class Sweep {
  readonly totals: SweepTotals = { pages: 0, newPosts: 0, seenPosts: 0, errors: 0, items: 0, skippedByRobots: 0 };
  readonly errorMessages: string[] = [];
  readonly blocks = noBlocks();
  /** Dry run: what would have been stored. */
  readonly preview: NewPost[] = [];
  private pending: { entry: FrontierEntry; rows: NewPost[]; children: FrontierEntry[] }[] = [];
  /**
   * Request keys handed to the engine in this run. Crawlee drops a request whose key it has seen;
   * the frontier must drop it too, or a row would wait for a fetch that never comes (two paging
   * chains meet when a killed run's leftover chain catches up with the fresh one).
   */
  private readonly scheduled = new Set<string>();
  private flushTimer: NodeJS.Timeout | undefined;
  private readonly robots: RobotsCache | null;
  private readonly targets: TargetCheck;
  private readonly dryRun: boolean;
  private readonly stats = emptyWarningStats();
  private readonly blockRules: BlockRules;

  constructor(
    private readonly ctx: SweepStore,
    readonly def: CrawlerDefinition,
    private readonly runId: number | string,
    private readonly options: SweepOptions,
  ) {
    this.dryRun = options.dryRun ?? false;
    this.robots = def.robots.respect ? new RobotsCache(options.userAgent, def.limits.timeoutSeconds * 1000) : null;
    this.blockRules = blockRules(def.blockDetection);
    this.targets = new TargetCheck({ allowPrivate: def.privateNetwork.allow, connectTimeoutMs: def.limits.connectTimeoutSeconds * 1000, viaProxy: options.viaProxy ?? false });
  }

  /** What the run found that is not an error but needs a look (see run-warnings.ts). */
  warnings(): CrawlWarning[] {
    return runWarnings(this.stats, this.def, new Date());
  }

  get maxPages(): number {
    if (this.dryRun) return 1;
    const p = this.def.pagination;
    const fromFile = 'maxPages' in p ? p.maxPages : 1;
    return Math.min(fromFile, this.options.maxPages ?? Infinity);
  }

  /** Start URLs expanded over the keyword lists, after any requests a killed run left behind. */
  async seeds(): Promise<FrontierEntry[]> {
    const leftover = this.dryRun ? [] : pendingFrontier(this.ctx.db, this.def.name);
    const fresh: FrontierEntry[] = [];
    const start = this.def.pagination.type === 'page' ? this.def.pagination.start : undefined;
    for (const raw of this.def.startUrls) {
      const template = fillEnv(raw, this.def.env);
      for (const { url, values } of expandKeywords(template, this.def.keywords)) {
        const first = fillTemplate(url, { page: start });
        if (!resolveUrl(first, 'http://invalid/') || !/^https?:\/\//.test(first)) {
          this.recordError(first, new NonRetryableError(`start URL is not an absolute http(s) URL: ${first}; check startUrls and env placeholders`));
          continue;
        }
        const data: ListingData = { depth: 1, page: start, template: url, values };
        fresh.push({ requestKey: `${first}#run${this.runId}`, url: first, kind: 'listing', data: data as unknown as Record<string, unknown> });
      }
    }
    const seeds = await this.allowed(this.unscheduled([...leftover, ...(this.dryRun ? fresh.slice(0, 1) : fresh)]));
    if (!this.dryRun) inTransaction(this.ctx.db, () => addFrontier(this.ctx.db, this.def.name, seeds.filter((s) => !leftover.includes(s))));
    return seeds;
  }

  private unscheduled(entries: FrontierEntry[]): FrontierEntry[] {
    const out = entries.filter((e) => !this.scheduled.has(e.requestKey));
    for (const e of out) this.scheduled.add(e.requestKey);
    return out;
  }

  /**
   * Drops requests to a host that is down or on a private address (errors) and those robots.txt
   * disallows (logged and counted, never silently).
   */
  async allowed(entries: FrontierEntry[]): Promise<FrontierEntry[]> {
    const out: FrontierEntry[] = [];
    for (const e of entries) {
      const refused = await this.targets.refusal(e.url);
      if (refused) {
        this.refuse(e, new NonRetryableError(refused));
        continue;
      }
      if (!this.robots || (await this.robots.isAllowed(e.url))) {
        out.push(e);
        continue;
      }
      const unreachable = await this.robots.unreachableReason(e.url);
      if (unreachable) {
        // leave it in the frontier: the next run retries it
        this.recordError(e.url, new Error(unreachable));
        continue;
      }
      this.totals.skippedByRobots++;
      this.ctx.log.warn({ platform: this.def.name, url: e.url }, 'robots.txt disallows this URL; skipped (set robots.respect: false with a reason to override)');
      if (!this.dryRun) removeFrontier(this.ctx.db, this.def.name, e.requestKey);
    }
    return out;
  }

  /** A redirect may lead elsewhere: the page it ends on must pass the same check as a request. */
  private async checkFinalUrl(entry: FrontierEntry, finalUrl: string): Promise<void> {
    if (sameOrigin(entry.url, finalUrl)) return;
    const refused = await this.targets.refusal(finalUrl);
    if (refused) throw new NonRetryableError(`${entry.url} redirected to ${finalUrl}: ${refused}`);
  }

  /** A listing page: store what is new, return the requests it leads to (details, next page). */
  async handleListing(entry: FrontierEntry, body: string, finalUrl: string, status: number): Promise<FrontierEntry[]> {
    await this.checkFinalUrl(entry, finalUrl);
    const now = new Date();
    let page: ReturnType<typeof extractPage>;
    try {
      page = extractPage(this.def, body, finalUrl, now);
    } catch (err) {
      // a JSON API answering with an HTML login or captcha page fails as that wall, not as "not JSON"
      this.refuseWall(entry, { status, requestedUrl: entry.url, finalUrl, body, items: 0 });
      throw err;
    }
    const block = this.refuseWall(entry, { status, requestedUrl: entry.url, finalUrl, body, items: page.posts.length + page.invalid });
    // an empty feed is a quiet feed, not a wall
    if (block === 'empty' && this.def.extract.type !== 'feed') this.blocks.empty++;
    this.totals.pages++;
    this.totals.items += page.posts.length;
    this.stats.listingPages++;
    this.stats.items += page.posts.length + page.invalid;
    this.stats.invalid += page.invalid;
    if (page.posts.length === 0 && page.invalid > 0) {
      this.recordError(finalUrl, new NonRetryableError(`${page.invalid} item(s) matched but had no id or text: the field selectors/paths no longer match the page`));
    }
    const cutoff = now.getTime() - this.def.cutoff.maxAgeHours * 3600_000;
    const unique = new Map(page.posts.map((p) => [p.platformPostId, p]));
    const fresh = [...unique.values()].filter((p) => !p.publishedAt || Date.parse(p.publishedAt) >= cutoff);
    const reachedCutoff = fresh.length < unique.size;
    for (const p of unique.values()) {
      if (fresh.includes(p)) continue;
      this.stats.pastCutoff++;
      if (!this.stats.newestPastCutoff || p.publishedAt! > this.stats.newestPastCutoff) this.stats.newestPastCutoff = p.publishedAt!;
    }
    const known = this.dryRun ? new Set<string>() : knownPostIds(this.ctx.db, this.def.name, fresh.map((p) => p.platformPostId));
    const newOnes = fresh.filter((p) => !known.has(p.platformPostId));

    const children: FrontierEntry[] = [];
    let toStore: ExtractedPost[] = fresh;
    const detail = this.def.detail;
    if (detail) {
      const needsDetail = (p: ExtractedPost) => !detail.onlyIf || Boolean(getPath(safeJson(p.raw), detail.onlyIf));
      toStore = fresh.filter((p) => known.has(p.platformPostId) || !needsDetail(p));
      for (const p of newOnes.filter(needsDetail)) {
        const url = resolveUrl(fillTemplate(fillEnv(detail.url, this.def.env), { ...p, id: p.platformPostId } as unknown as Record<string, string>), finalUrl);
        if (url && !/\{[A-Za-z]/.test(url)) children.push({ requestKey: `detail:${p.platformPostId}`, url, kind: 'detail', data: { listing: p } });
        else toStore.push(p); // no usable detail URL: the listing's fields are all we have
      }
    }
    this.stats.details += children.length;
    const data = entry.data as unknown as ListingData;
    const morePages = data.depth < this.maxPages && unique.size > 0 && !reachedCutoff && (!this.def.stopAtSeen || newOnes.length > 0);
    const next = morePages ? this.nextListing(data, page.nextUrl, page.cursor) : null;
    if (next) children.push(next);
    const allowed = await this.allowed(this.unscheduled(children));
    this.commit(entry, toStore, allowed);
    return allowed;
  }

  /** A login or captcha page is not a page of the platform: it fails (another account may retry it). Returns any other finding. */
  private refuseWall(entry: FrontierEntry, seen: PageSeen): Block | null {
    const block = detectBlock(seen, this.blockRules);
    if (block === 'login_required' || block === 'captcha') {
      throw blockedPage(block, entry.url, seen.finalUrl !== entry.url ? `跳转到 ${seen.finalUrl} 的页面` : block === 'captcha' ? '验证码页面' : '登录页面');
    }
    return block;
  }

  /** Infinite scroll: stop once the rendered feed shows a stored post or one past the cut-off. */
  reachedKnownOrCutoff(body: string, url: string): boolean {
    const now = new Date();
    const posts = extractPage(this.def, body, url, now).posts;
    const cutoff = now.getTime() - this.def.cutoff.maxAgeHours * 3600_000;
    if (posts.some((p) => p.publishedAt && Date.parse(p.publishedAt) < cutoff)) return true;
    if (this.dryRun || !this.def.stopAtSeen) return false;
    return knownPostIds(this.ctx.db, this.def.name, posts.map((p) => p.platformPostId)).size > 0;
  }

  /** A detail page completes the listing's post; stored alone with its frontier change. */
  async handleDetail(entry: FrontierEntry, body: string, finalUrl: string): Promise<void> {
    await this.checkFinalUrl(entry, finalUrl);
    const listing = entry.data.listing as ExtractedPost;
    const post = extractDetail(this.def, body, finalUrl, listing, new Date());
    this.totals.pages++;
    this.commit(entry, [post], []);
  }

  /** A request that failed for good (retries exhausted, 404, garbage). */
  handleFailure(entry: FrontierEntry, error: unknown, block?: Block): void {
    if (block) this.blocks[block]++;
    if (entry.kind === 'detail') {
      this.stats.detailFailures++;
      this.stats.firstDetailError ??= error instanceof Error ? error.message.split('\n')[0]! : String(error);
    }
    this.refuse(entry, error);
  }

  /** A request that will not be fetched in this run: an error, and out of the frontier (the next run seeds its start URLs again). */
  private refuse(entry: FrontierEntry, error: unknown): void {
    this.recordError(entry.url, error);
    if (this.dryRun) return;
    this.flush(); // its frontier row may still be waiting in the batch
    removeFrontier(this.ctx.db, this.def.name, entry.requestKey);
  }

  private nextListing(data: ListingData, nextUrl: string | undefined, cursor: string | undefined): FrontierEntry | null {
    const p = this.def.pagination;
    let url: string | undefined;
    const nextData: ListingData = { ...data, depth: data.depth + 1 };
    if (p.type === 'page' && data.template) {
      nextData.page = (data.page ?? p.start) + 1;
      url = fillTemplate(data.template, { page: nextData.page });
    } else if (p.type === 'next-link') url = nextUrl;
    else if (p.type === 'cursor' && cursor) {
      url = fillTemplate(fillEnv(p.url, this.def.env), { ...Object.fromEntries(Object.entries(data.values ?? {}).map(([k, v]) => [k, encodeURIComponent(v)])), cursor: encodeURIComponent(cursor) });
    }
    if (!url) return null;
    return { requestKey: `${url}#run${this.runId}`, url, kind: 'listing', data: nextData as unknown as Record<string, unknown> };
  }

  /**
   * Pages are committed in batches (storePosts once per batch): a page's posts, the
   * removal of its frontier row and the rows of its children land in one transaction.
   * A kill before a flush leaves those pages in the frontier, so a restart re-fetches them.
   */
  private commit(entry: FrontierEntry, posts: ExtractedPost[], children: FrontierEntry[]): void {
    const platform = this.def.name;
    const rows: NewPost[] = posts.map((p) => ({ ...p, platform }));
    this.countFields(rows);
    if (this.dryRun) {
      this.preview.push(...rows);
      this.totals.newPosts += rows.length;
      return;
    }
    this.pending.push({ entry, rows, children });
    if (this.pending.length >= BATCH_PAGES) this.flush();
    else this.flushTimer ??= setTimeout(() => this.flush(), BATCH_MS);
  }

  /** Writes the pages handled since the last flush; the runner calls it at the end of a run. */
  flush(): void {
    clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    if (this.pending.length === 0) return;
    const batch = this.pending.splice(0);
    const platform = this.def.name;
    const result = inTransaction(this.ctx.db, () => {
      const stored = storePosts(this.ctx.db, batch.flatMap((b) => b.rows));
      for (const b of batch) {
        removeFrontier(this.ctx.db, platform, b.entry.requestKey);
        addFrontier(this.ctx.db, platform, b.children);
      }
      return stored;
    });
    this.totals.newPosts += result.newIds.length;
    this.totals.seenPosts += result.seen;
    this.options.afterStore?.(result.newIds);
  }

  private countFields(rows: NewPost[]): void {
    this.stats.posts += rows.length;
    for (const row of rows) {
      for (const [field, value] of Object.entries(row)) {
        if (value !== null && value !== undefined && value !== '') this.stats.filled[field as PostField] = (this.stats.filled[field as PostField] ?? 0) + 1;
      }
    }
  }

  private recordError(url: string, error: unknown): void {
    this.totals.errors++;
    const message = error instanceof Error ? error.message.split('\n')[0]! : String(error);
    if (this.errorMessages.length < 20) this.errorMessages.push(message.includes(url) ? message : `${url}: ${message}`);
    this.ctx.log.warn({ platform: this.def.name, url, err: message }, 'crawl request failed');
  }
}

function sameOrigin(a: string, b: string): boolean {
  try {
    return new URL(a).origin === new URL(b).origin;
  } catch {
    return false;
  }
}
