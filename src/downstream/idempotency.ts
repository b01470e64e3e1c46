import { createHash } from 'node:crypto';
import type { Db } from '../storage/database.js';
import { inSavepoint, inTransaction } from '../storage/database.js';
import { CivicRadarError, ConflictError, NotFoundError, ValidationError } from '../errors.js';
import { findIdempotent, pruneIdempotent, storeIdempotent } from '../storage/idempotency.js';
import { errorBody } from '../web/http-errors.js';

/** Same Idempotency-Key, different request: 422 (draft-ietf-httpapi-idempotency-key-header). */
export class IdempotencyKeyReused extends CivicRadarError {
  readonly status = 422;
}

export const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;
const KEEP_DAYS = 7;

const PRUNE_EVERY_MS = 3_600_000;
const lastPrune = new WeakMap<Db, number>();

/**
 * Forgets stored answers after a week, at most hourly per connection; called from the report-back
 * path itself, so the table stays bounded whichever services run.
 */
export function pruneIdempotency(db: Db, now = Date.now()): number {
  if (now - (lastPrune.get(db) ?? 0) < PRUNE_EVERY_MS) return 0;
  lastPrune.set(db, now);
  return pruneIdempotent(db, new Date(now - KEEP_DAYS * 86_400_000).toISOString());
}

/** Key order does not change the request: hash a canonical form. */
export function requestHash(method: string, path: string, body: unknown): string {
  return createHash('sha256').update(`${method} ${path}\n${canonical(body)}`).digest('hex');
}

function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`).join(',')}}`;
  return JSON.stringify(v) ?? 'null';
}

export interface Outcome {
  status: number;
  body: unknown;
  replayed: boolean;
}

/**
 * Runs `fn` at most once per (key, Idempotency-Key): the lookup, the change and the stored answer
 * share one IMMEDIATE transaction, so two concurrent retries cannot both apply. Deterministic
 * refusals (404, 409) are stored too, so a retry gets the same answer; input errors (400) are
 * not, since the caller has to change the request anyway.
 */
export function runIdempotent(db: Db, apiKeyId: number, idemKey: string | undefined, hash: string, fn: () => { status: number; body: unknown }): Outcome {
  if (idemKey === undefined) return { ...fn(), replayed: false };
  if (!IDEMPOTENCY_KEY.test(idemKey)) throw new ValidationError('Idempotency-Key must be 1–255 visible ASCII characters (a UUID is ideal)', 'header.Idempotency-Key');
  pruneIdempotency(db);
  return inTransaction(db, () => {
    const prior = findIdempotent(db, apiKeyId, idemKey);
    if (prior) {
      if (prior.request_hash !== hash)
        throw new IdempotencyKeyReused(`Idempotency-Key "${idemKey}" was already used for a different request; use a new key for a new request`);
      return { status: prior.status_code, body: JSON.parse(prior.response), replayed: true };
    }
    let result: { status: number; body: unknown };
    try {
      result = inSavepoint(db, fn); // a refused change leaves nothing behind
    } catch (err) {
      if (!(err instanceof ConflictError || err instanceof NotFoundError)) throw err;
      result = { status: err instanceof ConflictError ? 409 : 404, body: errorBody(err.message, undefined, err instanceof ConflictError ? err.details : undefined) };
    }
    const at = new Date().toISOString();
    storeIdempotent(db, apiKeyId, idemKey, { request_hash: hash, status_code: result.status, response: JSON.stringify(result.body) }, at);
    return { ...result, replayed: false };
  });
}
