import type { RouteModule } from '../route-module.js';
import { schemaOfExample } from './example-schema.js';

interface Content {
  schema?: unknown;
  example?: unknown;
}

/** Every response content that has an example but no schema gets the example's schema, so each operation documents its 2xx shape. */
function withSchemas(item: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [method, op] of Object.entries(item as Record<string, { responses?: Record<string, { content?: Record<string, Content> }> }>)) {
    const responses = Object.fromEntries(
      Object.entries(op.responses ?? {}).map(([status, r]) => [
        status,
        r.content ? { ...r, content: Object.fromEntries(Object.entries(r.content).map(([type, c]) => [type, c.schema || c.example === undefined ? c : { schema: schemaOfExample(c.example), ...c }])) } : r,
      ]),
    );
    out[method] = op.responses ? { ...op, responses } : op;
  }
  return out;
}

/** The OpenAPI 3.1 document: every RouteModule's paths merged (methods of one path from several modules combine). */
export function buildOpenapiDocument(modules: readonly RouteModule[]): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const mod of modules) {
    for (const [path, item] of Object.entries(mod.openapiPaths ?? {})) {
      paths[path] = { ...(paths[path] ?? {}), ...withSchemas(item as Record<string, unknown>) };
    }
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Civic Radar API',
      version: '1',
      description:
        'Civic Radar（未诉先办）的线索核实队列、工单和下游接口。工作人员接口使用 POST /api/auth/login 设置的会话 Cookie，' +
        '每个修改类请求还需带上 GET /api/auth/session 返回的 X-CSRF-Token 请求头。下游系统使用 API 密钥（Authorization: Bearer ...）。' +
        '请求体是 JSON 对象（Content-Type: application/json），不超过 256 KB。错误为 JSON：{"error":{"message","field"}}；' +
        '输入有误返回 400 并指明字段，不会返回 500。',
    },
    servers: [{ url: '/' }],
    security: [{ session: [], csrf: [] }],
    components: {
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: 'cr_sid', description: 'HttpOnly session cookie set by POST /api/auth/login' },
        csrf: { type: 'apiKey', in: 'header', name: 'X-CSRF-Token', description: 'required on POST/PATCH/PUT/DELETE with a session' },
        apiKey: { type: 'http', scheme: 'bearer', description: 'downstream API key' },
      },
      schemas: {
        Error: {
          type: 'object',
          required: ['error'],
          properties: { error: { type: 'object', required: ['message'], properties: { message: { type: 'string' }, field: { type: 'string' }, details: { type: 'object', description: '机器可读的代码（如工单状态冲突时的 status、requested、allowed）' } } } },
        },
      },
    },
    paths: Object.fromEntries(Object.entries(paths).sort(([a], [b]) => a.localeCompare(b))),
  };
}
