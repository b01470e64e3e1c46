import { describe, expect, it } from 'vitest';
import { emptyWarningStats, runWarnings, type WarningStats } from '../../src/crawl/run-warnings.js';
import type { CrawlerDefinition } from '../../src/crawl/definition.js';

const NOW = new Date('2026-12-07T08:00:00.000Z');
const def = {
  extract: { type: 'html', items: 'li.post', fields: { id: 'a', text: 'p', publishedAt: 'time', author: '.who' } },
  detail: undefined,
  cutoff: { maxAgeHours: 72 },
} as unknown as Pick<CrawlerDefinition, 'extract' | 'detail' | 'cutoff'>;
const stats = (patch: Partial<WarningStats>): WarningStats => ({ ...emptyWarningStats(), listingPages: 1, ...patch });

describe('run warnings (dry runs and runs)', () => {
  it('a healthy page: no warning', () => {
    expect(runWarnings(stats({ items: 10, posts: 10, filled: { publishedAt: 10, author: 9 } }), def, NOW)).toEqual([]);
  });

  it('25 items all past the cut-off: says the cut-off, the newest item and the setting that would take it', () => {
    const [w] = runWarnings(stats({ items: 25, pastCutoff: 25, newestPastCutoff: '2026-12-01T08:00:00.000Z' }), def, NOW);
    expect(w).toMatchObject({ kind: 'past-cutoff', field: 'cutoff.maxAgeHours' });
    expect(w!.message).toBe('25 item(s) found, all older than the cut-off of 72 h (cutoff.maxAgeHours); the newest is from 2026-12-01T08:00:00.000Z, 144 h ago. Nothing was kept. To take them, widen it in the file: cutoff: { maxAgeHours: 168 }');
  });

  it('some past the cut-off and some kept: paging stopped there, as it should; no warning', () => {
    expect(runWarnings(stats({ items: 10, posts: 4, pastCutoff: 6, filled: { publishedAt: 4, author: 4 } }), def, NOW)).toEqual([]);
  });

  it('a field empty on most posts, and one matching nothing at all, name the file\'s field', () => {
    const warnings = runWarnings(stats({ items: 10, posts: 10, filled: { publishedAt: 0, author: 3 } }), def, NOW);
    expect(warnings.map((w) => [w.field, w.message])).toEqual([
      ['extract.fields.publishedAt', 'field publishedAt (extract.fields.publishedAt) matched nothing on any of the 10 post(s): check its selector or path against the page'],
      ['extract.fields.author', 'field author (extract.fields.author) is empty on 7 of 10 post(s): check its selector or path against the page'],
    ]);
  });

  it('items matching nothing, items without id/text, and failing detail pages', () => {
    expect(runWarnings(stats({ listingPages: 2 }), def, NOW)[0]).toMatchObject({ kind: 'items-none', message: expect.stringContaining('extract.items "li.post" matched nothing on 2 page(s)') });
    expect(runWarnings(stats({ items: 10, invalid: 3, posts: 7, filled: { publishedAt: 7, author: 7 } }), def, NOW)[0]!.message).toMatch(/^3 of 10 item\(s\) had no id or no text/);
    const detail = runWarnings(stats({ items: 5, posts: 2, filled: { publishedAt: 2, author: 2 }, details: 5, detailFailures: 3, firstDetailError: 'HTTP 404 from http://x/p/1' }), def, NOW);
    expect(detail).toEqual([{ kind: 'detail-failed', field: 'detail.url', message: expect.stringMatching(/^3 of 5 detail page\(s\) failed \(first: HTTP 404 from http:\/\/x\/p\/1\)/) }]);
  });
});
