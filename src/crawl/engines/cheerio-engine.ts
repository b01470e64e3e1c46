import type { IncomingMessage } from 'node:http';
import { text as readText } from 'node:stream/consumers';
import { CheerioCrawler } from '@crawlee/cheerio';
import type { CheerioAPI } from 'cheerio';
import type { AppContext } from '../../context.js';
import type { FrontierEntry } from '../../storage/crawl-frontier.js';
import { checkStatus } from '../backoff.js';
import { loadWithOffsets } from '../extract.js';
import type { Sweep } from '../sweep.js';
import { proxyFor, retryHandlers, requestHeaders, runConfiguration, runUntilAborted, toRequest, type CrawlEngine } from './crawlee-common.js';

const FEED_AND_JSON_TYPES = [
  'application/json', 'text/json', 'application/javascript', 'text/javascript', 'text/plain',
  'application/rss+xml', 'application/atom+xml', 'application/rdf+xml', 'application/xml', 'text/xml',
];
// 5xx reach our handler (Crawlee would throw before it), so Retry-After on 503 is honoured too.
const SERVER_ERRORS = Array.from({ length: 100 }, (_, i) => 500 + i);

/**
 * CheerioCrawler parses every HTML page twice (htmlparser2's parseDocument for `dom`, then
 * cheerio.load of the same body for `$`). We parse once, with the same parser and options plus
 * source offsets (an item's raw HTML is then a slice of the body). Crawlee's context.enqueueLinks
 * is left as the base crawler's: we never call it (the sweep decides what to fetch next).
 */
class OneParseCheerioCrawler extends CheerioCrawler {
  protected override async _parseHTML(response: IncomingMessage, isXml: boolean) {
    const body = await readText(response);
    const $ = loadWithOffsets(body, isXml);
    return { dom: $.root()[0], $, body } as never;
  }
}

/** HTML, JSON and RSS/Atom over plain HTTP with Crawlee's CheerioCrawler (parsing each page once). */
export function cheerioEngine(ctx: AppContext, sweep: Sweep): CrawlEngine {
  const def = sweep.def;
  const headers = requestHeaders(ctx, def);
  return {
    async run(seeds: FrontierEntry[], signal?: AbortSignal) {
      const crawler = new OneParseCheerioCrawler(
        {
          maxConcurrency: def.limits.maxConcurrency,
          // Crawlee starts at concurrency 1 and adds ~5% every 10 s: a run would end before reaching the file's concurrency
          autoscaledPoolOptions: { desiredConcurrency: def.limits.maxConcurrency },
          maxRequestsPerMinute: def.limits.maxRequestsPerMinute,
          maxRequestRetries: def.limits.maxRetries,
          navigationTimeoutSecs: def.limits.timeoutSeconds,
          requestHandlerTimeoutSecs: def.limits.timeoutSeconds + 30,
          useSessionPool: false,
          persistCookiesPerSession: false,
          retryOnBlocked: false,
          additionalMimeTypes: FEED_AND_JSON_TYPES,
          ignoreHttpErrorStatusCodes: SERVER_ERRORS,
          forceResponseEncoding: def.request.encoding,
          proxyConfiguration: proxyFor(ctx, def),
          async requestHandler({ request, response, body, $ }) {
            checkStatus(response.statusCode ?? 0, request.url, response.headers['retry-after']);
            const entry = request.userData.entry as FrontierEntry;
            const text = typeof body === 'string' ? body : body.toString('utf8');
            const finalUrl = request.loadedUrl ?? request.url;
            if (entry.kind === 'detail') {
              sweep.handleDetail(entry, text, finalUrl);
              return;
            }
            const children = await sweep.handleListing(entry, text, finalUrl, def.extract.type === 'html' ? ($ as unknown as CheerioAPI) : undefined);
            if (children.length > 0 && !signal?.aborted) await crawler.addRequests(children.map((c) => toRequest(c, headers, def.limits.maxRetries)));
          },
          ...retryHandlers(sweep, signal),
        },
        runConfiguration(),
      );
      await runUntilAborted(crawler, seeds.map((s) => toRequest(s, headers, def.limits.maxRetries)), signal);
    },
  };
}
