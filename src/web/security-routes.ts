import { timingSafeEqual } from 'node:crypto';
import express, { type NextFunction, type Request, type Response } from 'express';
import helmet from 'helmet';
import { resumeSession } from '../auth/session-store.js';
import { ForbiddenError } from '../errors.js';
import { readCookie, SESSION_COOKIE } from './auth/cookies.js';
import type { SessionLocals } from './auth/guards.js';
import type { RouteModule } from './route-module.js';

export const CSRF_HEADER = 'x-csrf-token';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** Proving who one is (password, one-time code) needs no session's token: they replace the browser's session. */
const LOGIN_PATHS = new Set(['/api/auth/login', '/api/auth/setup-password']);

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** A browser's cross-site request (Origin of another host, or Sec-Fetch-Site: cross-site). */
function crossSite(req: Request): boolean {
  if (req.get('sec-fetch-site') === 'cross-site') return true;
  const origin = req.get('origin');
  if (!origin || origin === 'null') return origin === 'null';
  try {
    return new URL(origin).host !== req.get('host');
  } catch {
    return true;
  }
}

/**
 * Mounted first: security headers (CSP without inline script), JSON bodies with a size
 * limit, the session from the cookie (res.locals.session), and CSRF checks.
 *
 * CSRF: every state-changing request authenticated by the session cookie must carry the
 * session's token in X-CSRF-Token (the UI reads it from GET /api/auth/session). Requests
 * with an API key (Authorization: Bearer ...) never resolve a session, so a cookie cannot
 * ride along; they are not subject to CSRF. Cross-site browser requests that change state
 * are refused outright (covers login CSRF too). Logging in needs no session's token: it is
 * authenticated by the password, and it replaces a session the browser still has.
 */
export const securityRoutes: RouteModule = {
  name: 'security',
  mount(app, ctx) {
    app.use(
      helmet({
        contentSecurityPolicy: {
          useDefaults: false,
          directives: {
            defaultSrc: ["'self'"],
            scriptSrc: ["'self'"],
            styleSrc: ["'self'"],
            imgSrc: ["'self'", 'data:'],
            fontSrc: ["'self'"],
            connectSrc: ["'self'"],
            objectSrc: ["'none'"],
            frameSrc: ["'none'"],
            frameAncestors: ["'none'"],
            baseUri: ["'none'"],
            formAction: ["'self'"],
          },
        },
        referrerPolicy: { policy: 'no-referrer' },
      }),
    );
    app.use((req: Request, res: Response, next: NextFunction) => {
      if (req.path.startsWith('/api/')) res.set('Cache-Control', 'no-store');
      next();
    });
    app.use(express.json({ limit: '256kb' }));
    app.use((req: Request, res: Response, next: NextFunction) => {
      const bearer = /^Bearer\s/i.test(req.get('authorization') ?? '');
      const token = bearer ? undefined : readCookie(req, SESSION_COOKIE);
      const session = token ? resumeSession(ctx.db, ctx.config, token) : undefined;
      if (session) {
        const locals: SessionLocals = {
          user: { id: session.user_id, name: session.user_name, displayName: session.display_name, role: session.role },
          sessionId: session.id,
          csrfToken: session.csrf_token,
          expiresAt: session.expires_at,
        };
        res.locals.session = locals;
      }
      if (SAFE_METHODS.has(req.method)) return next();
      if (crossSite(req)) return next(new ForbiddenError('已拒绝来自其他网站的请求：请在本平台的页面内操作；外部系统请使用 API 密钥。'));
      if (session && !LOGIN_PATHS.has(req.path)) {
        const sent = req.get(CSRF_HEADER);
        if (!sent || !sameToken(sent, session.csrf_token)) {
          return next(new ForbiddenError('请求缺少 CSRF 令牌或令牌不对：请刷新页面后重试（API 调用方：在 X-CSRF-Token 请求头中发送 GET /api/auth/session 返回的 csrfToken）。'));
        }
      }
      next();
    });
  },
};
