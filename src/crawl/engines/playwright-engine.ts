import { PlaywrightCrawler } from '@crawlee/playwright';
import { chromium } from 'playwright';
import type { AppContext } from '../../context.js';
import type { FrontierEntry } from '../../storage/crawl-frontier.js';
import { blockRules } from '../accounts/block-detect.js';
import type { SweepPort } from '../sweep-port.js';
import {
  accountHeaders, accountRotation, checkResponse, proxyFor, retryHandlers, requestHeaders, runConfiguration, runUntilAborted, toRequest, type CrawlEngine,
} from './crawlee-common.js';

/** As root in a closed network (see the team brief); Debian chromium, never a downloaded browser. */
export const CHROMIUM_FLAGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage',
];

/** Pages that render with script (infinite scroll): Crawlee's PlaywrightCrawler on Debian chromium. */
export function playwrightEngine(ctx: AppContext, sweep: SweepPort): CrawlEngine {
  const def = sweep.def;
  const { 'user-agent': userAgent, ...headers } = requestHeaders(ctx, def);
  const scroll = def.pagination.type === 'scroll' ? def.pagination : null;
  const itemsSelector = def.extract.type === 'html' ? def.extract.items : 'body';
  const timeoutMs = def.limits.timeoutSeconds * 1000;
  const rules = blockRules(def.blockDetection);
  return {
    async run(seeds: FrontierEntry[], signal?: AbortSignal) {
      const accounts = accountRotation(ctx, def);
      const crawler = new PlaywrightCrawler(
        {
          launchContext: {
            launcher: chromium,
            userAgent,
            useIncognitoPages: false,
            launchOptions: { executablePath: ctx.config.chromiumPath, args: CHROMIUM_FLAGS, headless: true },
          },
          browserPoolOptions: { useFingerprints: false },
          maxConcurrency: def.limits.maxConcurrency,
          // Crawlee starts at concurrency 1 and adds ~5% every 10 s: a run would end before reaching the file's concurrency
          autoscaledPoolOptions: { desiredConcurrency: def.limits.maxConcurrency },
          maxRequestsPerMinute: def.limits.maxRequestsPerMinute,
          maxRequestRetries: def.limits.maxRetries,
          navigationTimeoutSecs: def.limits.timeoutSeconds,
          requestHandlerTimeoutSecs: def.limits.timeoutSeconds + (scroll ? (scroll.maxScrolls * (scroll.waitMs + 1000)) / 1000 : 0) + 30,
          useSessionPool: false,
          persistCookiesPerSession: false,
          retryOnBlocked: false,
          proxyConfiguration: proxyFor(ctx, def),
          preNavigationHooks: [
            async ({ page, request }) => {
              sweep.refuseIfDown(request.url);
              const withAccount = accountHeaders(accounts, request, headers);
              if (Object.keys(withAccount).length > 0) await page.setExtraHTTPHeaders(withAccount);
            },
          ],
          async requestHandler({ request, response, page }) {
            const status = response?.status() ?? 200;
            const finalUrl = page.url();
            checkResponse(rules, status, request.url, finalUrl, response?.headers()['retry-after']);
            const entry = request.userData.entry as FrontierEntry;
            if (def.browser?.waitFor) await page.waitForSelector(def.browser.waitFor, { timeout: timeoutMs });
            if (def.browser?.waitMs) await page.waitForTimeout(def.browser.waitMs);
            if (entry.kind === 'detail') {
              await sweep.handleDetail(entry, await page.content(), finalUrl);
              return;
            }
            if (scroll) {
              // Scroll until the feed stops growing, or shows a post we already have or one past the cut-off.
              let count = await page.locator(itemsSelector).count();
              for (let i = 0; i < scroll.maxScrolls && !signal?.aborted; i++) {
                if (await sweep.reachedKnownOrCutoff(await page.content(), finalUrl)) break;
                await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
                await page.waitForTimeout(scroll.waitMs);
                const after = await page.locator(itemsSelector).count();
                if (after <= count) break;
                count = after;
              }
            }
            const children = await sweep.handleListing(entry, await page.content(), finalUrl, status);
            if (children.length > 0 && !signal?.aborted) await crawler.addRequests(children.map((c) => toRequest(c, {}, def.limits.maxRetries)));
          },
          ...retryHandlers(sweep, accounts, signal),
        },
        runConfiguration(),
      );
      try {
        await runUntilAborted(crawler, seeds.map((s) => toRequest(s, {}, def.limits.maxRetries)), signal);
      } finally {
        await crawler.browserPool.destroy().catch(() => undefined);
      }
    },
  };
}
