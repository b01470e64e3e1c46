import { Configuration, ProxyConfiguration, log as crawleeLog, LogLevel, type RequestOptions } from '@crawlee/core';
import { MemoryStorage } from '@crawlee/memory-storage';
import type { AppContext } from '../../context.js';
import type { FrontierEntry } from '../../storage/crawl-frontier.js';
import { AccountRotation, withAccount } from '../accounts/account-rotation.js';
import { detectBlock, type BlockRules } from '../accounts/block-detect.js';
import { BlockedPageError, blockedPage } from '../accounts/blocked-page.js';
import { accountSecrets, markLoginWall } from '../accounts/platform-accounts.js';
import { checkStatus, sleep } from '../backoff.js';
import type { CrawlerDefinition } from '../definition.js';
import type { SweepPort } from '../sweep-port.js';

// Our log reports every failed request with its platform; Crawlee's own lines would repeat them unstructured.
crawleeLog.setLevel(process.env.CRAWLEE_LOG_LEVEL === 'debug' ? LogLevel.DEBUG : LogLevel.OFF);

/**
 * A fresh in-memory Crawlee configuration per run: no files on disk and nothing
 * kept between runs (Crawlee's local queues grow without bound otherwise,
 * apify/crawlee #383, #2541); our dedupe and crash-safe state live in SQLite.
 */
export function runConfiguration(): Configuration {
  return new Configuration({
    persistStorage: false,
    purgeOnStart: false,
    storageClient: new MemoryStorage({ persistStorage: false, writeMetadata: false }),
  });
}

export function proxyFor(ctx: AppContext, def: CrawlerDefinition): ProxyConfiguration | undefined {
  return def.proxy && ctx.config.proxyUrls.length > 0 ? new ProxyConfiguration({ proxyUrls: ctx.config.proxyUrls }) : undefined;
}

export function requestHeaders(ctx: AppContext, def: CrawlerDefinition): Record<string, string> {
  const headers: Record<string, string> = { 'user-agent': ctx.config.crawlUserAgent, ...lowerKeys(def.request.headers) };
  const cookies = Object.entries(def.request.cookies).map(([k, v]) => `${k}=${v}`).join('; ');
  if (cookies) headers.cookie = cookies;
  return headers;
}

/** The run's rotation over its platform's enabled accounts (none: requests go as the file says). */
export function accountRotation(ctx: AppContext, def: CrawlerDefinition): AccountRotation {
  return new AccountRotation(accountSecrets(ctx, def.name), (id) => markLoginWall(ctx, id));
}

/**
 * The headers of this request's account on top of `base`; the account is noted by id in the
 * request (never its secrets), so that a login wall pauses the right one.
 */
export function accountHeaders(accounts: AccountRotation, request: { userData: Record<string, unknown> }, base: Record<string, string>): Record<string, string> {
  const account = accounts.next();
  request.userData.account = account?.id;
  return account ? withAccount(base, account.secrets) : base;
}

/** 401/403 (or the file's own login statuses) and redirects to a login page are a login wall: decided before checkStatus takes 403 for rate limiting. */
export function checkResponse(rules: BlockRules, status: number, url: string, finalUrl: string, retryAfter: string | string[] | undefined | null): void {
  if (status >= 400 && detectBlock({ status, requestedUrl: url, finalUrl, body: '', items: 0 }, rules)) throw blockedPage('login_required', url, ` HTTP ${status}`);
  checkStatus(status, url, retryAfter);
}

function lowerKeys(o: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [k.toLowerCase(), v]));
}

export function toRequest(entry: FrontierEntry, headers: Record<string, string>, maxRetries: number): RequestOptions {
  return { url: entry.url, uniqueKey: entry.requestKey, userData: { entry }, headers, maxRetries };
}

/**
 * Runs a crawler until it finishes or the signal aborts. Crawlee's pool abort does not always
 * settle run() (e.g. an abort while the pool is starting), so a stop waits at most `graceMs`.
 */
export async function runUntilAborted(
  crawler: { run(requests: RequestOptions[]): Promise<unknown>; autoscaledPool?: { abort(): Promise<void> }; requestQueue?: { drop(): Promise<void> } },
  requests: RequestOptions[],
  signal?: AbortSignal,
  graceMs = 5000,
): Promise<void> {
  if (signal?.aborted) return;
  let timer: NodeJS.Timeout | undefined;
  let onAbort: (() => void) | undefined;
  const gaveUp = new Promise<void>((resolve) => {
    onAbort = () => {
      void crawler.autoscaledPool?.abort().catch(() => undefined);
      timer = setTimeout(resolve, graceMs);
      timer.unref();
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
  try {
    await Promise.race([crawler.run(requests), gaveUp]);
  } finally {
    clearTimeout(timer);
    // The signal outlives the run (it is the scheduler's): a listener left on it would keep this
    // crawler and everything it fetched alive, ~15 MB per run (found by the soak).
    if (onAbort) signal?.removeEventListener('abort', onAbort);
    await crawler.requestQueue?.drop().catch(() => undefined);
  }
}

/**
 * Retry and failure handling shared by every engine: the sweep decides (backoff, Retry-After, give
 * up), except for a login wall met with an account: that account pauses and the request goes
 * again at once with the next one, if any is left.
 */
export function retryHandlers(sweep: SweepPort, accounts: AccountRotation, signal?: AbortSignal) {
  return {
    async errorHandler({ request }: { request: { retryCount: number; noRetry: boolean; url: string; userData: Record<string, unknown> } }, error: Error) {
      const account = request.userData.account;
      if (error instanceof BlockedPageError && error.block === 'login_required' && typeof account === 'number' && accounts.loginWall(account)) return;
      const delay = sweep.retryDelay(error, request.retryCount, request.url);
      if (delay === null) request.noRetry = true;
      else await sleep(delay, signal);
    },
    async failedRequestHandler({ request }: { request: { userData: Record<string, unknown> } }, error: Error) {
      await sweep.handleFailure(request.userData.entry as FrontierEntry, error);
    },
  };
}

/** The engine contract: fetch the seeds and whatever the sweep says they lead to. */
export interface CrawlEngine {
  run(seeds: FrontierEntry[], signal?: AbortSignal): Promise<void>;
}
