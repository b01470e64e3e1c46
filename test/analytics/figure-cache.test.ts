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
    const onThread = (await cachedFigure(threaded, 'cityHotspots', args)).value;
    const inline = tempContext({ figureReaders: 0, dataDir: threaded.config.dataDir });
    try {
      expect(onThread).toEqual((await cachedFigure(inline, 'cityHotspots', args)).value);
      expect(onThread.hotspots.map((h) => [h.place, h.count])).toEqual([['碧海花园', 4]]);
      expect((await cachedFigure(threaded, 'periodOrders', orders)).value).toEqual((await cachedFigure(inline, 'periodOrders', orders)).value);
    } finally {
      inline.cleanup();
    }
  });

  it('requests that meet while a figure is read wait for that one read; later ones keep it while the store is unchanged', async () => {
    const wide = { ...args, windowDays: 3 };
    const [a, b] = await Promise.all([cachedFigure(threaded, 'cityHotspots', wide), cachedFigure(threaded, 'cityHotspots', wide)]);
    expect(a.value).toBe(b.value); // one structured clone: one read
    expect((await cachedFigure(threaded, 'cityHotspots', wide)).value).toBe(a.value);
  });

  it('a change to the store is read again, and the thread sees the write just committed', async () => {
    const before = (await cachedFigure(threaded, 'cityHotspots', args)).value;
    insertLead(threaded.db, { place: '碧海花园', street: '西乡街道', discovered_at: '2026-11-21T03:00:00.000Z' });
    const after = (await cachedFigure(threaded, 'cityHotspots', args)).value;
    expect(after).not.toBe(before);
    expect(after.hotspots[0]!.count).toBe(5);
  });
});

describe('cachedFigure after a change, with FIGURE_MAX_STALE_SECONDS', () => {
  it('answers the last read at once with its read time, reads again in the background after 5 s; a read older than the bound is waited for', async () => {
    const ctx = tempContext({ figureReaders: 1, figureMaxStaleSeconds: 30 });
    try {
      for (const h of [1, 2, 3]) insertLead(ctx.db, { place: '西乡市场', street: '西乡街道', discovered_at: `2026-11-20T0${h}:00:00.000Z` });
      const first = await cachedFigure(ctx, 'cityHotspots', args);
      expect(first.value.hotspots[0]!.count).toBe(3);
      insertLead(ctx.db, { place: '西乡市场', street: '西乡街道', discovered_at: '2026-11-20T04:00:00.000Z' });
      // moments after the read: the last one is answered with its time, and not read again yet
      const stale = await cachedFigure(ctx, 'cityHotspots', args);
      expect(stale.value).toBe(first.value);
      expect(stale.asOf).toBe(first.asOf);
      await new Promise((r) => setTimeout(r, 300));
      expect((await cachedFigure(ctx, 'cityHotspots', args)).value).toBe(first.value);
      // 6 s later: still answered at once, and read again in the background
      const later = () => cachedFigure(ctx, 'cityHotspots', args, new Date(Date.parse(first.asOf) + 6_000));
      expect((await later()).value).toBe(first.value);
      let fresh = await later();
      for (let i = 0; i < 100 && fresh.value === first.value; i++) {
        await new Promise((r) => setTimeout(r, 50));
        fresh = await later();
      }
      expect(fresh.value.hotspots[0]!.count).toBe(4);
      insertLead(ctx.db, { place: '西乡市场', street: '西乡街道', discovered_at: '2026-11-20T05:00:00.000Z' });
      const late = await cachedFigure(ctx, 'cityHotspots', args, new Date(Date.now() + 31_000));
      expect(late.value.hotspots[0]!.count).toBe(5);
    } finally {
      await closeFigureReaders(ctx);
      ctx.cleanup();
    }
  });

  it('a change while the first read is on its way: the next request waits for that read (exact mode starts its own)', async () => {
    for (const [stale, shared] of [[30, true], [0, false]] as const) {
      const ctx = tempContext({ figureReaders: 1, figureMaxStaleSeconds: stale });
      try {
        for (const h of [1, 2, 3]) insertLead(ctx.db, { place: '新安公园', street: '新安街道', discovered_at: `2026-11-19T0${h}:00:00.000Z` });
        const a = cachedFigure(ctx, 'cityHotspots', args);
        insertLead(ctx.db, { place: '新安公园', street: '新安街道', discovered_at: '2026-11-19T04:00:00.000Z' });
        const b = cachedFigure(ctx, 'cityHotspots', args);
        const [ra, rb] = await Promise.all([a, b]);
        expect(rb.value === ra.value).toBe(shared);
        expect(rb.value.hotspots[0]!.count).toBe(shared ? ra.value.hotspots[0]!.count : 4);
      } finally {
        await closeFigureReaders(ctx);
        ctx.cleanup();
      }
    }
  });
});
