import { z } from 'zod';

/** JSON Schema (draft 2020-12, as OpenAPI 3.1 uses) of a zod schema, as the request/response sees it. */
export function schemaOf(schema: z.ZodType, io: 'input' | 'output' = 'output'): Record<string, unknown> {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Record<string, unknown>;
  return rest;
}

export function jsonBody(schema: z.ZodType, example: unknown) {
  return { required: true, content: { 'application/json': { schema: schemaOf(schema, 'input'), example } } };
}

export function jsonResponse(description: string, schema: z.ZodType | undefined, example: unknown) {
  return { description, content: { 'application/json': { ...(schema ? { schema: schemaOf(schema) } : {}), example } } };
}

const ERROR_TEXT: Record<number, [string, string, string?]> = {
  400: ['输入有误：message 说明原因，field 指明字段', 'expected one of "not_civic"|"duplicate", received "spam"', 'body.reason'],
  401: ['未登录或会话已过期', '未登录或登录已过期；请在 /login 登录后重试'],
  403: ['角色不符、缺少 CSRF 令牌或跨站请求', '此操作需要管理员权限；您当前的角色是核实员'],
  404: ['不存在', '线索 42 不存在；请返回队列'],
  409: ['冲突：版本已过期、已被他人认领或已处理', '线索 42 已被李四修改（版本 3，您看到的是 2）；请刷新后重试'],
};

/** The JSON error responses {"error":{"message","field"}} for the given status codes. */
export function errorResponses(...codes: number[]): Record<string, unknown> {
  return Object.fromEntries(
    codes.map((code) => {
      const [description, message, field] = ERROR_TEXT[code] ?? ['error', 'error'];
      return [String(code), { description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' }, example: { error: field ? { message, field } : { message } } } } }];
    }),
  );
}
