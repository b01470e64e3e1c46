import type { Request, RequestHandler, Response } from 'express';
import type { Actor } from '../../audit/actor.js';
import { AuthError, ForbiddenError } from '../../errors.js';
import type { Role } from '../../storage/users.js';
import { browserNavigation } from '../error-page.js';

/**
 * Who may call a route, attached to its guard handler so a test can walk the router
 * and check every route's declared access (test/web/route-access.test.ts).
 * - roles: a logged-in user (session cookie) with one of the roles
 * - public: anyone
 * - apiKey: a downstream system with an API key (Authorization: Bearer ...); sessions do not count
 */
export type AccessPolicy = { kind: 'roles'; roles: Role[] } | { kind: 'public' } | { kind: 'apiKey' };

export const ACCESS_POLICY = Symbol.for('civic-radar.access-policy');

export type GuardHandler = RequestHandler & { [ACCESS_POLICY]: AccessPolicy };

/** Tags a handler with the access it enforces (D's API-key guard uses this too). */
export function markAccess<H extends RequestHandler>(handler: H, policy: AccessPolicy): H & GuardHandler {
  return Object.assign(handler, { [ACCESS_POLICY]: policy });
}

export function accessPolicyOf(handler: unknown): AccessPolicy | undefined {
  return typeof handler === 'function' ? (handler as Partial<GuardHandler>)[ACCESS_POLICY] : undefined;
}

/** What the security module puts on res.locals for a request with a live session. */
export interface SessionLocals {
  user: { id: number; name: string; displayName: string | null; role: Role };
  sessionId: string;
  csrfToken: string;
  expiresAt: string;
}

export function sessionOf(res: Response): SessionLocals | undefined {
  return res.locals.session as SessionLocals | undefined;
}

/** HTML page requests get redirected to the login page instead of a JSON 401. */
function wantsPage(req: Request): boolean {
  return !req.originalUrl.startsWith('/api/') && browserNavigation(req);
}

const ROLE_NAMES: Record<Role, string> = { admin: '管理员', verifier: '核实员', supervisor: '监督员' };

/** Everyone who reads what staff read; supervisors among them take no lead or work-order actions. */
export const READERS: readonly Role[] = ['verifier', 'admin', 'supervisor'];

const NOT_LOGGED_IN = '未登录或登录已过期；请在 /login 重新登录后重试';

/**
 * Allows the request only for a logged-in user with one of `roles`:
 * no session → 401 JSON (or a redirect to /login for pages), wrong role → 403.
 */
export function requireRole(...roles: Role[]): RequestHandler {
  if (roles.length === 0) throw new Error('requireRole needs at least one role');
  return markAccess((req, res, next) => {
    const session = sessionOf(res);
    if (!session) {
      if (wantsPage(req)) return res.redirect(303, `/login?next=${encodeURIComponent(req.originalUrl)}`);
      return next(new AuthError(NOT_LOGGED_IN));
    }
    if (!roles.includes(session.user.role)) {
      return next(new ForbiddenError(`此操作需要${roles.map((r) => ROLE_NAMES[r]).join('或')}权限，您的账号是${ROLE_NAMES[session.user.role]}；如确需访问，请联系管理员`));
    }
    next();
  }, { kind: 'roles', roles });
}

/** Declares a route open to everyone (login page, health, API docs), so the route walk knows it is meant. */
export function allowAnonymous(): RequestHandler {
  return markAccess((_req, _res, next) => next(), { kind: 'public' });
}

/** The actor of the current request: the session user, or an API key set by its guard on res.locals.actor. */
export function currentActor(res: Response): Actor {
  const session = sessionOf(res);
  if (session) return { kind: 'user', id: session.user.id, name: session.user.name };
  const actor = res.locals.actor as Actor | undefined;
  if (actor) return actor;
  throw new AuthError(NOT_LOGGED_IN);
}
