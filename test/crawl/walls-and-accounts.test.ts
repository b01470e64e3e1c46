import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seal, secretsKey } from '../../src/crawl/accounts/secret-box.js';
import { crawlerDefinitionSchema, type CrawlerDefinition } from '../../src/crawl/definition.js';
import { runCrawl } from '../../src/crawl/runner.js';
import { makePosts } from '../../src/demo/site-post.js';
import { startSite, type RunningSite } from '../../src/demo/site-server.js';
import { getCrawlHealth } from '../../src/storage/crawl-health.js';
import { insertPlatformAccount, platformAccount } from '../../src/storage/platform-accounts.js';
import { walledRoutes } from '../sites/walled-site.js';
import { tempContext, type TempContext } from '../helpers/temp-context.js';
import { LOCAL_SITE } from './helpers.js';

/** #12: walls become health states; accounts' cookies go with the requests, rotated, and nowhere else. */
const KEY = randomBytes(32).toString('hex');
const ALPHA = 'alpha-secret-cookie-0123456789';
const BETA = 'beta-secret-cookie-9876543210';
const STALE = 'stale-secret-cookie-5555555555';
const posts = makePosts(5, new Date());
const walled = walledRoutes(posts, [ALPHA, BETA]);
let site: RunningSite;
let ctx: TempContext;
const logged: string[] = [];

beforeAll(async () => {
  site = await startSite(walled.routes);
  ctx = tempContext({ secretsKey: KEY });
  // the main thread's log captured at debug, to look for secrets in it
  ctx.log = pino({ level: 'debug' }, new Writable({ write: (chunk, _enc, done) => (logged.push(String(chunk)), done()) }));
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
    limits: { maxRetries: 2, maxBackoffSeconds: 1, timeoutSeconds: 2, maxRequestsPerMinute: 10_000, maxConcurrency: 1 },
    ...patch,
  });
  return { ...parsed, name, file: `${name}.yaml` };
}

function addAccount(platform: string, label: string, cookie: string): number {
  const secrets = { Cookie: `SUB=${cookie}`, 'X-Token': `token-of-${cookie}` };
  return insertPlatformAccount(ctx.db, {
    platform, label, secrets: seal(secretsKey(ctx.config), JSON.stringify(secrets), platform),
    fields: JSON.stringify([{ name: 'Cookie', length: secrets.Cookie.length }]), created_by: 'user:1', created_at: new Date().toISOString(),
  });
}

const count = (platform: string) => ctx.db.prepare('SELECT count(*) FROM posts WHERE platform = ?').pluck().get(platform);

describe('a wall ends a run with the health state that names it', () => {
  it.each([
    ['HTTP 401', 'w401', '/walled/401', 'login_required', /需要登录：期望页面内容，收到 HTTP 401/],
    ['a redirect to the login page', 'wredirect', '/walled/redirect', 'login_required', /需要登录：期望页面内容，收到跳转到 .*\/passport\/login/],
    ['a captcha page', 'wcaptcha', '/walled/captcha', 'captcha', /出现验证码：期望页面内容，收到验证码页面/],
    ['a JSON 请先登录', 'wstale', '/walled/members', 'login_required', /需要登录：期望页面内容，收到登录页面/],
    ['empty 200 pages', 'wempty', '/walled/empty', 'empty_pages', /no posts extracted/],
  ])('%s', async (_name, platform, path, state, error) => {
    const r = await runCrawl(ctx, def(platform, path));
    expect(r.status).toBe('failed');
    const h = getCrawlHealth(ctx.db, platform)!;
    expect(h.state).toBe(state);
    expect(h.last_error).toMatch(error);
    expect(h.consecutive_failures).toBe(1);
    // a wall is not retried as such: one request (no account to switch to)
    expect(site.hits.filter((u) => u.startsWith(path))).toHaveLength(1);
  });

  it("a platform's own marker (blockDetection in its file)", async () => {
    const without = await runCrawl(ctx, def('wslider0', '/walled/slider'));
    expect(without.status).toBe('failed');
    expect(getCrawlHealth(ctx.db, 'wslider0')!.state).toBe('empty_pages');
    await runCrawl(ctx, def('wslider', '/walled/slider', { blockDetection: { captchaMarkers: ['拖动滑块'] } }));
    expect(getCrawlHealth(ctx.db, 'wslider')!.state).toBe('captcha');
  });

  it('a run that gets through again is ok', async () => {
    addAccount('wstale', '账号一', ALPHA);
    const r = await runCrawl(ctx, def('wstale', '/walled/members'));
    expect(r.status).toBe('ok');
    expect(getCrawlHealth(ctx.db, 'wstale')).toMatchObject({ state: 'ok', consecutive_failures: 0 });
  });
});

describe('accounts in the requests', () => {
  it("a cookie-protected site is crawled with an account's cookie, two accounts rotated", async () => {
    addAccount('members', '账号一', ALPHA);
    addAccount('members', '账号二', BETA);
    walled.cookiesSeen.length = 0;
    const r = await runCrawl(ctx, def('members', '/walled/members?q={kw}', { keywords: { kw: ['井盖', '噪音', '积水', '路灯'] } }));
    expect(r.status).toBe('ok');
    expect(count('members')).toBe(5);
    expect(walled.cookiesSeen).toEqual([ALPHA, BETA, ALPHA, BETA]);
  });

  it('an account that meets a login wall is marked and skipped; the request goes again with the next', async () => {
    const stale = addAccount('mixed', '旧账号', STALE);
    addAccount('mixed', '新账号', BETA);
    walled.cookiesSeen.length = 0;
    const r = await runCrawl(ctx, def('mixed', '/walled/members?q={kw}', { keywords: { kw: ['井盖', '噪音', '积水'] } }));
    expect(r.status).toBe('ok');
    expect(r.errors).toEqual([]);
    expect(count('mixed')).toBe(5);
    expect(walled.cookiesSeen).toEqual([STALE, BETA, BETA, BETA]);
    expect(platformAccount(ctx.db, stale)!.login_wall_at).not.toBeNull();
    expect(getCrawlHealth(ctx.db, 'mixed')!.state).toBe('ok');
    // the next run skips it from the start
    walled.cookiesSeen.length = 0;
    await runCrawl(ctx, def('mixed', '/walled/members?q={kw}', { keywords: { kw: ['井盖', '噪音'] } }));
    expect(walled.cookiesSeen).toEqual([BETA, BETA]);
  });

  it('every account at a login wall: 需要登录', async () => {
    addAccount('allstale', '旧账号', STALE);
    const r = await runCrawl(ctx, def('allstale', '/walled/members'));
    expect(r.status).toBe('failed');
    expect(getCrawlHealth(ctx.db, 'allstale')!.state).toBe('login_required');
  });

  it('secrets are absent from logs, runs and posts', () => {
    const stored = [
      ...ctx.db.prepare('SELECT * FROM crawl_runs').all(),
      ...ctx.db.prepare('SELECT * FROM crawl_health').all(),
      ...ctx.db.prepare('SELECT * FROM posts').all(),
      ...ctx.db.prepare('SELECT * FROM audit_log').all(),
    ].map((row) => JSON.stringify(row));
    expect(logged.length).toBeGreaterThan(0);
    for (const secret of [ALPHA, BETA, STALE]) {
      for (const text of [...stored, ...logged]) expect(text).not.toContain(secret);
    }
  });
});
