import { Router } from 'express';
import { z } from 'zod';
import { tidyAuthTables } from '../auth/housekeeping.js';
import { burnVerifyTime, verifyPassword } from '../auth/passwords.js';
import { loginBlockedFor, noteLoginAttempt } from '../auth/login-throttle.js';
import { closeSession, openSession } from '../auth/session-store.js';
import { recordAudit } from '../audit/audit-log.js';
import { AuthError } from '../errors.js';
import { userNameKey } from '../storage/user-name-key.js';
import { findUserByName } from '../storage/users.js';
import { clearSessionCookie, readCookie, SESSION_COOKIE, setSessionCookie } from './auth/cookies.js';
import { allowAnonymous, requireRole, sessionOf } from './auth/guards.js';
import { parseInput } from './http-errors.js';
import { errorResponses, jsonBody, jsonResponse } from './openapi/helpers.js';
import type { RouteModule } from './route-module.js';

export const loginBody = z
  .object({
    name: z.string().min(1, '请输入用户名').max(100),
    password: z.string().min(1, '请输入密码').max(1024),
  })
  .strict();

const sessionView = z.object({
  user: z.object({ id: z.number(), name: z.string(), displayName: z.string().nullable(), role: z.enum(['verifier', 'admin']) }),
  csrfToken: z.string(),
  expiresAt: z.string(),
});

const sessionExample = {
  user: { id: 1, name: 'zhangsan', displayName: '张三', role: 'verifier' },
  csrfToken: 'k3J9…',
  expiresAt: '2026-11-21T16:00:00.000Z',
};

export const authRoutes: RouteModule = {
  name: 'auth',
  mount(app, ctx) {
    const router = Router();

    router.post('/api/auth/login', allowAnonymous(), async (req, res) => {
      const body = parseInput(loginBody, req.body);
      tidyAuthTables(ctx.db, ctx.config);
      const address = req.ip ?? 'unknown';
      const account = userNameKey(body.name.trim()); // the name as lookups see it: one throttle per account
      const wait = loginBlockedFor(ctx.db, ctx.config, account, address);
      if (wait > 0) {
        res.set('Retry-After', String(wait));
        res.status(429).json({ error: { message: `登录失败次数过多，请 ${Math.ceil(wait / 60)} 分钟后再试，或联系管理员重置密码。` } });
        return;
      }
      const user = findUserByName(ctx.db, body.name.trim());
      const ok = user && user.disabled === 0 ? await verifyPassword(user.password_hash, body.password) : (await burnVerifyTime(body.password), false);
      noteLoginAttempt(ctx.db, account, address, ok);
      if (!ok || !user) {
        ctx.log.info({ account, address }, 'login failed');
        throw new AuthError('用户名或密码错误（账号被停用时也会如此提示）。请检查后重试。');
      }
      const old = readCookie(req, SESSION_COOKIE);
      if (old) closeSession(ctx.db, old); // no session fixation: always a fresh token
      const session = openSession(ctx.db, ctx.config, user.id, { address, userAgent: req.get('user-agent') ?? null });
      recordAudit(ctx.db, { actor: { kind: 'user', id: user.id, name: user.name }, entity: 'user', entityId: user.id, action: 'login', after: { address } });
      setSessionCookie(req, res, session.token, session.expiresAt);
      res.json({
        user: { id: user.id, name: user.name, displayName: user.display_name, role: user.role },
        csrfToken: session.csrfToken,
        expiresAt: session.expiresAt,
      });
    });

    router.post('/api/auth/logout', requireRole('verifier', 'admin'), (req, res) => {
      const token = readCookie(req, SESSION_COOKIE);
      if (token) closeSession(ctx.db, token);
      clearSessionCookie(req, res);
      res.json({ ok: true });
    });

    router.get('/api/auth/session', requireRole('verifier', 'admin'), (_req, res) => {
      const s = sessionOf(res)!;
      res.json({ user: s.user, csrfToken: s.csrfToken, expiresAt: s.expiresAt });
    });

    app.use(router);
  },
  openapiPaths: {
    '/api/auth/login': {
      post: {
        tags: ['auth'],
        summary: 'Log in with name and password; sets the HttpOnly session cookie and returns the CSRF token',
        security: [],
        requestBody: jsonBody(loginBody, { name: 'zhangsan', password: 'correct horse battery' }),
        responses: {
          '200': jsonResponse('logged in', sessionView, sessionExample),
          '429': { description: 'too many failed attempts for this account or address; Retry-After says when to retry' },
          ...errorResponses(400, 401, 403),
        },
      },
    },
    '/api/auth/logout': {
      post: { tags: ['auth'], summary: 'End the current session', responses: { '200': jsonResponse('logged out', z.object({ ok: z.boolean() }), { ok: true }), ...errorResponses(401, 403) } },
    },
    '/api/auth/session': {
      get: { tags: ['auth'], summary: 'The current user and the CSRF token to send as X-CSRF-Token', responses: { '200': jsonResponse('the session', sessionView, sessionExample), ...errorResponses(401) } },
    },
  },
};
