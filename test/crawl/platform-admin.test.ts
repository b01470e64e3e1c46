import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditTrail } from '../../src/audit/audit-log.js';
import { makePosts } from '../../src/demo/site-post.js';
import { weiboRoutes } from '../../src/demo/platform-routes.js';
import { startSite, type RunningSite } from '../../src/demo/site-server.js';
import { tempContext, type TempContext } from '../helpers/temp-context.js';
import { createUser, login, startApp, type Client, type RunningApp } from '../helpers/web-app.js';
import { postsOf } from './helpers.js';

/** The 采集平台 console's API against the real app on 127.0.0.1, a real SQLite file, a real crawlers folder and a local imitation site. */
let ctx: TempContext;
let app: RunningApp;
let site: RunningSite;
let dir: string;
let admin: Client;
let verifier: Client;

const HOSTILE = '<img src=x onerror="window.__pwned=1">路灯坏了';

const text = (base: string, extra = '') => `# 本地微博（测试用）
displayName: 本地微博
engine: cheerio
privateNetwork: { allow: true, reason: "the test's imitation site runs on 127.0.0.1" }
startUrls: ["${base}/api/container/getIndex?containerid=1&page={page}"]
pagination: { type: page, maxPages: 1 }
extract:
  type: json
  items: ["data.cards[].mblog", "data.cards[].card_group[].mblog"]
  fields: { id: id, text: text, author: user.screen_name, publishedAt: created_at }
schedule: { cron: "*/5 * * * *" }
limits: { maxRequestsPerMinute: 6000 }
${extra}`;

beforeAll(async () => {
  const posts = makePosts(6, new Date());
  posts[0]!.text = HOSTILE;
  site = await startSite(weiboRoutes(posts));
  dir = mkdtempSync(path.join(tmpdir(), 'civic-radar-console-'));
  ctx = tempContext({ crawlersDir: dir });
  await createUser(ctx, 'boss', 'admin');
  await createUser(ctx, 'li', 'verifier');
  app = await startApp(ctx);
  admin = await login(app.baseUrl, 'boss');
  verifier = await login(app.baseUrl, 'li');
});
afterAll(async () => {
  await app?.close();
  await site?.close();
  ctx?.cleanup();
  rmSync(dir, { recursive: true, force: true });
});

const detail = async (platform: string) => (await admin.get(`/api/admin/platforms/${platform}`)).body;

async function runToEnd(platform: string): Promise<any> {
  for (let i = 0; i < 200; i++) {
    const run = (await detail(platform)).status.runs[0];
    if (run && run.status !== 'running') return run;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('run did not end');
}

describe('checking a text as it is typed', () => {
  it('places every problem on its line: unknown keys (with the key meant), missing keys, YAML syntax', async () => {
    const typo = text(site.baseUrl).replace('fields: { id: id,', 'fields: { id: { selecter: x },');
    const res = await admin.post('/api/admin/platforms/validate', { platform: 'weibo-local', yaml: typo });
    expect(res.status).toBe(200);
    expect(res.body.valid).toBe(false);
    const issue = res.body.issues[0];
    expect(issue).toMatchObject({ field: 'extract.fields.id', line: 10 });
    expect(issue.message).toMatch(/unknown key "selecter" \(did you mean "selector"\?\)/);
    expect(typo.slice(issue.from, issue.to)).toBe('selecter');

    const missing = await admin.post('/api/admin/platforms/validate', { platform: 'weibo-local', yaml: text(site.baseUrl).replace(/schedule:.*\n/, '') });
    expect(missing.body.issues).toEqual([expect.objectContaining({ field: 'schedule', line: 1, message: expect.stringMatching(/expected an object, received nothing/) })]);

    const syntax = await admin.post('/api/admin/platforms/validate', { platform: 'weibo-local', yaml: 'engine: cheerio\nstartUrls: [oops\n' });
    expect(syntax.body.valid).toBe(false);
    expect(syntax.body.issues[0].line).toBeGreaterThanOrEqual(2);

    const good = await admin.post('/api/admin/platforms/validate', { platform: 'weibo-local', yaml: text(site.baseUrl) });
    expect(good.body).toEqual({ valid: true, issues: [] });
  });

  it('a text must stay the platform it is saved as', async () => {
    const res = await admin.post('/api/admin/platforms/validate', { platform: 'weibo-local', yaml: `name: other\n${text(site.baseUrl)}` });
    expect(res.body.issues).toEqual([expect.objectContaining({ field: 'name', line: 1, message: expect.stringMatching(/expected name "weibo-local".*received "other"/) })]);
  });
});

describe('a new platform from the console', () => {
  it('dry run: the posts of one page as data (text as it is), warnings, nothing stored', async () => {
    const res = await admin.post('/api/admin/platforms/dry-run', { platform: 'weibo-local', yaml: text(site.baseUrl) });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('ok');
    expect(res.body.posts).toHaveLength(6);
    expect(res.body.posts.map((p: { text: string }) => p.text)).toContainEqual(expect.stringContaining(HOSTILE)); // as text: markup in a post is never read
    expect(Array.isArray(res.body.warnings)).toBe(true);
    expect(postsOf(ctx.db, 'weibo-local')).toHaveLength(0);
    expect(existsSync(path.join(dir, 'weibo-local.yaml'))).toBe(false);
  });

  it('an invalid dry run or save is refused with the placed issues', async () => {
    const bad = text(site.baseUrl).replace('engine: cheerio', 'engine: selenium');
    for (const url of ['/api/admin/platforms/dry-run', '/api/admin/platforms']) {
      const res = await admin.post(url, { platform: 'weibo-local', yaml: bad });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(/字段 engine.*expected one of "cheerio", "playwright", received "selenium"/);
      expect(res.body.issues[0]).toMatchObject({ field: 'engine', line: 3 });
    }
    expect(existsSync(path.join(dir, 'weibo-local.yaml'))).toBe(false);
  });

  it('save: the file written as typed, version 1 with who and when, audited; a taken key is refused', async () => {
    const res = await admin.post('/api/admin/platforms', { platform: 'weibo-local', yaml: text(site.baseUrl) });
    expect(res.status).toBe(201);
    expect(res.body.version).toMatchObject({ platform: 'weibo-local', version: 1, action: 'create', actor: `user:${admin.user.id}`, actor_name: 'boss', file: 'weibo-local.yaml' });
    expect(readFileSync(path.join(dir, 'weibo-local.yaml'), 'utf8')).toBe(text(site.baseUrl));
    expect(auditTrail(ctx.db, 'crawler_platform', 'weibo-local').map((a) => a.action)).toEqual(['dry_run', 'create']);
    expect((await admin.post('/api/admin/platforms', { platform: 'weibo-local', yaml: text(site.baseUrl) })).status).toBe(409);
    const list = (await admin.get('/api/admin/platforms')).body.platforms;
    expect(list.find((p: { platform: string }) => p.platform === 'weibo-local')).toMatchObject({ displayName: '本地微博', state: 'ok', valid: true, nextRunAt: expect.any(String), activity: { postsToday: 0, postsWeek: 0, leadsToday: 0, leadsWeek: 0 } });
  });

  it('run now: a run through the runner (trigger admin), posts stored and counted today', async () => {
    const res = await admin.post('/api/admin/platforms/weibo-local/run', {});
    expect(res.status).toBe(202);
    const run = await runToEnd('weibo-local');
    expect(run).toMatchObject({ trigger: 'admin', status: 'ok', new_posts: 6 });
    expect(postsOf(ctx.db, 'weibo-local')).toHaveLength(6);
    const p = (await admin.get('/api/admin/platforms')).body.platforms.find((x: { platform: string }) => x.platform === 'weibo-local');
    expect(p.activity).toMatchObject({ postsToday: 6, postsWeek: 6 });
    expect(p.lastRunAt).toEqual(expect.any(String));
  });
});

describe('editing, versions and the rest', () => {
  it('an invalid edit is refused and the file (so the running version) stays; a stale edit is refused', async () => {
    const before = await detail('weibo-local');
    const broken = before.source.yaml.replace('items:', 'itemz:');
    const res = await admin.put('/api/admin/platforms/weibo-local', { yaml: broken, baseSha: before.source.sha });
    expect(res.status).toBe(400);
    expect(res.body.issues.map((i: { field: string }) => i.field)).toEqual(expect.arrayContaining(['extract']));
    expect(readFileSync(path.join(dir, 'weibo-local.yaml'), 'utf8')).toBe(before.source.yaml);
    expect((await detail('weibo-local')).status.valid).toBe(true);
    const stale = await admin.put('/api/admin/platforms/weibo-local', { yaml: before.source.yaml, baseSha: '0000000000000000' });
    expect(stale.status).toBe(409);
  });

  it('an edit made outside the console is kept as a version before the console writes over it', async () => {
    const outside = text(site.baseUrl, 'cutoff: { maxAgeHours: 48 }\n');
    writeFileSync(path.join(dir, 'weibo-local.yaml'), outside);
    const d = await detail('weibo-local');
    const edited = outside.replace('displayName: 本地微博', 'displayName: 本地微博（新）');
    const res = await admin.put('/api/admin/platforms/weibo-local', { yaml: edited, baseSha: d.source.sha });
    expect(res.status).toBe(200);
    expect(res.body.version).toMatchObject({ version: 3, action: 'edit' });
    const versions = (await detail('weibo-local')).versions;
    expect(versions.map((v: { version: number; action: string }) => `${v.version}:${v.action}`)).toEqual(['3:edit', '2:import', '1:create']);
    expect(versions[1].yaml).toBe(outside);
    expect(versions[1].actor).toBe('system');
  });

  it('disable and enable write enabled: into the file, comments kept, and show in the list', async () => {
    expect((await admin.post('/api/admin/platforms/weibo-local/disable', {})).body.version.action).toBe('disable');
    const file = readFileSync(path.join(dir, 'weibo-local.yaml'), 'utf8');
    expect(file).toMatch(/^# 本地微博（测试用）/);
    expect(file).toMatch(/^enabled: false$/m);
    expect((await detail('weibo-local')).status).toMatchObject({ state: 'disabled', nextRunAt: null });
    expect((await admin.post('/api/admin/platforms/weibo-local/enable', {})).body.version.action).toBe('enable');
    expect(readFileSync(path.join(dir, 'weibo-local.yaml'), 'utf8')).toMatch(/^enabled: true$/m);
  });

  it('restore brings an earlier text back as the newest version', async () => {
    const res = await admin.post('/api/admin/platforms/weibo-local/versions/1/restore', {});
    expect(res.body.version).toMatchObject({ version: 6, action: 'restore' });
    expect(readFileSync(path.join(dir, 'weibo-local.yaml'), 'utf8')).toBe(text(site.baseUrl));
    expect((await admin.post('/api/admin/platforms/weibo-local/versions/99/restore', {})).status).toBe(404);
  });

  it('delete removes the file; posts, runs and versions stay, and a version brings it back', async () => {
    const res = await admin.delete('/api/admin/platforms/weibo-local');
    expect(res.status).toBe(200);
    expect(existsSync(path.join(dir, 'weibo-local.yaml'))).toBe(false);
    expect(postsOf(ctx.db, 'weibo-local')).toHaveLength(6);
    expect((await admin.get('/api/admin/platforms')).body.platforms.map((p: { platform: string }) => p.platform)).not.toContain('weibo-local');
    const d = await detail('weibo-local');
    expect(d).toMatchObject({ status: null, source: null });
    expect(d.versions[0]).toMatchObject({ version: 7, action: 'delete' });
    expect((await admin.post('/api/admin/platforms/weibo-local/run', {})).status).toBe(404);
    expect((await admin.post('/api/admin/platforms/weibo-local/versions/6/restore', {})).status).toBe(200);
    expect(existsSync(path.join(dir, 'weibo-local.yaml'))).toBe(true);
    expect(auditTrail(ctx.db, 'crawler_platform', 'weibo-local').map((a) => a.action)).toEqual(['dry_run', 'create', 'run', 'edit', 'disable', 'enable', 'restore', 'delete', 'restore']);
  });

  it('every console endpoint is for admins only', async () => {
    for (const [method, url] of [['GET', '/api/admin/platforms/weibo-local'], ['GET', '/api/admin/platform-schema'], ['POST', '/api/admin/platforms/validate'], ['POST', '/api/admin/platforms/weibo-local/run'], ['DELETE', '/api/admin/platforms/weibo-local']] as const) {
      const res = await verifier.send(method, url, method === 'POST' ? { json: { platform: 'weibo-local', yaml: '' } } : {});
      expect(res.status, `${method} ${url}`).toBe(403);
    }
    expect(existsSync(path.join(dir, 'weibo-local.yaml'))).toBe(true);
  });
});
