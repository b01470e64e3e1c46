import { Router } from 'express';
import { settleLoginAttempt } from '../../auth/login-throttle.js';
import { redeemSetupCode } from '../../auth/setup-codes.js';
import { AuthError } from '../../errors.js';
import { findUserByName } from '../../storage/users.js';
import { allowAnonymous } from '../../web/auth/guards.js';
import { gateLogin } from '../../web/auth/login-gate.js';
import { startSession } from '../../web/auth/start-session.js';
import { sessionExample, sessionView } from '../../web/auth-routes.js';
import { parseInput } from '../../web/http-errors.js';
import { errorResponses, jsonBody, jsonResponse } from '../../web/openapi/helpers.js';
import type { RouteModule } from '../../web/route-module.js';
import { setupPasswordBody } from './people-schemas.js';

/**
 * A new person, or one whose password an admin reset, sets their own password with the one-time
 * code and is logged in. Throttled like the login: a wrong code counts as a failed login.
 */
export const setupPasswordRoutes: RouteModule = {
  name: 'setup-password',
  mount(app, ctx) {
    const router = Router();
    router.post('/api/auth/setup-password', allowAnonymous(), async (req, res) => {
      const body = parseInput(setupPasswordBody, req.body, 'body');
      const gate = gateLogin(req, res, ctx, body.name, findUserByName(ctx.db, body.name)?.id);
      if (!gate) return;
      let user;
      try {
        user = await redeemSetupCode(ctx.db, body);
      } catch (err) {
        // a password the policy refuses came with a valid code: not a guess
        settleLoginAttempt(ctx.db, gate.attemptId, gate.source, !(err instanceof AuthError));
        throw err;
      }
      settleLoginAttempt(ctx.db, gate.attemptId, gate.source, true);
      res.json(startSession(req, res, ctx, user, gate.source.address));
    });
    app.use(router);
  },
  openapiPaths: {
    '/api/auth/setup-password': {
      post: {
        tags: ['auth'],
        summary: '用管理员给的一次性代码设置自己的密码并登录（新账号首次登录，或密码被重置后）',
        description: '代码只能用一次，过期作废；新密码须符合密码规则。成功后该账号其他会话全部退出。错误的代码与登录失败一样计入限流。',
        security: [],
        requestBody: jsonBody(setupPasswordBody, { name: 'zhangsan', code: 'K7QM-4XZP-9HTR', password: '春眠不觉晓处处闻啼鸟' }),
        responses: { '200': jsonResponse('logged in', sessionView, sessionExample), '429': { description: '失败次数过多；Retry-After 给出几秒后可重试' }, ...errorResponses(400, 401) },
      },
    },
  },
};
