import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cachedFigure, closeFigureReaders } from '../../src/analytics/figure-cache.js';
import { tempContext, type TempContext } from '../helpers/temp-context.js';
import { insertLead } from '../workorders/fixtures.js';

/** Period figures read on a figure thread: the inline answer, one read for requests that meet, read again after a change. */
let threaded: TempContext;
const args = { period: { from: '2026-11-15', to: '2026-11-21' }, level: 'place' as const, windowDays: 7, minLeads: 3, recurrenceDays: 90, classMinDistricts: 3 };
const orders = { start: '2026-11-14T16:00:00.000Z', end: '2026-11-21T16:00:00.000Z' };

beforeAll(() => {
  threaded = tempContext({ figureReaders: 1 });
  for (const h of [1, 5, 9, 30]) insertLead(threaded.db, { place: '碧海花园', street: '西乡街道', discovered_at: `2026-11-20T${String(h % 24).padStart(2, '0')}:00:00.000Z` });
});
afterAll(async () => {
  await closeFigureReaders(threaded);
  threaded?.cleanup();
});

describe('cachedFigure', () => {
  it('answers what the same read inline answers', async () => {
    const onThread = await cachedFigure(threaded, 'cityHotspots', args);
    const inline = tempContext({ figureReaders: 0, dataDir: threaded.config.dataDir });
    try {
      expect(onThread).toEqual(await cachedFigure(inline, 'cityHotspots', args));
      expect(onThread.hotspots.map((h) => [h.place, h.count])).toEqual([['碧海花园', 4]]);
      expect(await cachedFigure(threaded, 'periodOrders', orders)).toEqual(await cachedFigure(inline, 'periodOrders', orders));
    } finally {
      inline.cleanup();
    }
  });

  it('requests that meet while a figure is read wait for that one read; later ones keep it while the store is unchanged', async () => {
    const wide = { ...args, windowDays: 3 };
    const [a, b] = await Promise.all([cachedFigure(threaded, 'cityHotspots', wide), cachedFigure(threaded, 'cityHotspots', wide)]);
    expect(a).toBe(b); // one structured clone: one read
    expect(await cachedFigure(threaded, 'cityHotspots', wide)).toBe(a);
  });

  it('a change to the store is read again, and the thread sees the write just committed', async () => {
    const before = await cachedFigure(threaded, 'cityHotspots', args);
    insertLead(threaded.db, { place: '碧海花园', street: '西乡街道', discovered_at: '2026-11-21T03:00:00.000Z' });
    const after = await cachedFigure(threaded, 'cityHotspots', args);
    expect(after).not.toBe(before);
    expect(after.hotspots[0]!.count).toBe(5);
  });
});
