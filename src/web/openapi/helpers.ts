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
  400: ['invalid input: the message names the field', 'body.reason: Invalid option: expected one of "not_civic"|"duplicate"', 'body.reason'],
  401: ['not logged in or the session expired', '未登录或登录已过期；请在 /login 重新登录后重试'],
  403: ['wrong role, missing CSRF token or cross-site request', '此操作需要管理员权限，您的账号是核实员；如确需访问，请联系管理员'],
  404: ['no such item', 'lead 42 not found'],
  409: ['conflict: stale version, claimed by someone else, or already decided', 'lead 42 was changed by 李四 (version 3, you had 2); reload and retry'],
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
