import type { Handler } from '../../src/demo/site-server.js';
import { delay, send } from '../../src/demo/site-server.js';
import { mblog } from '../../src/demo/platform-routes.js';
import type { SitePost } from '../../src/demo/site-post.js';

/**
 * A host that misbehaves the ways real platforms do: slow answers, 500s that pass,
 * 429 with Retry-After (short and long), 200 with garbage, an HTML page whose layout
 * changed, redirects. Each path's behaviour counts its own hits.
 */
export function flakyRoutes(posts: SitePost[]): Record<string, Handler> {
  const counts = new Map<string, number>();
  const hit = (k: string) => {
    const n = (counts.get(k) ?? 0) + 1;
    counts.set(k, n);
    return n;
  };
  const ok = (res: Parameters<Handler>[1]) =>
    send(res, 200, 'application/json', JSON.stringify({ ok: 1, data: { cards: posts.map((p) => ({ card_type: 9, mblog: mblog(p) })) } }));
  return {
    '/flaky/500-twice': (_req, res) => (hit('500') <= 2 ? send(res, 500, 'text/html', '<h1>502 Bad Gateway</h1>') : ok(res)),
    '/flaky/429-short': (_req, res) => (hit('429s') <= 1 ? send(res, 429, 'text/plain', 'slow down', { 'retry-after': '1' }) : ok(res)),
    '/flaky/429-long': (_req, res) => send(res, 429, 'text/plain', 'slow down', { 'retry-after': '3600' }),
    '/flaky/503-always': (_req, res) => send(res, 503, 'text/html', '系统繁忙'),
    '/flaky/garbage': (_req, res) => send(res, 200, 'application/json', '<html><body>系统繁忙，请稍后再试</body></html>'),
    '/flaky/binary': (_req, res) => send(res, 200, 'image/png', Buffer.from([0x89, 0x50, 0x4e, 0x47])),
    '/flaky/changed-layout': (_req, res) => send(res, 200, 'text/html; charset=utf-8', '<html><body><div class="feed-v2"><article>新版页面</article></div></body></html>'),
    '/flaky/slow': async (_req, res) => {
      await delay(3000);
      ok(res);
    },
    '/flaky/redirect': (_req, res) => send(res, 301, 'text/plain', '', { location: '/flaky/moved/list' }),
    '/flaky/moved/list': (_req, res) =>
      send(res, 200, 'text/html; charset=utf-8', `<ul>${posts.map((p) => `<li class="item"><a href="../thread/${p.id}">${p.title}</a><p>${p.text}</p></li>`).join('')}</ul>`),
    '/flaky/404': (_req, res) => send(res, 404, 'text/html', 'gone'),
  };
}
