import type { ErrorRequestHandler } from 'express';
import { z } from 'zod';
import { AuthError, ConflictError, ForbiddenError, NotFoundError, ValidationError, describeReceived } from '../errors.js';
import type { Logger } from '../log.js';
import { browserNavigation, errorPage } from './error-page.js';

/** JSON error body everywhere: {"error": {"message": "...", "field": "...", "details": {...}}}. */
export function errorBody(message: string, field?: string, details?: Record<string, unknown>) {
  return { error: { message, ...(field ? { field } : {}), ...(details ? { details } : {}) } };
}

const SEND_JSON = 'expected a JSON object sent with Content-Type: application/json';

/** What arrived instead of a JSON object (express.json leaves other content types unread: undefined). */
function jsonKind(value: unknown): string {
  if (value === undefined) return 'no JSON body (a body with another Content-Type, such as text/plain, is not read)';
  if (value === null) return 'JSON null';
  return Array.isArray(value) ? 'a JSON array' : `a JSON ${typeof value}`;
}

/** The number schema at `path` (through objects, defaults, optionals and transforms), so a message can name its range. */
function numberAt(schema: z.ZodType, path: readonly PropertyKey[]): z.ZodNumber | undefined {
  let s: unknown = schema;
  const keys = [...path];
  for (;;) {
    if (s instanceof z.ZodDefault || s instanceof z.ZodOptional || s instanceof z.ZodNullable) s = s.unwrap();
    else if (s instanceof z.ZodPipe) s = s.in;
    else if (keys.length === 0) return s instanceof z.ZodNumber ? s : undefined;
    else if (s instanceof z.ZodObject) s = s.shape[String(keys.shift())];
    else return undefined;
  }
}

/**
 * "expected an integer from 1 to 200, received "1e20"": zod's own message for 1e20 names the
 * safe-integer bound and for "abc" no bound at all, while the caller needs the field's range.
 */
function rangeMessage(n: z.ZodNumber, raw: unknown): string | undefined {
  const lo = n.minValue !== null && Number.isSafeInteger(n.minValue) ? n.minValue : undefined;
  const hi = n.maxValue !== null && Number.isSafeInteger(n.maxValue) ? n.maxValue : undefined;
  const range = lo !== undefined && hi !== undefined ? `from ${lo} to ${hi}` : hi !== undefined ? `at most ${hi}` : lo !== undefined ? `at least ${lo}` : undefined;
  return range && `expected ${n.isInt ? 'an integer' : 'a number'} ${range}, received ${describeReceived(raw)}`;
}

const valueAt = (value: unknown, path: readonly PropertyKey[]) => path.reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[k] : undefined), value);

/** Parses untrusted input with a schema; a failure becomes a ValidationError naming the field (→ 400). */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, where = 'body'): z.infer<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const field = [where, ...issue.path.map(String)].join('.');
  if (issue.code === 'unrecognized_keys') throw new ValidationError(`unknown field(s): ${issue.keys.join(', ')}`, where);
  if (issue.path.length === 0 && issue.code === 'invalid_type' && issue.expected === 'object') throw new ValidationError(`${SEND_JSON}, received ${jsonKind(value)}`, where);
  const number = numberAt(schema, issue.path);
  throw new ValidationError((number && rangeMessage(number, valueAt(value, issue.path))) ?? issue.message, field);
}

/** body-parser's errors (they carry a `type`) restated as what to send. */
function bodyParserMessage(err: { type?: unknown; message?: unknown; body?: unknown; limit?: unknown; length?: unknown }): string | undefined {
  if (err.type === 'entity.too.large' && typeof err.limit === 'number')
    return `expected a JSON body of at most ${Math.round(err.limit / 1024)} KB (${err.limit} bytes), received ${String(err.length)} bytes`;
  if (err.type !== 'entity.parse.failed') return undefined;
  try {
    return `${SEND_JSON}, received ${jsonKind(JSON.parse(String(err.body)))}`; // valid JSON, but not an object or array (strict mode)
  } catch {
    return `${SEND_JSON}, received malformed JSON: ${String(err.message)}`;
  }
}

export function errorHandler(log: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const status =
      err instanceof ValidationError ? 400
      : err instanceof AuthError ? 401
      : err instanceof ForbiddenError ? 403
      : err instanceof NotFoundError ? 404
      : err instanceof ConflictError ? 409
      : typeof err?.status === 'number' && err.status >= 400 && err.status < 500 ? err.status
      : 500;
    if (status === 500) log.error({ err, method: req.method, url: req.originalUrl }, 'request failed');
    const message = status === 500 ? 'internal error; the details are in the server log' : (bodyParserMessage(err) ?? (err instanceof ValidationError ? err.detail : String(err.message ?? err)));
    if (browserNavigation(req)) return void res.status(status).type('html').send(errorPage(status, message));
    const field = err instanceof ValidationError ? err.field : undefined;
    res.status(status).json(errorBody(message, field, err instanceof ConflictError ? err.details : undefined));
  };
}
