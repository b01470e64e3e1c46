import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/web/app.js';
import { tempContext, type TempContext } from '../helpers/temp-context.js';
import { request, startApp, type RunningApp } from '../helpers/web-app.js';
import { listRoutes } from '../helpers/web-routes.js';

let ctx: TempContext;
let app: RunningApp;
beforeAll(async () => {
  ctx = tempContext();
  app = await startApp(ctx);
});
afterAll(async () => {
  await app.close();
  ctx.cleanup();
});

const toOpenapiPath = (p: string) => p.replace(/:(\w+)/g, '{$1}');

describe('/api/openapi.json', () => {
  it('is OpenAPI 3.1 and documents every API route with an example', async () => {
    const res = await request(app.baseUrl, 'GET', '/api/openapi.json');
    expect(res.status).toBe(200);
    const doc = res.body;
    expect(doc.openapi).toBe('3.1.0');
    const missing: string[] = [];
    for (const r of listRoutes(createApp(ctx))) {
      if (!r.path.startsWith('/api/')) continue;
      const op = doc.paths[toOpenapiPath(r.path)]?.[r.method.toLowerCase()];
      if (!op) {
        missing.push(`${r.method} ${r.path}: not documented`);
        continue;
      }
      const examples = Object.values(op.responses ?? {}).flatMap((resp: any) => Object.values(resp.content ?? {}).map((c: any) => c.example));
      if (!examples.some((e) => e !== undefined)) missing.push(`${r.method} ${r.path}: no response example`);
      // a JSON body, or a form a browser sends (multipart/form-data: 市民随手拍's photos), each with its example
      if (op.requestBody && !Object.values(op.requestBody.content).some((c: any) => c.example !== undefined)) missing.push(`${r.method} ${r.path}: no request example`);
    }
    expect(missing).toEqual([]);
    // zod schemas came through as JSON Schema
    const reject = doc.paths['/api/leads/{id}/reject'].post.requestBody.content['application/json'].schema;
    expect(reject.additionalProperties).toBe(false);
    expect(reject.properties.reason.enum).toContain('not_civic');
  });

  it('gives every operation a Chinese summary, and any description in Chinese', async () => {
    const doc = (await request(app.baseUrl, 'GET', '/api/openapi.json')).body;
    const han = /\p{Script=Han}/u;
    const notChinese: string[] = [];
    for (const [path, item] of Object.entries<Record<string, { summary?: string; description?: string }>>(doc.paths)) {
      for (const [method, op] of Object.entries(item)) {
        if (!han.test(op.summary ?? '')) notChinese.push(`${method.toUpperCase()} ${path} summary: ${op.summary}`);
        if (op.description !== undefined && !han.test(op.description)) notChinese.push(`${method.toUpperCase()} ${path} description`);
      }
    }
    expect(notChinese).toEqual([]);
    expect(doc.info.description).toMatch(han);
  });

  it('renders a readable docs page with no script', async () => {
    const res = await fetch(`${app.baseUrl}/api/docs`);
    const html = await res.text();
    expect(res.status).toBe(200);
    expect(html).toContain('/api/leads/{id}/confirm');
    expect(html).not.toMatch(/<script/i);
    // The page's own words are Chinese; field names stay as they are.
    for (const text of ['接口文档', '目录', '参数', '请求体', '响应', '示例', '成功', '需要 API 密钥', '需要登录', '无需登录', '增量拉取']) expect(html).toContain(text);
    expect(html).not.toContain('The review queue');
    expect(html).toContain('next_cursor');
  });
});
