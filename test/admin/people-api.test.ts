import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempContext, type TempContext } from '../helpers/temp-context.js';
import { createUser, login, request, startApp, TEST_PASSWORD, type Client, type RunningApp } from '../helpers/web-app.js';

/** 人员 over HTTP: the real app on 127.0.0.1 and a real SQLite file (#12). */
let ctx: TempContext;
let app: RunningApp;
let admin: Client;
const NEW_PASSWORD = '晚来天欲雪能饮一杯无';

beforeAll(async () => {
  ctx = tempContext();
  await createUser(ctx, 'boss', 'admin');
  await createUser(ctx, 'clerk', 'verifier');
  app = await startApp(ctx);
  admin = await login(app.baseUrl, 'boss');
});
afterAll(async () => {
  await app?.close();
  ctx?.cleanup();
});

const setup = (name: string, code: string, password = NEW_PASSWORD) => request(app.baseUrl, 'POST', '/api/auth/setup-password', { name, code, password });
const auditActions = (userId: number) => (ctx.db.prepare("SELECT action FROM audit_log WHERE entity = 'user' AND entity_id = ? ORDER BY id").pluck().all(String(userId)) as string[]);

describe('a new person with a one-time code', () => {
  let code = '';
  let id = 0;

  it('is created without a password; the code is returned once and only its digest is stored', async () => {
    const res = await admin.post('/api/admin/users', { name: 'lisi', display_name: '李四', role: 'verifier' });
    expect(res.status).toBe(201);
    ({ code } = res.body.setup_code);
    id = res.body.user.id;
    expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    expect(res.body.user).toMatchObject({ name: 'lisi', display_name: '李四', role: 'verifier', disabled: false, last_login_at: null });
    expect(Date.parse(res.body.setup_code.expires_at) - Date.now()).toBeGreaterThan(71 * 3_600_000);
    const list = await admin.get('/api/admin/users');
    expect(JSON.stringify(list.body)).not.toContain(code);
    expect(list.body.items.find((u: { name: string }) => u.name === 'lisi').setup_code_expires_at).toBe(res.body.setup_code.expires_at);
    const stored = JSON.stringify(ctx.db.prepare('SELECT * FROM user_setup_codes').all()) + JSON.stringify(ctx.db.prepare('SELECT * FROM users').all());
    expect(stored).not.toContain(code.replace(/-/g, ''));
    expect(stored).not.toContain(code);
  });

  it('cannot log in with any password before setting one', async () => {
    expect((await request(app.baseUrl, 'POST', '/api/auth/login', { name: 'lisi', password: '' + code })).status).toBe(401);
  });

  it('refuses a wrong code and a password the policy refuses, keeping the code usable', async () => {
    const wrong = await setup('lisi', 'AAAA-BBBB-CCCC');
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.message).toMatch(/一次性代码不正确/);
    const weak = await setup('lisi', code, 'password123');
    expect(weak.status).toBe(400);
    expect(weak.body.error.field).toBe('password');
    expect((await setup('zhangsan', code)).status).toBe(401); // another person's name with this code
  });

  it('sets the password, logs in, and works only once (case and dashes do not matter)', async () => {
    const res = await setup('LiSi', code.toLowerCase().replace(/-/g, ' '));
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({ name: 'lisi', role: 'verifier' });
    expect(res.headers.getSetCookie().some((c) => c.startsWith('cr_sid='))).toBe(true);
    expect((await setup('lisi', code)).status).toBe(401);
    const me = await login(app.baseUrl, 'lisi', NEW_PASSWORD);
    expect((await me.get('/api/auth/session')).body.user.name).toBe('lisi');
    expect(auditActions(id)).toEqual(['create', 'password-setup', 'login', 'login']);
    const listed = (await admin.get('/api/admin/users')).body.items.find((u: { id: number }) => u.id === id);
    expect(listed.setup_code_expires_at).toBeNull();
    expect(listed.last_login_at).not.toBeNull();
  });

  it('refuses an expired code', async () => {
    const res = await admin.post('/api/admin/users', { name: 'wangwu', role: 'supervisor' });
    ctx.db.prepare("UPDATE user_setup_codes SET expires_at = '2000-01-01T00:00:00.000Z' WHERE user_id = ?").run(res.body.user.id);
    expect((await setup('wangwu', res.body.setup_code.code)).status).toBe(401);
  });
});

describe('reset password with a one-time code', () => {
  it('ends the sessions, stops the old password and gives a code that sets a new one', async () => {
    const clerk = await login(app.baseUrl, 'clerk');
    const id = clerk.user.id;
    expect((await admin.post(`/api/admin/users/${id}/password-reset`, { name: 'boss' })).status).toBe(400); // not this person
    const res = await admin.post(`/api/admin/users/${id}/password-reset`, { name: 'clerk' });
    expect(res.status).toBe(201);
    expect((await clerk.get('/api/auth/session')).status).toBe(401);
    expect((await request(app.baseUrl, 'POST', '/api/auth/login', { name: 'clerk', password: TEST_PASSWORD })).status).toBe(401);
    expect((await setup('clerk', res.body.code)).status).toBe(200);
    await login(app.baseUrl, 'clerk', NEW_PASSWORD);
    expect(auditActions(id)).toContain('password-reset');
    const row = ctx.db.prepare("SELECT actor FROM audit_log WHERE entity = 'user' AND entity_id = ? AND action = 'password-reset'").get(String(id)) as { actor: string };
    expect(row.actor).toBe(`user:${admin.user.id}`);
  });
});

describe('role and disable', () => {
  it('changes a role and disables / enables a person; disabling ends their sessions', async () => {
    await createUser(ctx, 'zhao', 'verifier');
    const zhao = await login(app.baseUrl, 'zhao');
    const id = zhao.user.id;
    expect((await admin.patch(`/api/admin/users/${id}`, { role: 'supervisor', display_name: '赵六' })).body).toMatchObject({ role: 'supervisor', display_name: '赵六' });
    expect((await zhao.get('/api/auth/session')).body.user.role).toBe('supervisor');
    expect((await admin.patch(`/api/admin/users/${id}`, { disabled: true })).body.disabled).toBe(true);
    expect((await zhao.get('/api/auth/session')).status).toBe(401);
    expect((await admin.patch(`/api/admin/users/${id}`, { disabled: false })).body.disabled).toBe(false);
    expect((await admin.patch(`/api/admin/users/${id}`, {})).status).toBe(400);
    expect((await admin.patch('/api/admin/users/9999', { disabled: true })).status).toBe(404);
  });

  it('never disables or demotes the last enabled admin, and changes nothing when refused', async () => {
    const id = admin.user.id;
    for (const body of [{ disabled: true }, { role: 'verifier' }, { display_name: '老板', role: 'supervisor' }]) {
      const res = await admin.patch(`/api/admin/users/${id}`, body);
      expect(res.status).toBe(409);
      expect(res.body.error.message).toMatch(/唯一启用的管理员/);
    }
    expect((await admin.get('/api/admin/users')).body.items.find((u: { id: number }) => u.id === id)).toMatchObject({ role: 'admin', disabled: false, display_name: null });
    await admin.post('/api/admin/users', { name: 'second', role: 'admin', password: 'a quiet second admin' });
    expect((await admin.patch(`/api/admin/users/${id}`, { display_name: '老板' })).status).toBe(200);
  });

  it('checks the password an admin sets with the policy', async () => {
    const res = await admin.post('/api/admin/users', { name: 'qian', role: 'verifier', password: 'qian123456' });
    expect(res.status).toBe(400);
    expect(res.body.error.field).toBe('password');
    const ok = await admin.post('/api/admin/users', { name: 'qian', role: 'verifier', password: '两个黄鹂鸣翠柳一行白鹭' });
    expect(ok.status).toBe(201);
    expect(ok.body.setup_code).toBeNull();
    expect((await admin.post('/api/admin/users', { name: 'QIAN', role: 'verifier' })).status).toBe(409);
  });

  it('is for admins only', async () => {
    const clerk = await login(app.baseUrl, 'zhao');
    for (const res of [await clerk.get('/api/admin/users'), await clerk.post('/api/admin/users', { name: 'x1', role: 'admin' }), await clerk.patch(`/api/admin/users/${clerk.user.id}`, { role: 'admin' })]) {
      expect(res.status).toBe(403);
    }
  });
});
