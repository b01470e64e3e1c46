import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { SYSTEM } from '../../src/audit/actor.js';
import { addUser } from '../../src/auth/user-accounts.js';
import type { AppContext } from '../../src/context.js';
import type { Role } from '../../src/storage/users.js';
import { createApp } from '../../src/web/app.js';

export interface RunningApp {
  baseUrl: string;
  server: Server;
  close(): Promise<void>;
}

/** The real app on 127.0.0.1, a free port. */
export function startApp(ctx: AppContext): Promise<RunningApp> {
  const app = createApp(ctx);
  return new Promise((resolve, reject) => {
    const server = app.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        baseUrl: `http://127.0.0.1:${port}`,
        server,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
    server.once('error', reject);
  });
}

export const TEST_PASSWORD = 'correct horse battery staple';

export async function createUser(ctx: AppContext, name: string, role: Role, password: string = TEST_PASSWORD) {
  return addUser(ctx.db, { name, role, password }, SYSTEM);
}

export interface ApiResponse<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export interface Client {
  baseUrl: string;
  cookie: string;
  csrfToken: string;
  user: { id: number; name: string; role: Role };
  get<T = any>(path: string, init?: RequestInit): Promise<ApiResponse<T>>;
  post<T = any>(path: string, body?: unknown, init?: RequestInit): Promise<ApiResponse<T>>;
  patch<T = any>(path: string, body?: unknown, init?: RequestInit): Promise<ApiResponse<T>>;
  put<T = any>(path: string, body?: unknown, init?: RequestInit): Promise<ApiResponse<T>>;
  delete<T = any>(path: string, init?: RequestInit): Promise<ApiResponse<T>>;
  /** Any method, raw body control: send(method, path, { body, headers }) with cookie + CSRF added. */
  send<T = any>(method: string, path: string, init?: RequestInit & { json?: unknown }): Promise<ApiResponse<T>>;
}

async function toResponse(res: Response): Promise<ApiResponse> {
  const text = await res.text();
  let body: unknown = text;
  if ((res.headers.get('content-type') ?? '').includes('json') && text) body = JSON.parse(text);
  return { status: res.status, body, headers: res.headers };
}

/** Anonymous request helper (no cookie). */
export async function request(baseUrl: string, method: string, path: string, json?: unknown, headers: Record<string, string> = {}): Promise<ApiResponse> {
  const res = await fetch(baseUrl + path, {
    method,
    redirect: 'manual',
    headers: { ...(json === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    body: json === undefined ? undefined : JSON.stringify(json),
  });
  return toResponse(res);
}

/** Logs in through the API and returns a client carrying the session cookie and CSRF token. */
export async function login(baseUrl: string, name: string, password: string = TEST_PASSWORD): Promise<Client> {
  const res = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name, password }),
  });
  const out = await toResponse(res);
  if (res.status !== 200) throw new Error(`login as ${name} failed: ${res.status} ${JSON.stringify(out.body)}`);
  const setCookie = res.headers.getSetCookie().find((c) => c.startsWith('cr_sid='));
  if (!setCookie) throw new Error('login returned no session cookie');
  const cookie = setCookie.split(';')[0]!;
  const client: Client = {
    baseUrl,
    cookie,
    csrfToken: out.body.csrfToken,
    user: out.body.user,
    async send(method, path, init = {}) {
      const { json, headers, ...rest } = init;
      const h = new Headers(headers);
      h.set('cookie', client.cookie);
      if (!h.has('x-csrf-token')) h.set('x-csrf-token', client.csrfToken);
      if (json !== undefined) h.set('content-type', 'application/json');
      const r = await fetch(baseUrl + path, { method, redirect: 'manual', ...rest, headers: h, body: json === undefined ? rest.body : JSON.stringify(json) });
      return toResponse(r);
    },
    get: (path, init) => client.send('GET', path, init),
    delete: (path, init) => client.send('DELETE', path, init),
    post: (path, body, init) => client.send('POST', path, { ...init, json: body ?? {} }),
    patch: (path, body, init) => client.send('PATCH', path, { ...init, json: body ?? {} }),
    put: (path, body, init) => client.send('PUT', path, { ...init, json: body ?? {} }),
  };
  return client;
}
