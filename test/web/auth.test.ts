import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempContext, type TempContext } from '../helpers/temp-context.js';
import { createUser, login, request, startApp, TEST_PASSWORD, type RunningApp } from '../helpers/web-app.js';

let ctx: TempContext;
let app: RunningApp;

beforeAll(async () => {
  ctx = tempContext({ loginMaxFailuresPerAccount: 3, loginMaxFailuresPerAddress: 50 });
  await createUser(ctx, 'wang', 'verifier');
  await createUser(ctx, 'boss', 'admin');
  await createUser(ctx, 'locked', 'verifier');
  app = await startApp(ctx);
});
afterAll(async () => {
  await app.close();
  ctx.cleanup();
});

describe('login and sessions', () => {
  it('sets an HttpOnly SameSite=Strict cookie and returns the CSRF token', async () => {
    const res = await fetch(`${app.baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'wang', password: TEST_PASSWORD }) });
    expect(res.status).toBe(200);
    const cookie = res.headers.getSetCookie()[0]!;
    expect(cookie).toMatch(/^cr_sid=[\w-]{40,}/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    expect(cookie).not.toMatch(/Secure/i); // plain http on 127.0.0.1
    const body = (await res.json()) as { csrfToken: string; user: { role: string } };
    expect(body.user.role).toBe('verifier');
    expect(body.csrfToken.length).toBeGreaterThan(20);
  });

  it('marks the cookie Secure behind a trusted TLS proxy', async () => {
    const c2 = tempContext({ trustProxy: 1 });
    await createUser(c2, 'wang', 'verifier');
    const a2 = await startApp(c2);
    try {
      const res = await fetch(`${a2.baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-proto': 'https' }, body: JSON.stringify({ name: 'wang', password: TEST_PASSWORD }) });
      expect(res.headers.getSetCookie()[0]).toMatch(/Secure/);
    } finally {
      await a2.close();
      c2.cleanup();
    }
  });

  it('rejects a wrong password and an unknown user with the same message', async () => {
    const a = await request(app.baseUrl, 'POST', '/api/auth/login', { name: 'wang', password: 'nope nope nope' });
    const b = await request(app.baseUrl, 'POST', '/api/auth/login', { name: 'nobody', password: 'nope nope nope' });
    expect(a.status).toBe(401);
    expect(b.status).toBe(401);
    expect(a.body.error.message).toBe(b.body.error.message);
  });

  it('throttles an account after repeated failures, even with the right password', async () => {
    for (let i = 0; i < 3; i++) expect((await request(app.baseUrl, 'POST', '/api/auth/login', { name: 'locked', password: 'wrong wrong wrong' })).status).toBe(401);
    const res = await request(app.baseUrl, 'POST', '/api/auth/login', { name: 'locked', password: TEST_PASSWORD });
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(res.body.error.message).toMatch(/分钟后再试/);
  });

  it('throttles an address that tries many accounts', async () => {
    const c2 = tempContext({ loginMaxFailuresPerAccount: 100, loginMaxFailuresPerAddress: 4 });
    await createUser(c2, 'wang', 'verifier');
    const a2 = await startApp(c2);
    try {
      for (let i = 0; i < 4; i++) expect((await request(a2.baseUrl, 'POST', '/api/auth/login', { name: `guess${i}`, password: 'wrong wrong wrong' })).status).toBe(401);
      const res = await request(a2.baseUrl, 'POST', '/api/auth/login', { name: 'wang', password: TEST_PASSWORD });
      expect(res.status).toBe(429);
    } finally {
      await a2.close();
      c2.cleanup();
    }
  });

  it('logs out disabled users at once', async () => {
    const { setDisabled } = await import('../../src/auth/user-accounts.js');
    const { SYSTEM } = await import('../../src/audit/actor.js');
    await createUser(ctx, 'leaver', 'verifier');
    const c = await login(app.baseUrl, 'leaver');
    setDisabled(ctx.db, 'leaver', true, SYSTEM);
    expect((await c.get('/api/auth/session')).status).toBe(401);
    expect((await request(app.baseUrl, 'POST', '/api/auth/login', { name: 'leaver', password: TEST_PASSWORD })).status).toBe(401);
  });

  it('redirects pages to the login page and keeps the way back', async () => {
    const res = await fetch(`${app.baseUrl}/leads/5`, { headers: { accept: 'text/html' }, redirect: 'manual' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/login?next=%2Fleads%2F5');
    const page = await fetch(`${app.baseUrl}/login`);
    const html = await page.text();
    expect(html).toContain('登录');
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/i); // no inline script anywhere
  });

  it('serves UI assets, and a missing one is a plain 404 without server paths', async () => {
    expect((await fetch(`${app.baseUrl}/assets/app.js`)).headers.get('content-type')).toMatch(/javascript/);
    const missing = await request(app.baseUrl, 'GET', '/assets/nope.js');
    expect(missing.status).toBe(404);
    expect(JSON.stringify(missing.body)).not.toContain('/work/');
  });

  it('validates the login body strictly', async () => {
    const res = await request(app.baseUrl, 'POST', '/api/auth/login', { name: 'wang', password: TEST_PASSWORD, admin: true });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/admin/);
    const bad = await request(app.baseUrl, 'POST', '/api/auth/login', { name: 5, password: TEST_PASSWORD });
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe('body.name');
    const malformed = await fetch(`${app.baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"name":' });
    expect(malformed.status).toBe(400);
  });

  it('needs the CSRF token for state-changing requests with a session, and refuses cross-site ones', async () => {
    const c = await login(app.baseUrl, 'wang');
    expect((await c.post('/api/auth/logout', {}, { headers: { 'x-csrf-token': 'forged' } })).status).toBe(403);
    const cross = await c.post('/api/auth/logout', {}, { headers: { origin: 'https://evil.example' } });
    expect(cross.status).toBe(403);
    expect((await c.get('/api/auth/session')).status).toBe(200);
    expect((await c.post('/api/auth/logout')).status).toBe(200);
    expect((await c.get('/api/auth/session')).status).toBe(401);
  });

  it('sends security headers with a CSP that forbids inline script', async () => {
    const res = await fetch(`${app.baseUrl}/api/auth/session`);
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toMatch(/script-src 'self'(;|$)/);
    expect(csp).not.toMatch(/unsafe-inline/);
    expect(csp).toMatch(/frame-ancestors 'none'/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('cache-control')).toBe('no-store');
  });

  it('tidies expired sessions and old login attempts', async () => {
    const { tidyAuthTables } = await import('../../src/auth/housekeeping.js');
    ctx.db.prepare("INSERT INTO login_attempts (account, address, ok, at) VALUES ('old', '1.2.3.4', 0, '2000-01-01T00:00:00.000Z')").run();
    ctx.db.prepare("UPDATE sessions SET expires_at = '2000-01-01T00:00:00.000Z' WHERE id = (SELECT id FROM sessions LIMIT 1)").run();
    const before = ctx.db.prepare('SELECT count(*) FROM sessions').pluck().get() as number;
    tidyAuthTables(ctx.db, ctx.config, Date.now() + 3_600_000);
    expect(ctx.db.prepare("SELECT count(*) FROM login_attempts WHERE account = 'old'").pluck().get()).toBe(0);
    expect(ctx.db.prepare('SELECT count(*) FROM sessions').pluck().get()).toBe(before - 1);
  });

  it('expires sessions', async () => {
    const c = await login(app.baseUrl, 'boss');
    ctx.db.prepare("UPDATE sessions SET expires_at = '2000-01-01T00:00:00.000Z'").run();
    const res = await c.get('/api/auth/session');
    expect(res.status).toBe(401);
    expect(res.body.error.message).toMatch(/重新登录/);
  });
});
