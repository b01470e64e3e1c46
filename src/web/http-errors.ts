import type { ErrorRequestHandler } from 'express';
import { z } from 'zod';
import { AuthError, ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../errors.js';
import type { Logger } from '../log.js';

/** JSON error body everywhere: {"error": {"message": "...", "field": "..."}}. */
export function errorBody(message: string, field?: string) {
  return { error: field ? { message, field } : { message } };
}

/** Parses untrusted input with a schema; a failure becomes a ValidationError naming the field (→ 400). */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, where = 'body'): z.infer<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const field = [where, ...issue.path.map(String)].join('.');
  if (issue.code === 'unrecognized_keys') throw new ValidationError(`unknown field(s): ${issue.keys.join(', ')}`, where);
  throw new ValidationError(issue.message, field);
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
    const message = status === 500 ? 'internal error; the details are in the server log' : String(err.message ?? err);
    const field = err instanceof ValidationError ? err.field : undefined;
    // body-parser errors (malformed JSON, too large) carry a 4xx status and a `type`.
    res.status(status).json(errorBody(err.type === 'entity.parse.failed' ? `malformed JSON: ${message}` : message, field));
  };
}
