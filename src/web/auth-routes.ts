import { Router } from 'express';
import { z } from 'zod';
import { tidyAuthTables } from '../auth/housekeeping.js';
import { burnVerifyTime, verifyPassword } from '../auth/passwords.js';
import { settleLoginAttempt } from '../auth/login-throttle.js';
import { closeSession } from '../auth/session-store.js';
import { AuthError } from '../errors.js';
import { findUserByName, ROLES } from '../storage/users.js';
import { clearSessionCookie, readCookie, SESSION_COOKIE } from './auth/cookies.js';
import { gateLogin } from './auth/login-gate.js';
import { startSession } from './auth/start-session.js';
import { allowAnonymous, READERS, requireRole, sessionOf } from './auth/guards.js';
import { parseInput } from './http-errors.js';
import { errorResponses, jsonBody, jsonResponse } from './openapi/helpers.js';
import type { RouteModule } from './route-module.js';

export const loginBody = z
  .object({
    name: z.string().min(1, '请输入用户名').max(100),
    password: z.string().min(1, '请输入密码').max(1024),
  })
  .strict();

export const sessionView = z.object({
  user: z.object({ id: z.number(), name: z.string(), displayName: z.string().nullable(), role: z.enum(ROLES) }),
  csrfToken: z.string(),
  expiresAt: z.string(),
});

export const sessionExample = {
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
      const user = findUserByName(ctx.db, body.name.trim());
      const gate = gateLogin(req, res, ctx, body.name.trim(), user?.id);
      if (!gate) return;
      const { source } = gate;
      const ok = user && user.disabled === 0 ? await verifyPassword(user.password_hash, body.password) : (await burnVerifyTime(body.password), false);
      settleLoginAttempt(ctx.db, gate.attemptId, source, ok);
      if (!ok || !user) {
        ctx.log.info({ account: source.account, address: source.address, knownBrowser: source.device !== null }, 'login failed');
        throw new AuthError('用户名或密码错误（账号被停用时也会如此提示）。请检查后重试。');
      }
      res.json(startSession(req, res, ctx, user, source.address));
    });

    router.post('/api/auth/logout', requireRole(...READERS), (req, res) => {
      const token = readCookie(req, SESSION_COOKIE);
      if (token) closeSession(ctx.db, token);
      clearSessionCookie(req, res);
      res.json({ ok: true });
    });

    router.get('/api/auth/session', requireRole(...READERS), (_req, res) => {
      const s = sessionOf(res)!;
      res.json({ user: s.user, csrfToken: s.csrfToken, expiresAt: s.expiresAt });
    });

    app.use(router);
  },
  openapiPaths: {
    '/api/auth/login': {
      post: {
        tags: ['auth'],
        summary: '用户名和密码登录；设置 HttpOnly 会话 Cookie 并返回 CSRF 令牌',
        security: [],
        requestBody: jsonBody(loginBody, { name: 'zhangsan', password: 'correct horse battery' }),
        responses: {
          '200': jsonResponse('logged in', sessionView, sessionExample),
          '429': { description: '失败次数过多：来自该地址或该浏览器的（对从未登录过此账号的浏览器，也算此账号在各处的）；Retry-After 给出几秒后可重试' },
          ...errorResponses(400, 401, 403),
        },
      },
    },
    '/api/auth/logout': {
      post: { tags: ['auth'], summary: '退出当前会话', responses: { '200': jsonResponse('logged out', z.object({ ok: z.boolean() }), { ok: true }), ...errorResponses(401, 403) } },
    },
    '/api/auth/session': {
      get: { tags: ['auth'], summary: '当前用户，以及需在 X-CSRF-Token 请求头中发送的 CSRF 令牌', responses: { '200': jsonResponse('the session', sessionView, sessionExample), ...errorResponses(401) } },
    },
  },
};
