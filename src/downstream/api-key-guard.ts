import type { RequestHandler } from 'express';
import type { AppContext } from '../context.js';
import { AuthError, ForbiddenError } from '../errors.js';
import { touchApiKey } from '../storage/api-keys.js';
import { markAccess } from '../web/auth/guards.js';
import { findActiveKey, type ApiScope } from './api-keys.js';

/**
 * Downstream systems authenticate with `Authorization: Bearer crk_...` (Open311 clients may use
 * the `api_key` query parameter instead, the spec's convention): missing, unknown or revoked
 * → 401 (with WWW-Authenticate), valid but without `scope` → 403. Sets res.locals.actor to the key,
 * so currentActor(res) and the audit log name it.
 */
export function requireApiKey(ctx: AppContext, scope: ApiScope, options: { queryParam?: string } = {}): RequestHandler {
  return markAccess(
    (req, res, next) => {
      const header = req.get('authorization') ?? '';
      const fromQuery = options.queryParam ? req.query[options.queryParam] : undefined;
      const presented = /^Bearer\s+(\S+)\s*$/i.exec(header)?.[1] ?? (typeof fromQuery === 'string' ? fromQuery : undefined);
      res.set('WWW-Authenticate', 'Bearer realm="civic-radar"');
      if (!presented) return next(new AuthError('API key missing: send "Authorization: Bearer <key>"; an admin creates keys (CLI: apikey create)'));
      const key = findActiveKey(ctx.db, presented);
      if (!key) return next(new AuthError('API key unknown or revoked; ask an admin for a new key'));
      res.removeHeader('WWW-Authenticate');
      const scopes = JSON.parse(key.scopes) as string[];
      if (!scopes.includes(scope)) return next(new ForbiddenError(`this API key (${key.name}) lacks the scope ${scope}; it has ${scopes.join(', ') || 'none'}`));
      touchApiKey(ctx.db, key.id, new Date().toISOString());
      res.locals.actor = { kind: 'key', id: key.id, name: key.name };
      res.locals.apiKeyId = key.id;
      next();
    },
    { kind: 'apiKey' },
  );
}
