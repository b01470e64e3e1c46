import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCrawl } from '../../src/crawl/runner.js';
import { weiboRoutes } from '../../src/demo/platform-routes.js';
import { makePosts } from '../../src/demo/site-post.js';
import { startSite, type RunningSite } from '../../src/demo/site-server.js';
import { tempContext } from '../helpers/temp-context.js';
import { postsOf, shippedDefinition } from './helpers.js';

/** A forward HTTP proxy on 127.0.0.1 that records the absolute URLs it relays. */
function startProxy(): Promise<{ url: string; seen: string[]; server: Server }> {
  const seen: string[] = [];
  const server = createServer((req, res) => {
    seen.push(req.url ?? '');
    const target = new URL(req.url ?? '');
    const upstream = httpRequest(target, { method: req.method, headers: { ...req.headers, host: target.host } }, (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
    });
    upstream.on('error', () => res.writeHead(502).end());
    req.pipe(upstream);
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen, server })),
  );
}

describe('proxies (PROXY_URLS through Crawlee ProxyConfiguration)', () => {
  let site: RunningSite;
  let proxy: Awaited<ReturnType<typeof startProxy>>;
  beforeAll(async () => {
    site = await startSite(weiboRoutes(makePosts(12, new Date())));
    proxy = await startProxy();
  });
  afterAll(async () => {
    await site.close();
    await new Promise((r) => proxy.server.close(r));
  });

  it('sends every request of a platform through the configured proxy', async () => {
    const ctx = tempContext({ proxyUrls: [proxy.url] });
    try {
      const def = shippedDefinition('weibo-search.yaml', { WEIBO_BASE: site.baseUrl }, { keywords: { city: ['深圳'], problem: ['井盖'] } });
      const result = await runCrawl(ctx, def);
      expect(result.status, result.errors.join('; ')).toBe('ok');
      expect(postsOf(ctx.db, 'weibo-search')).toHaveLength(12);
      const api = proxy.seen.filter((u) => u.startsWith(`${site.baseUrl}/api/container/getIndex`));
      expect(api.length).toBeGreaterThan(0);
      expect(site.hits.filter((h) => h.startsWith('/api/container/getIndex'))).toHaveLength(api.length);
    } finally {
      ctx.cleanup();
    }
  });

  it('a platform file can opt out of proxies (proxy: false)', async () => {
    const ctx = tempContext({ proxyUrls: [proxy.url] });
    try {
      const before = proxy.seen.length;
      const def = shippedDefinition('weibo-search.yaml', { WEIBO_BASE: site.baseUrl }, { keywords: { city: ['深圳'], problem: ['积水'] }, proxy: false });
      expect((await runCrawl(ctx, def)).status).toBe('ok');
      expect(proxy.seen.length).toBe(before);
    } finally {
      ctx.cleanup();
    }
  });
});
