import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertLead } from '../helpers/lead-fixtures.js';
import { tempContext, type TempContext } from '../helpers/temp-context.js';
import { createUser, login, request, startApp, type Client, type RunningApp } from '../helpers/web-app.js';

let ctx: TempContext;
let app: RunningApp;
let verifier: Client;
const HTML = { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' }; // what Chromium sends on navigation

beforeAll(async () => {
  ctx = tempContext();
  await createUser(ctx, 'zhao', 'verifier');
  app = await startApp(ctx);
  verifier = await login(app.baseUrl, 'zhao');
});
afterAll(async () => {
  await app?.close();
  ctx?.cleanup();
});

describe('errors a person meets are Chinese; a browser gets a page, API clients JSON', () => {
  it('a verifier navigating to an admin page or admin API sees 无权访问 with a way back, not JSON', async () => {
    for (const path of ['/platforms', '/api/admin/platforms']) {
      const res = await verifier.get(path, { headers: HTML });
      expect(res.status).toBe(403);
      expect(res.headers.get('content-type')).toMatch(/text\/html/);
      expect(res.body).toContain('<h1>无权访问</h1>');
      expect(res.body).toContain('<a href="/">返回线索队列</a>');
    }
    const api = await verifier.get('/api/admin/platforms');
    expect(api.status).toBe(403);
    expect(api.body.error.message).toBe('此操作需要管理员权限，您的账号是核实员；如确需访问，请联系管理员');
  });

  it('unknown pages and a logged-out browser on an API URL get Chinese pages too', async () => {
    const missing = await verifier.get('/no-such-page', { headers: HTML });
    expect(missing.status).toBe(404);
    expect(missing.body).toContain('页面不存在');
    const anonymous = await request(app.baseUrl, 'GET', '/api/leads', undefined, HTML);
    expect(anonymous.status).toBe(401);
    expect(anonymous.body).toContain('<a href="/login">去登录</a>');
    expect((await request(app.baseUrl, 'GET', '/api/leads')).body.error.message).toMatch(/^未登录或登录已过期/);
  });

  it('merging a lead into itself says so in Chinese, without the field code in the message', async () => {
    const { leadId } = insertLead(ctx.db, { posts: [{ text: '路灯不亮' }] });
    const res = await verifier.post(`/api/leads/${leadId}/merge`, { version: 1, into: leadId });
    expect(res.status).toBe(400);
    expect(res.body.error).toEqual({ message: `不能把线索 ${leadId} 合并到它自己；请输入另一条线索的编号`, field: 'body.into' });
  });
});
