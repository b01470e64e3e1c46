import type { Request, Response } from 'express';
import { rememberBrowser } from '../../auth/login-devices.js';
import { closeSession, openSession } from '../../auth/session-store.js';
import { recordAudit } from '../../audit/audit-log.js';
import type { AppContext } from '../../context.js';
import type { UserRow } from '../../storage/users.js';
import { DEVICE_COOKIE, readCookie, SESSION_COOKIE, setDeviceCookie, setSessionCookie } from './cookies.js';

/**
 * Logs the user in on this browser once they proved who they are (password, or a one-time code):
 * a fresh session token (no fixation), the login audited, the browser remembered for throttling.
 * Returns the session body both login endpoints answer with.
 */
export function startSession(req: Request, res: Response, ctx: AppContext, user: UserRow, address: string) {
  const old = readCookie(req, SESSION_COOKIE);
  if (old) closeSession(ctx.db, old);
  const session = openSession(ctx.db, ctx.config, user.id, { address, userAgent: req.get('user-agent') ?? null });
  recordAudit(ctx.db, { actor: { kind: 'user', id: user.id, name: user.name }, entity: 'user', entityId: user.id, action: 'login', after: { address } });
  setSessionCookie(req, res, session.token, session.expiresAt);
  setDeviceCookie(req, res, rememberBrowser(ctx.db, readCookie(req, DEVICE_COOKIE), user.id));
  return {
    user: { id: user.id, name: user.name, displayName: user.display_name, role: user.role },
    csrfToken: session.csrfToken,
    expiresAt: session.expiresAt,
  };
}
