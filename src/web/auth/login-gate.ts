import type { Request, Response } from 'express';
import { knownDevice } from '../../auth/login-devices.js';
import { reserveLoginAttempt } from '../../auth/login-throttle.js';
import type { AppContext } from '../../context.js';
import type { AttemptSource } from '../../storage/login-attempts.js';
import { userNameKey } from '../../storage/user-name-key.js';
import { DEVICE_COOKIE, readCookie } from './cookies.js';

/**
 * The throttle in front of every way of proving who one is (a password, a one-time code): the
 * attempt to settle afterwards, or null when a 429 saying how long to wait was already sent.
 */
export function gateLogin(req: Request, res: Response, ctx: AppContext, name: string, userId: number | undefined): { attemptId: number; source: AttemptSource } | null {
  const source = { account: userNameKey(name), address: req.ip ?? 'unknown', device: knownDevice(ctx.db, readCookie(req, DEVICE_COOKIE), userId) };
  const reserved = reserveLoginAttempt(ctx.db, ctx.config, source);
  if ('attemptId' in reserved) return { attemptId: reserved.attemptId, source };
  const minutes = Math.ceil(reserved.waitSeconds / 60);
  res.set('Retry-After', String(reserved.waitSeconds));
  res.status(429).json({
    error: {
      message: reserved.newDevicesHeld
        ? `此账号最近有多次失败的登录尝试。为安全起见，没有登录过此账号的浏览器需等待 ${minutes} 分钟；在以前登录过此账号的浏览器上可以直接登录，或联系管理员。`
        : `登录失败次数过多，请 ${minutes} 分钟后再试，或联系管理员重置密码。`,
    },
  });
  return null;
}
