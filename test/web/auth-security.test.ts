/**
 * Issue #13: an outside probe of logging in and sessions. Each block names its finding.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM } from '../../src/audit/actor.js';
import { addUser, setDisabled } from '../../src/auth/user-accounts.js';
import { ConflictError } from '../../src/errors.js';
import { openDatabase } from '../../src/storage/database.js';
import { applyMigrations } from '../../src/storage/migrate.js';
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
    expect(res.body.error.message).toMatch(/已拒绝来自其他网站的请求/);
    expect((await old.get('/api/auth/session')).status).toBe(200);
    const forged = await old.post('/api/auth/logout', {}, { headers: { 'x-csrf-token': 'forged' } });
    expect(forged.status).toBe(403);
    expect(forged.body.error.message).toMatch(/CSRF 令牌.*刷新页面/);
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

describe('finding 8: user names are unique ignoring case', () => {
  it('refuses a name that differs from an existing one only in case or width, in Chinese, naming it', async () => {
    for (const name of ['WANG', 'Wang', 'ｗａｎｇ']) {
      const err = await addUser(ctx.db, { name, role: 'verifier', password: TEST_PASSWORD }, SYSTEM).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ConflictError);
      expect((err as Error).message).toMatch(/已有用户“wang”/);
      expect((err as Error).message).toMatch(/不区分大小写/);
    }
    expect(ctx.db.prepare("SELECT count(*) FROM users WHERE lower(name) = 'wang'").pluck().get()).toBe(1);
  });

  it('logs in by the name whatever its case', async () => {
    const res = await request(app.baseUrl, 'POST', '/api/auth/login', { name: 'WanG', password: TEST_PASSWORD });
    expect(res.status).toBe(200);
    expect(res.body.user.name).toBe('wang');
  });

  it('keeps users that already differ only in case, renaming the later ones "<name>-<id>" with an audit entry', () => {
    const migrations = fileURLToPath(new URL('../../src/storage/migrations/', import.meta.url));
    const mine = readdirSync(migrations).find((f) => /user-name-key\.sql$/.test(f))!;
    expect(mine).toBeDefined();
    const dir = mkdtempSync(path.join(tmpdir(), 'civic-radar-names-'));
    try {
      const older = path.join(dir, 'migrations-before');
      const all = path.join(dir, 'migrations');
      for (const d of [older, all]) mkdirSync(d);
      for (const f of readdirSync(migrations).filter((f) => f.endsWith('.sql'))) {
        copyFileSync(path.join(migrations, f), path.join(all, f));
        if (f < mine) copyFileSync(path.join(migrations, f), path.join(older, f));
      }
      const db = openDatabase(path.join(dir, 'db.sqlite'), { migrate: false });
      applyMigrations(db, older + '/');
      const add = db.prepare("INSERT INTO users (name, role, password_hash, created_at, updated_at) VALUES (?, 'verifier', 'h', '', '')");
      for (const name of ['li', 'Li', 'zhao', 'LI']) add.run(name);
      expect(applyMigrations(db, all + '/')).toContain(mine.replace(/\.sql$/, ''));
      expect(db.prepare('SELECT name FROM users ORDER BY id').pluck().all()).toEqual(['li', 'Li-2', 'zhao', 'LI-4']);
      const audit = db.prepare("SELECT entity_id, before, after FROM audit_log WHERE action = 'rename' ORDER BY id").all();
      expect(audit).toEqual([
        { entity_id: '2', before: '{"name":"Li"}', after: '{"name":"Li-2"}' },
        { entity_id: '4', before: '{"name":"LI"}', after: '{"name":"LI-4"}' },
      ]);
      expect(() => db.prepare("INSERT INTO users (name, name_key, role, password_hash, created_at, updated_at) VALUES ('ZHAO', user_name_key('ZHAO'), 'admin', 'h', '', '')").run()).toThrow(/UNIQUE/);
      db.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
