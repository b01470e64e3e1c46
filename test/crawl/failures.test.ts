import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CrawlerDefinition } from '../../src/crawl/definition.js';
import { mayRun } from '../../src/crawl/health.js';
import { crawlerDefinitionSchema } from '../../src/crawl/definition.js';
import { runCrawl } from '../../src/crawl/runner.js';
import { getCrawlHealth } from '../../src/storage/crawl-health.js';
import { flakyRoutes } from '../sites/flaky-site.js';
import { makePosts } from '../../src/demo/site-post.js';
import { startSite, type RunningSite } from '../../src/demo/site-server.js';
import { tempContext, type TempContext } from '../helpers/temp-context.js';
import { LOCAL_SITE } from './helpers.js';

const posts = makePosts(5, new Date());
let site: RunningSite;
let ctx: TempContext;

beforeAll(async () => {
  site = await startSite(flakyRoutes(posts));
  ctx = tempContext();
});
afterAll(async () => {
  await site.close();
  ctx.cleanup();
});

function def(name: string, path: string, patch: Record<string, unknown> = {}): CrawlerDefinition {
  const parsed = crawlerDefinitionSchema.parse({
    engine: 'cheerio',
    privateNetwork: LOCAL_SITE,
    startUrls: [`${site.baseUrl}${path}`],
    extract: { type: 'json', items: 'data.cards[].mblog', fields: { id: 'id', text: 'text' } },
    schedule: { cron: '*/5 * * * *' },
    limits: { maxRetries: 3, maxBackoffSeconds: 5, timeoutSeconds: 1, maxRequestsPerMinute: 10_000 },
    ...patch,
  });
  return { ...parsed, name, file: `${name}.yaml` };
}

const count = (platform: string) => ctx.db.prepare('SELECT count(*) FROM posts WHERE platform = ?').pluck().get(platform);

describe('a misbehaving platform: clear errors, health, and no harm to the process', () => {
  it('500s are retried with backoff until the page comes', async () => {
    const r = await runCrawl(ctx, def('p500', '/flaky/500-twice'));
    expect(r.status).toBe('ok');
    expect(count('p500')).toBe(5);
    expect(site.hits.filter((h) => h === '/flaky/500-twice')).toHaveLength(3);
  });

  it('429 with a short Retry-After is honoured, then the page is fetched', async () => {
    const started = Date.now();
    const r = await runCrawl(ctx, def('p429', '/flaky/429-short'));
    expect(r.status).toBe('ok');
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(count('p429')).toBe(5);
  });

  it('429 with a Retry-After beyond maxBackoffSeconds ends the run and backs the platform off until then', async () => {
    const r = await runCrawl(ctx, def('p429long', '/flaky/429-long'));
    expect(r.status).toBe('failed');
    expect(site.hits.filter((h) => h === '/flaky/429-long')).toHaveLength(1); // no hammering
    const h = getCrawlHealth(ctx.db, 'p429long')!;
    expect(h.state).toBe('backing_off');
    expect(Date.parse(h.next_attempt_at!) - Date.now()).toBeGreaterThan(3500_000);
    expect(h.last_error).toMatch(/Retry-After/);
    expect(mayRun(h, new Date())).toBe(false);
  });

  it('a JSON API answering an HTML error page: failed with "not JSON", not retried', async () => {
    const r = await runCrawl(ctx, def('pgarbage', '/flaky/garbage'));
    expect(r.status).toBe('failed');
    expect(r.errors[0]).toMatch(/not JSON/);
    expect(site.hits.filter((h) => h === '/flaky/garbage')).toHaveLength(1);
    expect(getCrawlHealth(ctx.db, 'pgarbage')).toMatchObject({ state: 'failing', consecutive_failures: 1 });
  });

  it('a binary body is refused with its content type', async () => {
    const r = await runCrawl(ctx, def('pbinary', '/flaky/binary'));
    expect(r.status).toBe('failed');
    expect(r.errors.join()).toMatch(/image\/png/);
  });

  it('a page that no longer matches its selectors: failed with a message that says so', async () => {
    const html = def('playout', '/flaky/changed-layout', { extract: { type: 'html', items: '.s_post', fields: { id: { selector: 'a', attr: 'href' }, text: 'p' } } });
    const r = await runCrawl(ctx, html);
    expect(r.status).toBe('failed');
    expect(getCrawlHealth(ctx.db, 'playout')!.last_error).toMatch(/no posts extracted .* no longer matches extract\.items/);
  });

  it('404 is not retried', async () => {
    const r = await runCrawl(ctx, def('p404', '/flaky/404'));
    expect(r.status).toBe('failed');
    expect(r.errors[0]).toMatch(/HTTP 404/);
    expect(site.hits.filter((h) => h === '/flaky/404')).toHaveLength(1);
  });

  it('a slow host times out; a host that is down fails; three failures in a row back off', async () => {
    const slow = await runCrawl(ctx, def('pslow', '/flaky/slow', { limits: { maxRetries: 0, timeoutSeconds: 1, maxRequestsPerMinute: 10_000 } }));
    expect(slow.status).toBe('failed');
    expect(slow.errors[0]).toMatch(/timed out/);
    const down = def('pdown', '/x', { startUrls: ['http://127.0.0.1:9/api'], limits: { maxRetries: 0, timeoutSeconds: 1 } });
    for (let i = 1; i <= 3; i++) {
      const r = await runCrawl(ctx, down);
      expect(r.status).toBe('failed');
      expect(r.errors[0]).toMatch(/unreachable|ECONNREFUSED/);
    }
    const h = getCrawlHealth(ctx.db, 'pdown')!;
    expect(h).toMatchObject({ state: 'backing_off', consecutive_failures: 3 });
    expect(h.next_attempt_at).not.toBeNull();
  });

  it('redirects are followed and relative links resolve against the final URL', async () => {
    const html = def('predirect', '/flaky/redirect', { extract: { type: 'html', items: 'li.item', fields: { id: { selector: 'a', attr: 'href', regex: '(\\d+)$' }, text: 'p', url: { selector: 'a', attr: 'href' } } } });
    const r = await runCrawl(ctx, html);
    expect(r.status).toBe('ok');
    const url = ctx.db.prepare("SELECT url FROM posts WHERE platform = 'predirect' LIMIT 1").pluck().get();
    expect(url).toMatch(new RegExp(`^${site.baseUrl}/flaky/thread/\\d+$`));
  });

  it('a failing pipeline step (broken rule file) never loses posts: stored unprocessed, processed at the next drain', async () => {
    const boom = { name: 'boom', process() { throw new Error('rule file broken'); } };
    const r = await runCrawl(ctx, def('pstep', '/flaky/500-twice'), { steps: [boom] });
    expect(r.status).toBe('ok');
    const unprocessed = () => ctx.db.prepare("SELECT count(*) FROM posts WHERE platform = 'pstep' AND processed_at IS NULL").pluck().get();
    expect(count('pstep')).toBe(5);
    expect(unprocessed()).toBe(5);
    await runCrawl(ctx, def('pstep', '/flaky/500-twice'), { steps: [] });
    expect(unprocessed()).toBe(0);
  });

  it('after all that, a healthy platform still crawls in the same process', async () => {
    const r = await runCrawl(ctx, def('phealthy', '/flaky/500-twice'));
    expect(r.status).toBe('ok');
  });
});
