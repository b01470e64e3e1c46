import { NonRetryableError, RetryableError } from '../errors.js';
import { classifyNetworkFailure, networkFailureMessage } from './network-failure.js';

/** A response the platform wants us to retry later (429, 5xx, 403 as rate limiting); carries Retry-After. */
export class HttpStatusError extends RetryableError {
  constructor(
    readonly status: number,
    readonly url: string,
    readonly retryAfterMs: number | null,
  ) {
    super(`HTTP ${status} from ${url}${retryAfterMs !== null ? ` (Retry-After ${Math.round(retryAfterMs / 1000)} s)` : ''}`);
  }
}

/** Retry-After as seconds or an HTTP date → milliseconds from now; null when absent or unreadable. */
export function parseRetryAfter(value: string | string[] | undefined | null, now: number = Date.now()): number | null {
  const v = Array.isArray(value) ? value[0] : value;
  if (!v) return null;
  if (/^\d+$/.test(v.trim())) return Number(v.trim()) * 1000;
  const at = Date.parse(v);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

/** Throws for a status that is not a usable page; returns for 2xx/3xx. */
export function checkStatus(status: number, url: string, retryAfter: string | string[] | undefined | null): void {
  if (status < 400) return;
  if (status === 429 || status === 403 || status === 408 || status >= 500) {
    throw new HttpStatusError(status, url, parseRetryAfter(retryAfter));
  }
  throw new NonRetryableError(`HTTP ${status} from ${url}; the page does not exist or is not public: check the URL in the crawler file`);
}

/** Exponential backoff with full jitter, capped. attempt 0 → up to base. */
export function backoffMs(attempt: number, baseMs = 1000, capMs = 60_000): number {
  return Math.round(Math.random() * Math.min(capMs, baseMs * 2 ** attempt));
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (ms <= 0 || signal?.aborted) return resolve();
    const t = setTimeout(done, ms);
    function done() {
      clearTimeout(t);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

/**
 * What to do after a failed request: retry after a delay, or give up (for a long Retry-After, backing
 * off the platform until then; for a host that is down, with what to tell people and the other requests).
 */
export type RetryDecision = { retryInMs: number } | { giveUp: true; backOffUntil?: string; hostDown?: string };

/**
 * A Retry-After longer than the file's maxBackoffSeconds ends the run: the platform's health then
 * backs off until that time instead of hammering it. A host that does not answer (DNS, refused,
 * unreachable, TLS) is not retried: the next run tries again. Otherwise exponential backoff with
 * jitter, at most maxRetries times (Crawlee's own count ignores it for connection errors).
 */
export function retryDecision(error: unknown, retryCount: number, limits: { maxBackoffMs: number; maxRetries: number }, now: number = Date.now()): RetryDecision {
  if (error instanceof NonRetryableError) return { giveUp: true };
  const network = classifyNetworkFailure(error);
  if (network?.hostDown) return { giveUp: true, hostDown: networkFailureMessage(network, error) };
  if (retryCount >= limits.maxRetries) return { giveUp: true };
  if (error instanceof HttpStatusError && error.retryAfterMs !== null) {
    if (error.retryAfterMs > limits.maxBackoffMs) return { giveUp: true, backOffUntil: new Date(now + error.retryAfterMs).toISOString() };
    return { retryInMs: error.retryAfterMs };
  }
  return { retryInMs: backoffMs(retryCount, 500, limits.maxBackoffMs) };
}
