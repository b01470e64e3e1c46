/**
 * Issue #13, findings 2 and 7: login throttling that parallel requests cannot outrun and that a
 * stranger cannot turn against the real user. Addresses are simulated behind one trusted proxy
 * (TRUST_PROXY=1: the proxy's X-Forwarded-For entry is the client's address).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempContext, type TempContext } from '../helpers/temp-context.js';
import { createUser, startApp, TEST_PASSWORD, type RunningApp } from '../helpers/web-app.js';

let ctx: TempContext;
let app: RunningApp;
const WRONG = 'wrong wrong wrong';

beforeAll(async () => {
  ctx = tempContext({ trustProxy: 1, loginMaxFailuresPerAccount: 5, loginMaxFailuresPerAddress: 30, loginMaxFailuresNewDevices: 8 });
  for (const name of ['burst', 'burst2', 'boss', 'chief', 'careful']) await createUser(ctx, name, 'admin');
  app = await startApp(ctx);
});
afterAll(async () => {
  await app.close();
  ctx.cleanup();
});

interface Attempt {
  status: number;
  message?: string;
  device?: string;
}

async function attempt(name: string, password: string, address: string, device?: string): Promise<Attempt> {
  const res = await fetch(`${app.baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': address, ...(device ? { cookie: device } : {}) },
    body: JSON.stringify({ name, password }),
  });
  const body = (await res.json()) as { error?: { message: string } };
  const set = res.headers.getSetCookie().find((c) => c.startsWith('cr_dev='));
  return { status: res.status, message: body.error?.message, device: set?.split(';')[0] };
}

const count = (rs: Attempt[], status: number) => rs.filter((r) => r.status === status).length;

describe('finding 2: parallel attempts', () => {
  it('checks only as many passwords as the limit allows when 150 arrive at once', async () => {
    const rs = await Promise.all(Array.from({ length: 150 }, () => attempt('burst', WRONG, '6.6.6.6')));
    expect(count(rs, 401)).toBe(5);
    expect(count(rs, 429)).toBe(145);
    expect((await attempt('burst', TEST_PASSWORD, '6.6.6.6')).status).toBe(429);
  });

  it('does not let the right password through a burst beyond the limit', async () => {
    const passwords = Array.from({ length: 40 }, (_, i) => (i === 39 ? TEST_PASSWORD : WRONG));
    const rs = await Promise.all(passwords.map((p) => attempt('burst2', p, '6.6.6.7')));
    expect(count(rs, 401) + count(rs, 200)).toBe(5); // five checked, whichever arrived first
    expect(count(rs, 429)).toBe(35);
  });
});

describe('finding 7: a stranger cannot lock the real user out', () => {
  let bossDevice: string;

  it('five wrong passwords from one address hold back only that address', async () => {
    const rs: Attempt[] = [];
    for (let i = 0; i < 7; i++) rs.push(await attempt('boss', WRONG, '6.6.6.6'));
    expect(rs.map((r) => r.status)).toEqual([401, 401, 401, 401, 401, 429, 429]);
    expect(rs[5]!.message).toMatch(/分钟后再试/);
    const real = await attempt('boss', TEST_PASSWORD, '7.7.7.7');
    expect(real.status).toBe(200);
    expect(real.device).toMatch(/^cr_dev=[\w-]{40,}$/);
    bossDevice = real.device!;
  });

  it('guessing from many addresses stops for new browsers, while the user\'s own browser still gets in', async () => {
    for (let a = 1; a <= 3; a++) for (let i = 0; i < 3; i++) await attempt('boss', WRONG, `10.0.0.${a}`); // 9 ≥ 8 from new browsers
    const guesser = await attempt('boss', TEST_PASSWORD, '10.0.0.77');
    expect(guesser.status).toBe(429);
    expect(guesser.message).toMatch(/以前登录过/);
    // the real user's browser, even from the stranger's address
    expect((await attempt('boss', TEST_PASSWORD, '6.6.6.6', bossDevice)).status).toBe(200);
    // a made-up device cookie is a new browser
    expect((await attempt('boss', TEST_PASSWORD, '10.0.0.78', 'cr_dev=made-up-made-up-made-up-made-up-made-up')).status).toBe(429);
  });

  it('a known browser has its own limit (a stolen device cookie does not give unlimited guesses)', async () => {
    const first = await attempt('careful', TEST_PASSWORD, '7.7.7.8');
    const device = first.device!;
    const rs: Attempt[] = [];
    for (let i = 0; i < 6; i++) rs.push(await attempt('careful', WRONG, `11.0.0.${i}`, device));
    expect(rs.map((r) => r.status)).toEqual([401, 401, 401, 401, 401, 429]);
    expect((await attempt('careful', TEST_PASSWORD, '11.0.0.9', device)).status).toBe(429);
    // its failures are its own: a new browser elsewhere is not held back by them
    expect((await attempt('careful', TEST_PASSWORD, '12.0.0.1')).status).toBe(200);
  });

  it('a browser known to one account is new to another', async () => {
    const rs: Attempt[] = [];
    for (let i = 0; i < 6; i++) rs.push(await attempt('chief', WRONG, '6.6.7.1', bossDevice));
    expect(rs.map((r) => r.status)).toEqual([401, 401, 401, 401, 401, 429]);
  });

  it('a new password forgets the user\'s browsers (one that got in with the old password is new again)', async () => {
    const { setPassword } = await import('../../src/auth/user-accounts.js');
    const { SYSTEM } = await import('../../src/audit/actor.js');
    const device = (await attempt('chief', TEST_PASSWORD, '13.0.0.1')).device!;
    expect(ctx.db.prepare("SELECT count(*) FROM login_devices WHERE user_id = (SELECT id FROM users WHERE name = 'chief')").pluck().get()).toBe(1);
    await setPassword(ctx.db, 'chief', 'a brand new pass phrase', SYSTEM);
    expect(ctx.db.prepare("SELECT count(*) FROM login_devices WHERE user_id = (SELECT id FROM users WHERE name = 'chief')").pluck().get()).toBe(0);
    const next = await attempt('chief', 'a brand new pass phrase', '13.0.0.1', device);
    expect(next.status).toBe(200);
    expect(next.device).not.toBe(device);
  });
});
