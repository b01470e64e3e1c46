import { Router } from 'express';
import { z } from 'zod';
import { tidyAuthTables } from '../auth/housekeeping.js';
import { burnVerifyTime, verifyPassword } from '../auth/passwords.js';
import { knownDevice, rememberBrowser } from '../auth/login-devices.js';
import { reserveLoginAttempt, settleLoginAttempt } from '../auth/login-throttle.js';
import { closeSession, openSession } from '../auth/session-store.js';
import { recordAudit } from '../audit/audit-log.js';
import { AuthError } from '../errors.js';
import { userNameKey } from '../storage/user-name-key.js';
import { findUserByName, ROLES } from '../storage/users.js';
import { clearSessionCookie, DEVICE_COOKIE, readCookie, SESSION_COOKIE, setDeviceCookie, setSessionCookie } from './auth/cookies.js';
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

const sessionView = z.object({
  user: z.object({ id: z.number(), name: z.string(), displayName: z.string().nullable(), role: z.enum(ROLES) }),
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
      const user = findUserByName(ctx.db, body.name.trim());
      const deviceToken = readCookie(req, DEVICE_COOKIE);
      const source = { account: userNameKey(body.name.trim()), address, device: knownDevice(ctx.db, deviceToken, user?.id) };
      const reserved = reserveLoginAttempt(ctx.db, ctx.config, source);
      if ('waitSeconds' in reserved) {
        const minutes = Math.ceil(reserved.waitSeconds / 60);
        res.set('Retry-After', String(reserved.waitSeconds));
        res.status(429).json({
          error: {
            message: reserved.newDevicesHeld
              ? `此账号最近有多次失败的登录尝试。为安全起见，没有登录过此账号的浏览器需等待 ${minutes} 分钟；在以前登录过此账号的浏览器上可以直接登录，或联系管理员。`
              : `登录失败次数过多，请 ${minutes} 分钟后再试，或联系管理员重置密码。`,
          },
        });
        return;
      }
      const ok = user && user.disabled === 0 ? await verifyPassword(user.password_hash, body.password) : (await burnVerifyTime(body.password), false);
      settleLoginAttempt(ctx.db, reserved.attemptId, source, ok);
      if (!ok || !user) {
        ctx.log.info({ account: source.account, address, knownBrowser: source.device !== null }, 'login failed');
        throw new AuthError('用户名或密码错误（账号被停用时也会如此提示）。请检查后重试。');
      }
      const old = readCookie(req, SESSION_COOKIE);
      if (old) closeSession(ctx.db, old); // no session fixation: always a fresh token
      const session = openSession(ctx.db, ctx.config, user.id, { address, userAgent: req.get('user-agent') ?? null });
      recordAudit(ctx.db, { actor: { kind: 'user', id: user.id, name: user.name }, entity: 'user', entityId: user.id, action: 'login', after: { address } });
      setSessionCookie(req, res, session.token, session.expiresAt);
      setDeviceCookie(req, res, rememberBrowser(ctx.db, deviceToken, user.id));
      res.json({
        user: { id: user.id, name: user.name, displayName: user.display_name, role: user.role },
        csrfToken: session.csrfToken,
        expiresAt: session.expiresAt,
      });
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
