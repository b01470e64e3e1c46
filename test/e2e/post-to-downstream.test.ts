import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDefinitions } from '../../src/crawl/loader.js';
import { runCrawl } from '../../src/crawl/runner.js';
import { startDemoSite } from '../../src/demo/demo-site.js';
import type { RunningSite } from '../../src/demo/site-server.js';
import { tempContext, type TempContext } from '../helpers/temp-context.js';
import { createUser, login, startApp, type RunningApp } from '../helpers/web-app.js';
import { api, newKey } from '../downstream/helpers.js';

const counts = (c: TempContext) => ({
  posts: c.db.prepare('SELECT count(*) FROM posts').pluck().get(),
  leads: c.db.prepare('SELECT count(*) FROM leads').pluck().get(),
});

/**
 * The whole product in one pass, each part real: crawl the demo platforms (JSON API, GBK forum,
 * feed) into SQLite, classify into leads, confirm one in the review API, and pull it as a
 * downstream system, which then reports back.
 */
describe('a post from a platform to a downstream system', () => {
  let ctx: TempContext;
  let site: RunningSite;
  let app: RunningApp;

  beforeAll(async () => {
    ctx = tempContext();
    site = await startDemoSite();
    const { definitions, errors } = loadDefinitions(path.resolve('crawlers/demo'));
    expect(errors).toEqual([]);
    for (const def of definitions) {
      const result = await runCrawl(ctx, { ...def, env: { ...def.env, DEMO_BASE: site.baseUrl } }, { trigger: 'demo' });
      expect(result.status, `${def.name}: ${result.errors.join('; ')}`).toBe('ok');
    }
    app = await startApp(ctx);
  });

  afterAll(async () => {
    await app?.close();
    await site?.close();
    ctx?.cleanup();
  });

  it('stores every demo post once and classifies all of them', () => {
    const posts = ctx.db.prepare('SELECT count(*) AS n, count(processed_at) AS processed FROM posts').get() as { n: number; processed: number };
    expect(posts.n).toBeGreaterThanOrEqual(50);
    expect(posts.processed).toBe(posts.n);
    const platforms = ctx.db.prepare('SELECT DISTINCT platform FROM posts ORDER BY platform').pluck().all();
    expect(platforms.length).toBe(3);
  });

  it('raises leads of several categories, with district and matched rules, and none for other cities', () => {
    const leads = ctx.db.prepare('SELECT category, district, matched, evidence FROM leads').all() as { category: string; district: string | null; matched: string; evidence: string }[];
    expect(leads.length).toBeGreaterThanOrEqual(15);
    expect(new Set(leads.map((l) => l.category)).size).toBeGreaterThanOrEqual(8);
    expect(leads.filter((l) => l.district).length).toBeGreaterThan(leads.length / 2);
    // every lead says why: rules that fired, or the model's evidence when it found the lead alone
    expect(leads.every((l) => JSON.parse(l.matched).length > 0 || JSON.parse(l.evidence).decided_by === 'model')).toBe(true);
    const outside = ctx.db
      .prepare("SELECT count(*) FROM lead_posts lp JOIN posts p ON p.id = lp.post_id WHERE p.text LIKE '%广州%' OR p.text LIKE '%东莞%' OR p.text LIKE '%香港%'")
      .pluck()
      .get();
    expect(outside).toBe(0);
  });

  it('a second crawl of the same platforms adds no post and no lead', async () => {
    const before = counts(ctx);
    const { definitions } = loadDefinitions(path.resolve('crawlers/demo'));
    for (const def of definitions) await runCrawl(ctx, { ...def, env: { ...def.env, DEMO_BASE: site.baseUrl } }, { trigger: 'demo' });
    expect(counts(ctx)).toEqual(before);
  });

  it('a verifier confirms the top lead; a downstream system pulls the work order and reports back', async () => {
    await createUser(ctx, 'wang', 'verifier');
    const staff = await login(app.baseUrl, 'wang');
    const queue = await staff.get('/api/leads');
    expect(queue.status).toBe(200);
    const top = queue.body.items[0];
    const confirmed = await staff.post(`/api/leads/${top.id}/confirm`, { version: top.version });
    expect(confirmed.status).toBe(201);
    const number: string = confirmed.body.workOrder.number;
    expect(number).toMatch(/^GD\d{8}-\d{6}$/);

    const key = newKey(ctx);
    const pulled = await api(app.baseUrl, key, 'GET', '/api/v1/work-orders?limit=100');
    expect(pulled.status).toBe(200);
    const order = pulled.body.items.find((o: { number: string }) => o.number === number);
    expect(order).toBeDefined();
    expect(order.category).toBe(top.category);
    expect(order.department).toBeTruthy();
    expect(order.source_posts.length).toBe(top.postCount);

    const accepted = await api(app.baseUrl, key, 'POST', `/api/v1/work-orders/${number}/events`, { type: 'accepted' }, { 'Idempotency-Key': 'e2e-1' });
    expect(accepted.status, JSON.stringify(accepted.body)).toBeLessThan(300);
    const next = await api(app.baseUrl, key, 'GET', `/api/v1/work-orders?cursor=${pulled.body.next_cursor}`);
    expect(next.body.items.map((o: { number: string; status: string }) => [o.number, o.status])).toEqual([[number, 'accepted']]);
  });
});
