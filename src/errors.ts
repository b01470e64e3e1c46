/**
 * A few error classes, each deciding what happens next:
 * - ConfigError: stop at start; the message names the file and the field.
 * - ValidationError: untrusted input was wrong; reject it (HTTP 400, a verdict with `error`, a skipped item).
 * - NotFoundError / ConflictError / AuthError / ForbiddenError: answer the caller (404 / 409 / 401 / 403).
 * - RetryableError: a transient failure (timeout, 429, 5xx); retry with backoff.
 * - NonRetryableError: retrying will not help (404 page, unparseable response); record and move on.
 */
export class CivicRadarError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}

export class ConfigError extends CivicRadarError {
  constructor(
    message: string,
    readonly file?: string,
    readonly field?: string,
    /** Every problem of the file, one per field (the message leads with the first). */
    readonly issues: readonly { field: string; message: string }[] = [],
  ) {
    super([file && `${file}`, field && `field "${field}"`, message].filter(Boolean).join(': '));
  }
}

export class ValidationError extends CivicRadarError {
  constructor(
    /** The message without the field: HTTP answers carry the field separately. */
    readonly detail: string,
    readonly field?: string,
  ) {
    super(field ? `${field}: ${detail}` : detail);
  }
}

export class NotFoundError extends CivicRadarError {}
export class ConflictError extends CivicRadarError {
  constructor(
    message: string,
    /** Codes a calling system can act on (the message is for people, in Chinese). */
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}
export class AuthError extends CivicRadarError {}
export class ForbiddenError extends CivicRadarError {}
export class RetryableError extends CivicRadarError {}
export class NonRetryableError extends CivicRadarError {}

/** "expected X, received Y" for messages, with long values cut. */
export function describeReceived(value: unknown): string {
  const text = typeof value === 'string' ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value));
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
