/**
 * Issue #13: an outside probe of logging in and sessions. Each block names its finding.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM } from '../../src/audit/actor.js';
import { setDisabled } from '../../src/auth/user-accounts.js';
import { tempContext, type TempContext } from '../helpers/temp-context.js';
import { createUser, login, request, startApp, TEST_PASSWORD, type RunningApp } from '../helpers/web-app.js';

let ctx: TempContext;
let app: RunningApp;

beforeAll(async () => {
  ctx = tempContext();
  for (const name of ['wang', 'boss', 'watcher', 'leaver', 'sleeper']) await createUser(ctx, name, name === 'boss' ? 'admin' : 'verifier');
  app = await startApp(ctx);
});
afterAll(async () => {
  await app.close();
  ctx.cleanup();
});

const sessionCookie = (res: Response) => res.headers.getSetCookie().find((c) => c.startsWith('cr_sid='))?.split(';')[0];

describe('finding 10: logging in while a session is live', () => {
  it('works without the old session\'s CSRF token, ends the old session and issues a new one', async () => {
    const old = await login(app.baseUrl, 'wang');
    const res = await fetch(`${app.baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: old.cookie, origin: app.baseUrl },
      body: JSON.stringify({ name: 'boss', password: TEST_PASSWORD }),
    });
    expect(res.status).toBe(200);
    const fresh = sessionCookie(res)!;
    expect(fresh).toBeDefined();
    expect(fresh).not.toBe(old.cookie);
    expect((await old.get('/api/auth/session')).status).toBe(401);
    const now = await request(app.baseUrl, 'GET', '/api/auth/session', undefined, { cookie: fresh });
    expect(now.status).toBe(200);
    expect(now.body.user.name).toBe('boss');
  });

  it('still refuses a cross-site login (login CSRF)', async () => {
    const old = await login(app.baseUrl, 'wang');
    const res = await request(app.baseUrl, 'POST', '/api/auth/login', { name: 'boss', password: TEST_PASSWORD }, { cookie: old.cookie, origin: 'https://evil.example' });
    expect(res.status).toBe(403);
    expect((await old.get('/api/auth/session')).status).toBe(200);
  });
});

/** Opens the live-events stream with `cookie`; `ended()` resolves when the server closes it. */
async function openStream(cookie: string) {
  const abort = new AbortController();
  const res = await fetch(`${app.baseUrl}/api/leads/events`, { headers: { cookie }, signal: abort.signal });
  expect(res.status).toBe(200);
  const reader = res.body!.getReader();
  const first = await reader.read();
  expect(new TextDecoder().decode(first.value)).toMatch(/retry|event: queue/);
  return {
    abort: () => abort.abort(),
    async ended(withinMs: number): Promise<boolean> {
      const timeout = new Promise<'open'>((resolve) => setTimeout(() => resolve('open'), withinMs));
      const drain = (async () => {
        for (;;) if ((await reader.read()).done) return 'ended' as const;
      })();
      const outcome = await Promise.race([drain, timeout]);
      if (outcome === 'open') abort.abort();
      return outcome === 'ended';
    },
  };
}

describe('finding 12: the live-events stream ends with its session', () => {
  it('ends on logout', async () => {
    const c = await login(app.baseUrl, 'watcher');
    const stream = await openStream(c.cookie);
    expect((await c.post('/api/auth/logout')).status).toBe(200);
    expect(await stream.ended(6000)).toBe(true);
  });

  it('ends when the user is disabled', async () => {
    const c = await login(app.baseUrl, 'leaver');
    const stream = await openStream(c.cookie);
    setDisabled(ctx.db, 'leaver', true, SYSTEM);
    expect(await stream.ended(6000)).toBe(true);
  });

  it('ends when the session expires', async () => {
    const c = await login(app.baseUrl, 'sleeper');
    const stream = await openStream(c.cookie);
    ctx.db.prepare("UPDATE sessions SET expires_at = '2000-01-01T00:00:00.000Z' WHERE user_id = (SELECT id FROM users WHERE name = 'sleeper')").run();
    expect(await stream.ended(6000)).toBe(true);
  });

  it('keeps a live session\'s stream open', async () => {
    const c = await login(app.baseUrl, 'wang');
    const stream = await openStream(c.cookie);
    expect(await stream.ended(3000)).toBe(false);
  });
});
