import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountSecrets } from '../../src/crawl/accounts/platform-accounts.js';
import { open, seal, secretsKey } from '../../src/crawl/accounts/secret-box.js';
import { tempContext, type TempContext } from '../helpers/temp-context.js';
import { createUser, login, startApp, type Client, type RunningApp } from '../helpers/web-app.js';

/** 平台账号 (#12): write-only secrets, AES-256-GCM at rest with SECRETS_KEY, never answered back. */
const KEY = randomBytes(32).toString('hex');
const COOKIE = 'SUB=_2A25Lsecret-cookie-value-0123456789; SUBP=0033WrSXqPxfM725';
const TOKEN = 'eyJhbGciOiJIUzI1NiJ9.secret-token-value';
let ctx: TempContext;
let app: RunningApp;
let admin: Client;
let platform = '';

beforeAll(async () => {
  ctx = tempContext({ secretsKey: KEY });
  await createUser(ctx, 'boss', 'admin');
  app = await startApp(ctx);
  admin = await login(app.baseUrl, 'boss');
  platform = (await admin.get('/api/admin/platforms?runs=1')).body.platforms[0].platform;
});
afterAll(async () => {
  await app?.close();
  ctx?.cleanup();
});

describe('the secret box', () => {
  const key = secretsKey({ secretsKey: KEY });
  it('opens what it sealed, for the same platform only, and refuses tampering', () => {
    const sealed = seal(key, 'hello', 'weibo');
    expect(sealed).not.toContain('hello');
    expect(open(key, sealed, 'weibo')).toBe('hello');
    expect(() => open(key, sealed, 'douyin')).toThrow(/无法解密/);
    expect(() => open(randomBytes(32), sealed, 'weibo')).toThrow(/SECRETS_KEY 与保存时的不同/);
    const bytes = Buffer.from(sealed.slice(3), 'base64');
    bytes[bytes.length - 1]! ^= 1;
    expect(() => open(key, `v1:${bytes.toString('base64')}`, 'weibo')).toThrow(/无法解密/);
  });

  it('says what key it expects', () => {
    expect(() => secretsKey({})).toThrow(/未设置 SECRETS_KEY.*openssl rand -hex 32/);
    expect(() => secretsKey({ secretsKey: 'abc' })).toThrow(/期望 32 字节.*收到 2 字节/);
    expect(secretsKey({ secretsKey: randomBytes(32).toString('base64') })).toHaveLength(32);
  });
});

describe('/api/admin/platform-accounts', () => {
  it('stores the account encrypted and answers with names and lengths only', async () => {
    const res = await admin.post('/api/admin/platform-accounts', { platform, label: '账号一', cookie: COOKIE, headers: { 'X-Token': TOKEN } });
    expect(res.status).toBe(201);
    expect(res.body.fields).toEqual([{ name: 'Cookie', length: COOKIE.length, masked: '••••••••' }, { name: 'X-Token', length: TOKEN.length, masked: '••••••••' }]);
    const everything = JSON.stringify([res.body, (await admin.get('/api/admin/platform-accounts')).body, ctx.db.prepare('SELECT * FROM platform_accounts').all(), ctx.db.prepare('SELECT * FROM audit_log').all()]);
    for (const secret of [COOKIE, TOKEN, 'secret-cookie-value', 'secret-token-value']) expect(everything).not.toContain(secret);
    expect(accountSecrets(ctx, platform)).toEqual([{ id: res.body.id, label: '账号一', secrets: { Cookie: COOKIE, 'X-Token': TOKEN }, loginWallAt: null }]);
  });

  it('keeps several accounts per platform, in order; a disabled one is not used', async () => {
    const second = await admin.post('/api/admin/platform-accounts', { platform, label: '账号二', headers: { Authorization: 'Bearer two' } });
    expect(second.status).toBe(201);
    expect(accountSecrets(ctx, platform).map((a) => a.label)).toEqual(['账号一', '账号二']);
    expect((await admin.patch(`/api/admin/platform-accounts/${second.body.id}`, { enabled: false })).body.enabled).toBe(false);
    expect(accountSecrets(ctx, platform).map((a) => a.label)).toEqual(['账号一']);
    expect((await admin.delete(`/api/admin/platform-accounts/${second.body.id}`)).status).toBe(200);
    expect((await admin.delete(`/api/admin/platform-accounts/${second.body.id}`)).status).toBe(404);
  });

  it('refuses what it cannot store safely, saying what it expected', async () => {
    const cases: [unknown, number, RegExp][] = [
      [{ platform, label: '账号一', cookie: 'a=b' }, 409, /已有名为“账号一”/],
      [{ platform: 'no-such-platform', label: 'x', cookie: 'a=b' }, 400, /没有名为“no-such-platform”的采集平台/],
      [{ platform, label: '空账号' }, 400, /至少一项/],
      [{ platform, label: '换行', headers: { 'X-A': 'ok\r\nX-Injected: 1' } }, 400, /单行/],
      [{ platform, label: '坏名', headers: { 'X A': 'v' } }, 400, /请求头名称/],
      [{ platform, label: 'x', cookie: 'a=b', password: 'p' }, 400, /unknown field/],
    ];
    for (const [body, status, message] of cases) {
      const res = await admin.post('/api/admin/platform-accounts', body);
      expect([res.status, res.body.error.message]).toEqual([status, expect.stringMatching(message)]);
    }
  });

  it('without SECRETS_KEY lists, says so, and refuses to save', async () => {
    const bare = tempContext();
    await createUser(bare, 'boss', 'admin');
    const other = await startApp(bare);
    try {
      const client = await login(other.baseUrl, 'boss');
      expect((await client.get('/api/admin/platform-accounts')).body).toEqual({ items: [], encryption_ready: false });
      const res = await client.post('/api/admin/platform-accounts', { platform, label: '账号一', cookie: COOKIE });
      expect(res.status).toBe(409);
      expect(res.body.error.message).toMatch(/未设置 SECRETS_KEY/);
    } finally {
      await other.close();
      bare.cleanup();
    }
  });
});
