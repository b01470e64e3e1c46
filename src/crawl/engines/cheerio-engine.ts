import type { IncomingMessage } from 'node:http';
import { text as readText } from 'node:stream/consumers';
import { CheerioCrawler } from '@crawlee/cheerio';
import type { AppContext } from '../../context.js';
import type { FrontierEntry } from '../../storage/crawl-frontier.js';
import { blockRules } from '../accounts/block-detect.js';
import type { SweepPort } from '../sweep-port.js';
import {
  accountHeaders, accountRotation, checkResponse, proxyFor, retryHandlers, requestHeaders, runConfiguration, runUntilAborted, toRequest, type CrawlEngine,
} from './crawlee-common.js';

const FEED_AND_JSON_TYPES = [
  'application/json', 'text/json', 'application/javascript', 'text/javascript', 'text/plain',
  'application/rss+xml', 'application/atom+xml', 'application/rdf+xml', 'application/xml', 'text/xml',
];
// 5xx reach our handler (Crawlee would throw before it), so Retry-After on 503 is honoured too.
const SERVER_ERRORS = Array.from({ length: 100 }, (_, i) => 500 + i);

/**
 * CheerioCrawler parses every HTML page twice on the event loop that fetches (htmlparser2's
 * parseDocument for `dom`, then cheerio.load for `$`). Here it hands the decoded body over
 * unparsed: the sweep thread parses it once, with the same parser, off this loop. Context `$`
 * is therefore absent; nothing here uses it, nor Crawlee's enqueueLinks (the sweep decides what
 * to fetch next).
 */
class HandOverCheerioCrawler extends CheerioCrawler {
  protected override async _parseHTML(response: IncomingMessage) {
    return { body: await readText(response) } as never;
  }
}

/** HTML, JSON and RSS/Atom over plain HTTP with Crawlee's CheerioCrawler (pages parsed in the sweep thread). */
export function cheerioEngine(ctx: AppContext, sweep: SweepPort): CrawlEngine {
  const def = sweep.def;
  const headers = requestHeaders(ctx, def);
  const rules = blockRules(def.blockDetection);
  return {
    async run(seeds: FrontierEntry[], signal?: AbortSignal) {
      const accounts = accountRotation(ctx, def);
      const crawler = new HandOverCheerioCrawler(
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
          preNavigationHooks: [
            ({ request }, gotOptions) => {
              sweep.refuseIfDown(request.url);
              // per attempt, so a retry after a login wall goes with the next account
              gotOptions.headers = { ...gotOptions.headers, ...accountHeaders(accounts, request, {}) };
            },
          ],
          async requestHandler({ request, response, body }) {
            const status = response.statusCode ?? 0;
            const finalUrl = request.loadedUrl ?? request.url;
            checkResponse(rules, status, request.url, finalUrl, response.headers['retry-after']);
            const entry = request.userData.entry as FrontierEntry;
            const text = typeof body === 'string' ? body : body.toString('utf8');
            if (entry.kind === 'detail') {
              await sweep.handleDetail(entry, text, finalUrl);
              return;
            }
            const children = await sweep.handleListing(entry, text, finalUrl, status);
            if (children.length > 0 && !signal?.aborted) await crawler.addRequests(children.map((c) => toRequest(c, headers, def.limits.maxRetries)));
          },
          ...retryHandlers(sweep, accounts, signal),
        },
        runConfiguration(),
      );
      await runUntilAborted(crawler, seeds.map((s) => toRequest(s, headers, def.limits.maxRetries)), signal);
    },
  };
}
