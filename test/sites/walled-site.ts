import type { IncomingMessage } from 'node:http';
import type { Handler } from '../../src/demo/site-server.js';
import { send } from '../../src/demo/site-server.js';
import { mblog } from '../../src/demo/platform-routes.js';
import type { SitePost } from '../../src/demo/site-post.js';

/**
 * A platform behind walls, as real ones answer a crawler without a valid login: 401, a redirect
 * to its login page, a captcha page, a slider of its own, empty 200 pages, and a JSON API that
 * serves its posts only to a cookie it knows (a stale one gets Weibo's "请先登录" JSON).
 */
export function walledRoutes(posts: SitePost[], validCookies: string[]): { routes: Record<string, Handler>; cookiesSeen: string[] } {
  const cookiesSeen: string[] = [];
  const cards = () => JSON.stringify({ ok: 1, data: { cards: posts.map((p) => ({ card_type: 9, mblog: mblog(p) })) } });
  const sub = (req: IncomingMessage) => /(?:^|;\s*)SUB=([^;]+)/.exec(req.headers.cookie ?? '')?.[1] ?? '';
  return {
    cookiesSeen,
    routes: {
      '/walled/401': (_req, res) => send(res, 401, 'application/json', '{"ok":0,"msg":"unauthorized"}'),
      '/walled/redirect': (_req, res) => send(res, 302, 'text/plain', '', { location: '/passport/login?r=%2Fwalled%2Fredirect' }),
      '/passport/login': (_req, res) => send(res, 200, 'text/html; charset=utf-8', '<html><body><form>用户名 密码</form></body></html>'),
      '/walled/captcha': (_req, res) => send(res, 200, 'text/html; charset=utf-8', '<html><body><div id="captcha">请完成安全验证</div></body></html>'),
      '/walled/slider': (_req, res) => send(res, 200, 'application/json', '{"ok":0,"msg":"请拖动滑块完成拼图"}'),
      '/walled/empty': (_req, res) => send(res, 200, 'application/json', '{"ok":1,"data":{"cards":[]}}'),
      '/walled/members': (req, res) => {
        const cookie = sub(req);
        cookiesSeen.push(cookie);
        if (validCookies.includes(cookie)) send(res, 200, 'application/json', cards());
        else send(res, 200, 'application/json', '{"ok":-100,"msg":"请先登录","url":"https://passport.weibo.cn/signin/welcome"}');
      },
    },
  };
}
