import { describe, expect, it } from 'vitest';
import { HttpStatusError, checkStatus, parseRetryAfter, retryDecision } from '../../src/crawl/backoff.js';
import { NonRetryableError } from '../../src/errors.js';

const NOW = Date.parse('2026-11-22T08:00:00.000Z');

describe('retry decisions (the main thread decides; the sweep thread only stores)', () => {
  it.each([
    ['a page that cannot parse', new NonRetryableError('not JSON'), 0, { giveUp: true }],
    ['429 with a short Retry-After: wait exactly that', new HttpStatusError(429, 'u', 2_000), 3, { retryInMs: 2_000 }],
    ['503 with a Retry-After beyond the cap: give up and back the platform off until then', new HttpStatusError(503, 'u', 3_600_000), 0, { giveUp: true, backOffUntil: '2026-11-22T09:00:00.000Z' }],
    // Crawlee retries these as "session errors" up to 10 times whatever maxRetries says; a host that is down is not retried at all
    ['connection refused (as Crawlee words it): give up, the host is down', new Error('Detected a session error, rotating session... \nconnect ECONNREFUSED 127.0.0.1:1200'), 0,
      { giveUp: true, hostDown: 'host unreachable: connection refused (nothing listens at that address and port); check the URL and that the service runs (connect ECONNREFUSED 127.0.0.1:1200)' }],
    ['a reset connection past maxRetries: give up', new Error('read ECONNRESET'), 5, { giveUp: true }],
  ])('%s', (_name, error, retryCount, expected) => {
    expect(retryDecision(error, retryCount, { maxBackoffMs: 60_000, maxRetries: 5 }, NOW)).toEqual(expected);
  });

  it('other failures back off exponentially with jitter, capped', () => {
    for (let attempt = 0; attempt < 12; attempt++) {
      const d = retryDecision(new Error('socket hang up'), attempt, { maxBackoffMs: 10_000, maxRetries: 20 }, NOW);
      expect('retryInMs' in d && d.retryInMs).toBeGreaterThanOrEqual(0);
      expect('retryInMs' in d && d.retryInMs).toBeLessThanOrEqual(Math.min(10_000, 500 * 2 ** attempt));
    }
  });

  it('statuses: 429/403/408/5xx are retryable with their Retry-After; 404 is not', () => {
    expect(() => checkStatus(200, 'u', undefined)).not.toThrow();
    for (const status of [429, 403, 408, 500, 503]) expect(() => checkStatus(status, 'u', '5')).toThrow(HttpStatusError);
    expect(() => checkStatus(404, 'u', undefined)).toThrow(NonRetryableError);
    expect(parseRetryAfter('120', NOW)).toBe(120_000);
    expect(parseRetryAfter('Sun, 22 Nov 2026 08:01:00 GMT', NOW)).toBe(60_000);
    expect(parseRetryAfter('soon', NOW)).toBeNull();
  });
});
