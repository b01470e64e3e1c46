/**
 * Walks EVERY route registered on the app (the Express router stack, so routes other modules add
 * later are covered too) as nobody, as a verifier and as an admin, and checks the answer against
 * the access each route declares through its guard (requireRole / allowAnonymous / markAccess), as
 * nobody and as each role (verifier, admin, supervisor).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/web/app.js';
import { insertLead } from '../helpers/lead-fixtures.js';
import { tempContext, type TempContext } from '../helpers/temp-context.js';
import { listRoutes } from '../helpers/web-routes.js';
import { createUser, login, startApp, type Client, type RunningApp } from '../helpers/web-app.js';

/** A concrete URL for a route pattern (:params become sample values; Express 5 {optional} parts dropped). */
function concrete(path: string): string {
  return path
    .replace(/\{[^}]*\}/g, '')
    .replace(/\*\w+/g, 'x')
    .replace(/:number\b/g, 'GD20261121-000001')
    .replace(/:(\w+)/g, '1');
}

let ctx: TempContext;
let app: RunningApp;
let verifier: Client;
let admin: Client;
let supervisor: Client;

beforeAll(async () => {
  ctx = tempContext();
  await createUser(ctx, 'walker', 'verifier');
  await createUser(ctx, 'walkadmin', 'admin');
  await createUser(ctx, 'walksuper', 'supervisor');
  insertLead(ctx.db, { posts: [{ text: '路面塌陷' }] });
  app = await startApp(ctx);
  verifier = await login(app.baseUrl, 'walker');
  admin = await login(app.baseUrl, 'walkadmin');
  supervisor = await login(app.baseUrl, 'walksuper');
});
afterAll(async () => {
  await app.close();
  ctx.cleanup();
});

async function call(method: string, url: string, client?: Client): Promise<{ status: number; location: string | null }> {
  const page = method === 'GET' && !url.startsWith('/api/');
  const headers: Record<string, string> = { accept: page ? 'text/html' : 'application/json' };
  if (client) Object.assign(headers, { cookie: client.cookie, 'x-csrf-token': client.csrfToken });
  const hasBody = !['GET', 'HEAD', 'DELETE'].includes(method);
  if (hasBody) headers['content-type'] = 'application/json';
  const res = await fetch(app.baseUrl + url, { method, headers, redirect: 'manual', body: hasBody ? '{}' : undefined });
  await res.body?.cancel(); // event streams never end; status and headers are all we need
  return { status: res.status, location: res.headers.get('location') };
}

describe('every route checks its declared access', () => {
  it('finds the routes of every module, each with a declared access policy', () => {
    const routes = listRoutes(createApp(ctx));
    expect(routes.length).toBeGreaterThan(15);
    expect(routes).toContainEqual(expect.objectContaining({ method: 'POST', path: '/api/leads/:id/confirm' }));
    // 采集平台 console (#12): walked below like every route
    for (const [method, path] of [['POST', '/api/admin/platforms'], ['PUT', '/api/admin/platforms/:platform'], ['DELETE', '/api/admin/platforms/:platform'], ['POST', '/api/admin/platforms/:platform/run'], ['POST', '/api/admin/platforms/:platform/versions/:version/restore'], ['GET', '/platforms/:platform/edit']]) {
      expect(routes).toContainEqual({ method, path, policies: [{ kind: 'roles', roles: ['admin'] }] });
    }
    const undeclared = routes.filter((r) => r.policies.length === 0 && r.path !== '/healthz').map((r) => `${r.method} ${r.path}`);
    expect(undeclared, 'routes without requireRole/allowAnonymous/markAccess').toEqual([]);
  });

  it('answers nobody, a verifier, an admin and a supervisor as declared', async () => {
    // Logging out ends the session the walk uses: walk it last.
    const routes = listRoutes(createApp(ctx)).sort((a, b) => Number(a.path.endsWith('/logout')) - Number(b.path.endsWith('/logout')));
    const problems: string[] = [];
    for (const route of routes) {
      const url = concrete(route.path);
      const label = `${route.method} ${route.path}`;
      const roles = route.policies.find((p) => p.kind === 'roles');
      const apiKey = route.policies.some((p) => p.kind === 'apiKey');
      for (const [who, client] of [['nobody', undefined], ['verifier', verifier], ['admin', admin], ['supervisor', supervisor]] as const) {
        const { status, location } = await call(route.method, url, client);
        if (status >= 500) problems.push(`${label} as ${who}: ${status}`);
        if (apiKey) {
          if (status !== 401) problems.push(`${label} as ${who}: expected 401 without an API key, got ${status}`);
        } else if (roles) {
          const allowed = who !== 'nobody' && roles.roles.includes(who);
          if (who === 'nobody') {
            const page = route.method === 'GET' && !url.startsWith('/api/');
            const ok = page ? status === 303 && location?.startsWith('/login') : status === 401;
            if (!ok) problems.push(`${label} as nobody: expected ${page ? '303 to /login' : '401'}, got ${status}`);
          } else if (allowed ? status === 401 || status === 403 : status !== 403) {
            problems.push(`${label} as ${who}: expected ${allowed ? 'access' : '403'}, got ${status}`);
          }
        } else if (status === 401 || status === 403) {
          problems.push(`${label} (public) as ${who}: got ${status}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });
});

describe('hostile bodies', () => {
  it('never make a state-changing route answer 500 (unknown fields, wrong types, arrays, strings, deep nesting)', async () => {
    const bodies = ['{"__proto__":{"admin":true},"zzz":1}', '[1,2,3]', '"text"', 'null', '{"version":"1","into":[],"reason":{}}', JSON.stringify({ a: Array(50).fill({ b: [{ c: 'x'.repeat(1000) }] }) }), '{"version":1e309}', '{bad json'];
    const admin = await login(app.baseUrl, 'walkadmin'); // the walk above logged the others out
    const sanity = await admin.post('/api/leads/1/reject', { zzz: 1 });
    expect(sanity.status).toBe(400); // the session works: answers below are about the bodies
    const problems: string[] = [];
    let checked = 0;
    for (const route of listRoutes(createApp(ctx)).filter((r) => !['GET', 'HEAD'].includes(r.method) && !r.path.endsWith('/logout'))) {
      checked += 1;
      for (const body of bodies) {
        const res = await fetch(app.baseUrl + concrete(route.path), {
          method: route.method,
          headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrfToken, 'content-type': 'application/json', accept: 'application/json' },
          body,
        });
        const text = await res.text();
        if (res.status >= 500) problems.push(`${route.method} ${route.path} ${body.slice(0, 40)} → ${res.status} ${text.slice(0, 120)}`);
        else if (res.status === 400 && !JSON.parse(text).error?.message) problems.push(`${route.method} ${route.path}: 400 without a message`);
      }
    }
    expect(checked).toBeGreaterThan(8);
    expect(problems).toEqual([]);
  });
});

describe('the walker itself', () => {
  it('sees routes inside mounted routers, router-level guards, and routes without a guard', async () => {
    const express = (await import('express')).default;
    const { requireRole } = await import('../../src/web/auth/guards.js');
    const probe = express();
    const inner = express.Router();
    inner.use(requireRole('admin'));
    inner.get('/secret', (_req, res) => void res.end());
    probe.use('/admin', inner);
    probe.get('/open', (_req, res) => void res.end());
    const routes = listRoutes(probe);
    expect(routes).toEqual([
      { method: 'GET', path: '/admin/secret', policies: [{ kind: 'roles', roles: ['admin'] }] },
      { method: 'GET', path: '/open', policies: [] },
    ]);
  });
});
