import { Router } from 'express';
import { z } from 'zod';
import { idParam } from '../../downstream/admin-schemas.js';
import { currentActor, requireRole } from '../../web/auth/guards.js';
import { parseInput } from '../../web/http-errors.js';
import { errorResponses, jsonBody, jsonResponse } from '../../web/openapi/helpers.js';
import type { RouteModule } from '../../web/route-module.js';
import { addAccount, allAccounts, removeAccount, setAccountEnabled } from './platform-accounts.js';

// one header line each: a CR or LF would let a value add headers of its own
const headerValue = z.string().trim().min(1).max(8000).regex(/^[^\r\n]*$/, '期望单行的值，收到含换行的文本');
const createBody = z
  .object({
    platform: z.string().trim().min(1).max(100),
    label: z.string().trim().min(1, '请填写账号名称，如 账号一').max(60),
    cookie: headerValue.optional(),
    /** Other headers (Authorization, X-Token …): name → value. */
    headers: z
      .record(z.string(), headerValue)
      .refine((h) => Object.keys(h).every((name) => /^[A-Za-z0-9-]{1,60}$/.test(name)), { message: '期望请求头名称只含字母、数字和 -（至多 60 个），收到含其他字符的名称' })
      .optional(),
  })
  .strict();
const enableBody = z.object({ enabled: z.boolean() }).strict();

const view = z.object({
  id: z.number(), platform: z.string(), label: z.string(), fields: z.array(z.object({ name: z.string(), length: z.number(), masked: z.string() })),
  enabled: z.boolean(), created_by: z.string(), created_at: z.string(), updated_at: z.string(),
});
const example = {
  id: 2, platform: 'weibo-search', label: '账号一', fields: [{ name: 'Cookie', length: 182, masked: '••••••••' }, { name: 'X-Token', length: 40, masked: '••••••••' }],
  enabled: true, created_by: 'user:1', created_at: '2026-12-07T03:00:00.000Z', updated_at: '2026-12-07T03:00:00.000Z',
};
const tags = ['platform accounts'];
const id = { name: 'id', in: 'path', required: true, schema: { type: 'integer' }, example: 2 };

/** 平台账号 (admins): write-only secrets; answers carry header names and lengths, never values. */
export const platformAccountRoutes: RouteModule = {
  name: 'platform-accounts',
  mount(app, ctx) {
    const router = Router();
    const admin = requireRole('admin');
    router.get('/api/admin/platform-accounts', admin, (_req, res) => {
      res.json({ items: allAccounts(ctx), encryption_ready: Boolean(ctx.config.secretsKey?.trim()) });
    });
    router.post('/api/admin/platform-accounts', admin, (req, res) => {
      const body = parseInput(createBody, req.body, 'body');
      const secrets = { ...(body.cookie ? { Cookie: body.cookie } : {}), ...body.headers };
      res.status(201).json(addAccount(ctx, { platform: body.platform, label: body.label, secrets }, currentActor(res)));
    });
    router.patch('/api/admin/platform-accounts/:id', admin, (req, res) => {
      const { id } = parseInput(idParam, req.params, 'path');
      res.json(setAccountEnabled(ctx, id, parseInput(enableBody, req.body, 'body').enabled, currentActor(res)));
    });
    router.delete('/api/admin/platform-accounts/:id', admin, (req, res) => {
      const { id } = parseInput(idParam, req.params, 'path');
      removeAccount(ctx, id, currentActor(res));
      res.json({ ok: true });
    });
    app.use(router);
  },
  openapiPaths: {
    '/api/admin/platform-accounts': {
      get: {
        tags, summary: '全部平台账号：只有名称、请求头名与长度，从不返回 Cookie 或令牌本身',
        responses: { '200': jsonResponse('accounts', z.object({ items: z.array(view), encryption_ready: z.boolean() }), { items: [example], encryption_ready: true }), ...errorResponses(401, 403) },
      },
      post: {
        tags, summary: '新增平台账号：Cookie、令牌等请求头以 AES-256-GCM 加密保存（需配置 SECRETS_KEY），之后只显示掩码',
        description: '同一平台可有多个账号，采集时轮换使用。未配置 SECRETS_KEY 时以 409 拒绝并说明如何生成。',
        requestBody: jsonBody(createBody, { platform: 'weibo-search', label: '账号一', cookie: 'SUB=_2A25…; SUBP=0033…', headers: { 'X-Token': 'eyJhbGciOi…' } }),
        responses: { '201': jsonResponse('saved', view, example), ...errorResponses(400, 401, 403, 409) },
      },
    },
    '/api/admin/platform-accounts/{id}': {
      patch: { tags, summary: '停用或启用一个平台账号', parameters: [id], requestBody: jsonBody(enableBody, { enabled: false }), responses: { '200': jsonResponse('updated', view, { ...example, enabled: false }), ...errorResponses(400, 401, 403, 404) } },
      delete: { tags, summary: '删除一个平台账号（密文一并删除）', parameters: [id], responses: { '200': jsonResponse('deleted', z.object({ ok: z.boolean() }), { ok: true }), ...errorResponses(401, 403, 404) } },
    },
  },
};
