/**
 * Issue #13, finding 4: TRUST_PROXY is the number of reverse proxies in front of the app. Only the
 * X-Forwarded-For entries those proxies appended are believed (counted from the right), so what a
 * client writes there itself can neither spoof the logged address nor dodge the per-address limit.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { ConfigError } from '../../src/errors.js';
import { tempContext, type TempContext } from '../helpers/temp-context.js';
import { createUser, request, startApp, TEST_PASSWORD, type RunningApp } from '../helpers/web-app.js';

let ctx: TempContext;
let app: RunningApp;

beforeAll(async () => {
  ctx = tempContext({ trustProxy: 1, loginMaxFailuresPerAddress: 3, loginMaxFailuresPerAccount: 100 });
  await createUser(ctx, 'wang', 'verifier');
  app = await startApp(ctx);
});
afterAll(async () => {
  await app.close();
  ctx.cleanup();
});

const login = (name: string, password: string, forwardedFor: string) =>
  request(app.baseUrl, 'POST', '/api/auth/login', { name, password }, { 'x-forwarded-for': forwardedFor });

describe('TRUST_PROXY=1 (one reverse proxy)', () => {
  it('sees the client as the address the proxy appended, not the one the client wrote', async () => {
    expect((await login('wang', TEST_PASSWORD, '1.2.3.4, 5.6.7.8')).status).toBe(200);
    expect(ctx.db.prepare('SELECT address FROM sessions ORDER BY created_at DESC LIMIT 1').pluck().get()).toBe('5.6.7.8');
    const audit = ctx.db.prepare("SELECT after FROM audit_log WHERE action = 'login' ORDER BY id DESC LIMIT 1").pluck().get() as string;
    expect(JSON.parse(audit).address).toBe('5.6.7.8');
  });

  it('keeps counting failures per address when the client rotates the first X-Forwarded-For value', async () => {
    for (let i = 0; i < 3; i++) expect((await login(`guess${i}`, 'wrong wrong wrong', `10.0.0.${i}, 9.9.9.9`)).status).toBe(401);
    const res = await login('wang', TEST_PASSWORD, '10.0.0.99, 9.9.9.9');
    expect(res.status).toBe(429);
    // another client (another address appended by the proxy) is not affected
    expect((await login('wang', TEST_PASSWORD, '10.0.0.99, 8.8.8.8')).status).toBe(200);
  });
});

describe('TRUST_PROXY values', () => {
  const load = (value: string) => loadConfig({ env: { TRUST_PROXY: value }, cwd: ctx.dir });
  it('takes a hop count, and false as 0', () => {
    expect(load('2').trustProxy).toBe(2);
    expect(load('false').trustProxy).toBe(0);
    expect(loadConfig({ env: {}, cwd: ctx.dir }).trustProxy).toBe(0);
  });

  it('refuses true (it believed any client-written X-Forwarded-For), naming the field and saying what to write', () => {
    let err: unknown;
    try {
      load('true');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as Error).message).toMatch(/TRUST_PROXY/);
    expect((err as Error).message).toMatch(/层数/);
    expect((err as Error).message).toMatch(/"true"/);
  });
});
