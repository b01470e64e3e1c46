import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { byTime } from '../../src/analytics/hotspots.js';
import { liveLeads } from '../../src/analytics/lead-mirror.js';
import { placedLeads } from '../../src/storage/analytics.js';
import { inReadTransaction } from '../../src/storage/database.js';
import { tempContext, type TempContext } from '../helpers/temp-context.js';
import { insertLead } from '../workorders/fixtures.js';

/** The figure threads' copy of live leads when the lead_touches journal has been pruned past it. */
let ctx: TempContext;
const [START, END] = ['2026-11-01T00:00:00.000Z', '2026-12-01T00:00:00.000Z'];
const copy = () => inReadTransaction(ctx.db, () => liveLeads(ctx.db, START, END));
const fresh = () => placedLeads(ctx.db, START, END).sort(byTime);

beforeAll(() => {
  ctx = tempContext();
});
afterAll(() => ctx?.cleanup());

describe('lead mirror', () => {
  it('keeps only the newest 10,000 touches, and a copy behind the pruned entries is read again whole', () => {
    const a = insertLead(ctx.db, { place: '碧海花园', discovered_at: '2026-11-20T02:00:00.000Z' });
    const b = insertLead(ctx.db, { place: '西乡市场', discovered_at: '2026-11-20T03:00:00.000Z' });
    expect(copy()).toEqual(fresh());
    // a moves place, then 11,000 touches of b push a's entry out of the journal
    ctx.db.prepare('UPDATE leads SET place = ? WHERE id = ?').run('新安公园', a);
    const touch = ctx.db.prepare('UPDATE leads SET district = district WHERE id = ?');
    ctx.db.transaction(() => {
      for (let i = 0; i < 11_000; i++) touch.run(b);
    })();
    expect(ctx.db.prepare('SELECT count(*) FROM lead_touches').pluck().get()).toBeLessThanOrEqual(10_999);
    expect(ctx.db.prepare('SELECT count(*) FROM lead_touches WHERE lead_id = ?').pluck().get(a)).toBe(0);
    expect(copy()).toEqual(fresh());
    expect(copy().find((l) => l.id === a)?.place).toBe('新安公园');
  });
});
