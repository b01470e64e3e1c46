import type { FrontierEntry } from '../storage/crawl-frontier.js';
import type { CrawlerDefinition } from './definition.js';

/**
 * What an engine needs from the sweep it fetches for: hand over each page and learn what to
 * fetch next, report failures, and ask how long to wait before a retry.
 */
export interface SweepPort {
  readonly def: CrawlerDefinition;
  /** A listing page: returns the requests it leads to (details, next page). */
  handleListing(entry: FrontierEntry, body: string, finalUrl: string, status: number): Promise<FrontierEntry[]>;
  handleDetail(entry: FrontierEntry, body: string, finalUrl: string): Promise<void>;
  /** Infinite scroll: whether the rendered feed already shows a stored post or one past the cut-off. */
  reachedKnownOrCutoff(body: string, url: string): Promise<boolean>;
  /** A request that failed for good (retries exhausted, 404, garbage). */
  handleFailure(entry: FrontierEntry, error: unknown): Promise<void>;
  /** Milliseconds to wait before retrying, or null to give up on the request (and, for a host that is down, on its origin). */
  retryDelay(error: unknown, retryCount: number, url: string): number | null;
  /** Throws (not retryable) for a URL whose host was found down earlier in the run. */
  refuseIfDown(url: string): void;
}
