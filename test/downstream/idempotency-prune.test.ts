import { afterEach, beforeEach, expect, it } from 'vitest';
import { pruneIdempotency, runIdempotent } from '../../src/downstream/idempotency.js';
import { insertApiKey } from '../../src/storage/api-keys.js';
import { storeIdempotent } from '../../src/storage/idempotency.js';
import { tempContext, type TempContext } from '../helpers/temp-context.js';

let ctx: TempContext;
beforeEach(() => {
  ctx = tempContext();
});
afterEach(() => ctx.cleanup());

const keys = () => ctx.db.prepare('SELECT idem_key FROM idempotency_keys ORDER BY idem_key').pluck().all();

it('stored answers are forgotten after a week by the report-back path itself (no other service needed), at most hourly', () => {
  const apiKey = insertApiKey(ctx.db, { name: 'dispatch', prefix: 'cr_x', key_hash: 'h', scopes: '["workorders:write"]', created_by: 'test', created_at: new Date().toISOString() });
  const answer = { request_hash: 'x', status_code: 200, response: '{}' };
  storeIdempotent(ctx.db, apiKey, 'old', answer, new Date(Date.now() - 8 * 86_400_000).toISOString());
  storeIdempotent(ctx.db, apiKey, 'recent', answer, new Date(Date.now() - 6 * 86_400_000).toISOString());

  runIdempotent(ctx.db, apiKey, 'new', 'hash', () => ({ status: 200, body: { ok: true } }));
  expect(keys()).toEqual(['new', 'recent']);

  // within the hour, the next request does not scan again
  storeIdempotent(ctx.db, apiKey, 'old2', answer, new Date(Date.now() - 9 * 86_400_000).toISOString());
  expect(pruneIdempotency(ctx.db)).toBe(0);
  expect(pruneIdempotency(ctx.db, Date.now() + 3_600_001)).toBe(1);
  expect(keys()).toEqual(['new', 'recent']);
});
