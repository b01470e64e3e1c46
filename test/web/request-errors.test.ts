import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempContext, type TempContext } from '../helpers/temp-context.js';
import { createUser, login, startApp, type Client, type RunningApp } from '../helpers/web-app.js';
import { newKey } from '../downstream/helpers.js';

let ctx: TempContext;
let app: RunningApp;
let key: string;
let staff: Client;
beforeAll(async () => {
  ctx = tempContext();
  app = await startApp(ctx);
  key = newKey(ctx, ['work_orders:read']);
  await createUser(ctx, 'boss', 'admin');
  staff = await login(app.baseUrl, 'boss');
});
afterAll(async () => {
  await app?.close();
  ctx?.cleanup();
});

async function postRaw(body: string, contentType: string) {
  const res = await fetch(`${app.baseUrl}/api/v1/webhooks`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': contentType }, body });
  return { status: res.status, message: ((await res.json()) as { error: { message: string } }).error.message };
}

describe('a request body that is not a JSON object says what to send', () => {
  it.each([
    ['[]', 'a JSON array'],
    ['"x"', 'a JSON string'],
    ['1', 'a JSON number'],
    ['null', 'JSON null'],
    ['true', 'a JSON boolean'],
  ])('%s → 400 naming Content-Type application/json and a JSON object', async (body, received) => {
    const res = await postRaw(body, 'application/json');
    expect(res.status).toBe(400);
    expect(res.message).toContain('expected a JSON object');
    expect(res.message).toContain('Content-Type: application/json');
    expect(res.message).toContain(`received ${received}`);
  });

  it('a text/plain body → 400 saying to send application/json', async () => {
    const res = await postRaw('url=https://x.example', 'text/plain');
    expect(res.status).toBe(400);
    expect(res.message).toMatch(/expected a JSON object.*Content-Type: application\/json.*received no JSON body/);
  });

  it('malformed JSON → 400 saying what was expected and what was wrong', async () => {
    const res = await postRaw('{bad', 'application/json');
    expect(res.status).toBe(400);
    expect(res.message).toMatch(/expected a JSON object.*Content-Type: application\/json.*received malformed JSON/);
  });

  it('a body over the limit → 413 naming the limit and the size received', async () => {
    const res = await postRaw(JSON.stringify({ url: 'x'.repeat(300_000) }), 'application/json');
    expect(res.status).toBe(413);
    expect(res.message).toMatch(/at most 256 KB \(262144 bytes\).*received 300\d{3} bytes/);
  });
});

describe('an out-of-range list limit reports the real range', () => {
  const limits = ['1e20', '1e400', '9007199254740993', '0', '-1', '2.5', 'abc', '501'];
  it.each(limits)('GET /api/v1/work-orders?limit=%s → 400, 1 to 500', async (limit) => {
    const res = await fetch(`${app.baseUrl}/api/v1/work-orders?limit=${limit}`, { headers: { authorization: `Bearer ${key}` } });
    const body = (await res.json()) as { error: { message: string; field: string } };
    expect(res.status).toBe(400);
    expect(body.error.field).toBe('query.limit');
    expect(body.error.message).toContain(`expected an integer from 1 to 500, received "${limit}"`);
  });

  it.each([
    ['/api/admin/webhook-deliveries', 200],
    ['/api/work-orders', 200],
    ['/api/leads', 200],
  ])('GET %s?limit=1e20 → 400, at most %i', async (path, max) => {
    const res = await staff.get(`${path}?limit=1e20`);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain(`expected an integer from 1 to ${max}, received "1e20"`);
  });
});
