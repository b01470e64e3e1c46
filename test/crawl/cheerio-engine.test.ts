import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCrawl } from '../../src/crawl/runner.js';
import { getCrawlHealth } from '../../src/storage/crawl-health.js';
import { recentCrawlRuns } from '../../src/storage/crawl-runs.js';
import { makePosts } from '../../src/demo/site-post.js';
import { discuzRoutes, feedRoutes, robotsRoute, tiebaRoutes, weiboRoutes } from '../../src/demo/platform-routes.js';
import { startSite, type RunningSite } from '../../src/demo/site-server.js';
import { tempContext, type TempContext } from '../helpers/temp-context.js';
import { postsOf, shippedDefinition } from './helpers.js';

const now = new Date();
const posts = makePosts(25, now);
let site: RunningSite;

beforeAll(async () => {
  site = await startSite({
    ...weiboRoutes(posts),
    ...tiebaRoutes(posts),
    ...discuzRoutes(posts),
    ...feedRoutes(posts.slice(0, 8)),
    ...robotsRoute('User-agent: *\nDisallow: /private/\n'),
  });
});
afterAll(() => site.close());

function withContext(fn: (ctx: TempContext) => Promise<void>) {
  return async () => {
    const ctx = tempContext();
    try {
      await fn(ctx);
    } finally {
      ctx.cleanup();
    }
  };
}

describe('cheerio engine against imitation platforms (shipped crawler files)', () => {
  it('Weibo JSON: mblog cards (plain and card_group), paging, every field normalised', withContext(async (ctx) => {
    const def = shippedDefinition('weibo-search.yaml', { WEIBO_BASE: site.baseUrl }, { keywords: { city: ['深圳'], problem: ['井盖'] } });
    const result = await runCrawl(ctx, def);
    expect(result.status).toBe('ok');
    const rows = postsOf(ctx.db, 'weibo-search');
    expect(rows).toHaveLength(25); // 3 pages of 10 allowed; 25 posts in all
    const p = rows.find((r) => r.platform_post_id === posts[0]!.id)!;
    expect(p.text).toContain('深圳宝安区西乡街道');
    expect(p.text).toContain('\n'); // <br /> kept as a line break
    expect(p.text).toContain('[怒]'); // emoji image alt
    expect(p.text).not.toMatch(/<|&lt;/);
    expect(p.author).toBe(posts[0]!.author);
    expect(p.ip_location).toBe('广东');
    expect(p.published_at).toBe(new Date(Math.floor(posts[0]!.createdAt.getTime() / 1000) * 1000).toISOString());
    expect(p.url).toBe(`https://m.weibo.cn/detail/${posts[0]!.id}`);
    expect(JSON.parse(p.raw).mblog ?? JSON.parse(p.raw).user).toBeTruthy();
    expect(site.hits.filter((h) => h.includes('q%3D%E6%B7%B1%E5%9C%B3%20%E4%BA%95%E7%9B%96'))).toHaveLength(3);
    // long posts (isLongText): full text from /statuses/extend, fetched for those only
    const long = posts.filter((x) => x.id.endsWith('7'));
    expect(site.hits.filter((h) => h.startsWith('/statuses/extend'))).toHaveLength(long.length);
    const longRow = rows.find((r) => r.platform_post_id === long[0]!.id)!;
    expect(longRow.text).toBe(`${long[0]!.text}\n（长微博全文）`);
    expect(recentCrawlRuns(ctx.db, 'weibo-search')[0]).toMatchObject({ status: 'ok', pages: 3 + long.length, new_posts: 25 });
    expect(getCrawlHealth(ctx.db, 'weibo-search')).toMatchObject({ state: 'ok', consecutive_failures: 0 });
  }));

  it('incremental: a second run re-fetches the listing, stores nothing twice and stops at seen posts', withContext(async (ctx) => {
    const def = shippedDefinition('weibo-search.yaml', { WEIBO_BASE: site.baseUrl }, { keywords: { city: ['深圳'], problem: ['积水'] } });
    await runCrawl(ctx, def);
    const listings = () => site.hits.filter((h) => h.includes('%E7%A7%AF%E6%B0%B4')).length;
    const before = listings();
    const second = await runCrawl(ctx, def);
    expect(second.totals.newPosts).toBe(0);
    expect(second.totals.seenPosts).toBe(10); // engagement refreshed
    expect(second.totals.pages).toBe(1); // page 1 re-fetched (per-run uniqueKey), nothing new → no page 2
    expect(listings() - before).toBe(1);
    expect(postsOf(ctx.db, 'weibo-search')).toHaveLength(25);
  }));

  it('keyword lists expand city × problem', withContext(async (ctx) => {
    const def = shippedDefinition('weibo-search.yaml', { WEIBO_BASE: site.baseUrl }, { keywords: { city: ['深圳', '宝安'], problem: ['噪音', '路灯', '垃圾'] }, pagination: { type: 'page', start: 1, maxPages: 1 }, detail: undefined });
    const result = await runCrawl(ctx, def);
    expect(result.totals.pages).toBe(6);
  }));

  it('Tieba: GBK search pages, next-link paging, detail pages only for new posts, IP location', withContext(async (ctx) => {
    const def = shippedDefinition('tieba-search.yaml', { TIEBA_BASE: site.baseUrl }, { keywords: { city: ['深圳'], problem: ['井盖'] } });
    const result = await runCrawl(ctx, def);
    expect(result.errors).toEqual([]);
    const rows = postsOf(ctx.db, 'tieba-search');
    expect(rows).toHaveLength(25);
    const p = rows.find((r) => r.platform_post_id === posts[3]!.id)!;
    expect(p.text).toBe(`${posts[3]!.text}\n补充：已经打过电话了。`); // full text from the GBK detail page, script dropped
    expect(p.title).toBe(posts[3]!.title);
    expect(p.ip_location).toBe(posts[3]!.region);
    expect(p.url).toBe(`${site.baseUrl}/p/${posts[3]!.id}?pid=1${posts[3]!.id}&cid=0#1${posts[3]!.id}`);
    const details = site.hits.filter((h) => h.startsWith('/p/')).length;
    expect(details).toBe(25);
    await runCrawl(ctx, def);
    expect(site.hits.filter((h) => h.startsWith('/p/')).length).toBe(details); // stored posts are not fetched again
  }));

  it('Discuz!: GBK without charset header, thread ids by regex, relative links, the first floor of the thread page (real post ids, exact time from the title attribute, edit note left out)', withContext(async (ctx) => {
    const def = shippedDefinition('discuz-city-forum.yaml', { SZ_FORUM_BASE: site.baseUrl });
    const result = await runCrawl(ctx, def);
    expect(result.errors).toEqual([]);
    const rows = postsOf(ctx.db, 'discuz-city-forum');
    expect(rows).toHaveLength(25);
    const p = rows.find((r) => r.platform_post_id === posts[1]!.id)!;
    expect(p.text).toBe(`${posts[1]!.text}\n各位街坊有同样情况吗？ & 谢谢`); // not the reply below it, not 「本帖最后由…编辑」
    expect(p.published_at).toBe(new Date(Math.floor(posts[1]!.createdAt.getTime() / 60_000) * 60_000).toISOString()); // title="…" beside 「N 分钟前」
    expect(p.url).toBe(`${site.baseUrl}/thread-${posts[1]!.id}-1-1.html`);
    expect(p.ip_location).toBe(posts[1]!.region);
    expect(p.views).toBe(posts[1]!.likes * 10);
  }));

  it('RSS (RSSHub route) and Atom feeds', withContext(async (ctx) => {
    const rss = shippedDefinition('rsshub-keywords.yaml', { RSSHUB_URL: `${site.baseUrl}/rsshub` }, { keywords: { term: ['深圳井盖'] }, startUrls: ['{env.RSSHUB_URL}/weibo/keyword/{term}'] });
    const r1 = await runCrawl(ctx, rss);
    expect(r1.status).toBe('ok');
    const rows = postsOf(ctx.db, 'rsshub-keywords');
    expect(rows).toHaveLength(8);
    expect(rows[0]!.platform_post_id).toMatch(/^https:\/\/weibo.com\//);
    expect(rows.every((r) => r.published_at && !r.text.includes('<'))).toBe(true);
    const atom = { ...rss, name: 'atom-news', startUrls: [`${site.baseUrl}/atom.xml`], keywords: {} };
    await runCrawl(ctx, atom);
    const atomRows = postsOf(ctx.db, 'atom-news');
    expect(atomRows).toHaveLength(8);
    expect(atomRows[0]!.url).toMatch(new RegExp(`^${site.baseUrl}/news/\\d+\\.html$`));
    expect(atomRows[0]!.author).toBeTruthy();
  }));

  it('dry run prints one page of posts and stores nothing', withContext(async (ctx) => {
    const def = shippedDefinition('weibo-search.yaml', { WEIBO_BASE: site.baseUrl });
    const result = await runCrawl(ctx, def, { dryRun: true });
    expect(result.preview).toHaveLength(10);
    expect(result.runId).toBeNull();
    expect(ctx.db.prepare('SELECT count(*) FROM posts').pluck().get()).toBe(0);
    expect(ctx.db.prepare('SELECT count(*) FROM crawl_runs').pluck().get()).toBe(0);
    expect(ctx.db.prepare('SELECT count(*) FROM crawl_frontier').pluck().get()).toBe(0);
  }));

  it('cut-off: posts older than maxAgeHours are skipped and paging stops', withContext(async (ctx) => {
    // posts are 7 minutes apart: a 1-hour cut-off keeps the first 9 (1..57 min old)
    const def = shippedDefinition('weibo-search.yaml', { WEIBO_BASE: site.baseUrl }, { keywords: { city: ['深圳'], problem: ['占道'] }, cutoff: { maxAgeHours: 1 }, detail: undefined });
    const result = await runCrawl(ctx, def);
    expect(result.totals.pages).toBe(1);
    expect(postsOf(ctx.db, 'weibo-search')).toHaveLength(9);
  }));

  it('robots.txt disallow is respected and reported', withContext(async (ctx) => {
    const def = shippedDefinition('weibo-search.yaml', { WEIBO_BASE: `${site.baseUrl}/private` });
    const result = await runCrawl(ctx, def);
    expect(result.status).toBe('failed');
    expect(result.totals.skippedByRobots).toBeGreaterThan(0);
    expect(site.hits.some((h) => h.startsWith('/private/'))).toBe(false);
    expect(getCrawlHealth(ctx.db, 'weibo-search')!.last_error).toMatch(/robots\.txt/);
  }));
});
