import type { FrontierEntry } from '../../storage/crawl-frontier.js';
import type { NewPost } from '../../storage/posts.js';
import type { Block } from '../accounts/block-detect.js';
import type { CrawlerDefinition } from '../definition.js';
import type { CrawlWarning } from '../run-warnings.js';
import type { BlockCounts, SweepTotals } from '../sweep.js';

/** What the main thread asks of the sweep thread; every call names the run it belongs to. */
export type SweepCall =
  | { op: 'open'; run: string; dbFile: string; logLevel: string; def: CrawlerDefinition; runId: number | string; dryRun: boolean; maxPages?: number; userAgent: string; viaProxy: boolean }
  | { op: 'seeds'; run: string }
  | { op: 'listing'; run: string; entry: FrontierEntry; body: string; finalUrl: string; status: number }
  | { op: 'detail'; run: string; entry: FrontierEntry; body: string; finalUrl: string }
  | { op: 'reachedKnownOrCutoff'; run: string; body: string; url: string }
  | { op: 'failure'; run: string; entry: FrontierEntry; message: string; block?: Block }
  | { op: 'close'; run: string }
  /** The thread's own heap (after a full GC when the process exposes gc: the soak's leak check). */
  | { op: 'heapUsed' };

/** The end state of a run's sweep, returned by `close`. */
export interface SweepOutcome {
  totals: SweepTotals;
  errorMessages: string[];
  preview: NewPost[];
  warnings: CrawlWarning[];
  blocks: BlockCounts;
}

export interface SweepRequest {
  id: number;
  call: SweepCall;
}

/** An error crossing the thread boundary: its class name decides whether Crawlee retries. */
export interface SerialisedError {
  name: string;
  message: string;
  /** A BlockedPageError's wall. */
  block?: Block;
}

export type SweepReply =
  | { id: number; ok: true; value: unknown; totals?: SweepTotals; errorMessages?: string[] }
  | { id: number; ok: false; error: SerialisedError; totals?: SweepTotals; errorMessages?: string[] };

/** Posted after each stored batch, so that the main thread drains the pipeline and reports progress. */
export interface StoredEvent {
  event: 'stored';
  run: string;
  newIds: number[];
  totals: SweepTotals;
}

export type SweepThreadMessage = SweepReply | StoredEvent;
