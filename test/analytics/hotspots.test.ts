import { describe, expect, it } from 'vitest';
import { detectCityClasses, detectHotspots, detectRecurrences, type SpotLead } from '../../src/analytics/hotspots.js';

/**
 * Fixtures written here, shaped like the board's hot-issue messages (附件3): most places appear once,
 * a few estates or sites collect five to a dozen messages in bursts of days, spread over weeks.
 */
const DAY = 86_400_000;
const T0 = Date.parse('2026-11-01T00:00:00Z');
let nextId = 1;
const lead = (day: number, where: Partial<SpotLead> = {}): SpotLead => ({
  id: nextId++, at: T0 + day * DAY, district: '宝安区', street: '西乡街道', place: null, category: 'noise', sub_item: 'noise.business', ...where,
});
/** A deterministic pseudo-random stream (mulberry32), so the noise is the same every run. */
function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const STREETS = ['新安街道', '西乡街道', '航城街道', '福永街道', '沙井街道', '松岗街道', '燕罗街道', '石岩街道'];
/** Scattered noise: one lead each at 120 different places over 60 days. */
const noise = (() => {
  const r = rng(7);
  return Array.from({ length: 120 }, (_, i) => lead(Math.floor(r() * 60), { street: STREETS[Math.floor(r() * STREETS.length)]!, place: `零散地点${i}号`, category: ['noise', 'road', 'sanitation'][i % 3]! }));
})();
const options = { level: 'place' as const, windowMs: 7 * DAY, minLeads: 3, start: T0 + 28 * DAY, end: T0 + 60 * DAY, risingFactor: 2 };

describe('detectHotspots', () => {
  const estate = (day: number) => lead(day, { place: '碧海花园' });
  // burst of 8 in 5 days at an estate never seen before; a site with 2 some weeks before and 5 in a week now; a market with two or three every week
  const planted = [
    ...[38, 39, 39, 40, 41, 41, 42, 43].map(estate),
    ...[22, 23].map((d) => lead(d, { place: '固戍工地', street: '航城街道', category: 'noise', sub_item: 'noise.construction' })),
    ...[45, 46, 47, 48, 50].map((d) => lead(d, { place: '固戍工地', street: '航城街道', category: 'noise', sub_item: 'noise.construction' })),
    ...[0, 1, 7, 8, 14, 15, 21, 22, 24, 29, 30, 31].map((d) => lead(d, { place: '西乡市场', street: '西乡街道', category: 'sanitation', sub_item: null })),
  ];
  const cases: [string, SpotLead[], { place: string | null; count: number; trend: string; previous: number }[]][] = [
    ['scattered noise alone: nothing', noise, []],
    ['planted in noise: the three places, largest first', [...noise, ...planted], [
      { place: '碧海花园', count: 8, trend: 'new', previous: 0 },
      { place: '固戍工地', count: 5, trend: 'rising', previous: 0 },
      { place: '西乡市场', count: 3, trend: 'steady', previous: 2 },
    ]],
    ['one lead a week at a place never concentrates', [0, 8, 16, 24, 32, 40, 48, 56].map((d) => lead(d, { place: '每周一次' })), []],
    ['two in a window is below the bar', [lead(40, { place: '两次' }), lead(41, { place: '两次' })], []],
    ['before the period does not count', [30, 31, 32].map((d) => lead(d - 10, { place: '过去' })), []],
  ];
  for (const [name, leads, expected] of cases) {
    it(name, () => {
      expect(detectHotspots(leads, options).map((h) => ({ place: h.place, count: h.count, trend: h.trend, previous: h.previous }))).toEqual(expected);
    });
  }

  it('links its leads and names the window', () => {
    const [h] = detectHotspots([...noise, ...[38, 39, 39, 40, 41, 41, 42, 43].map(estate)], options);
    expect(h!.leadIds).toHaveLength(8);
    expect([h!.windowStart, h!.windowEnd]).toEqual([T0 + 38 * DAY, T0 + 45 * DAY]);
    expect(h!.categories).toEqual([{ category: 'noise', n: 8 }]);
  });

  it('street level adds up a street\'s places; noise spread over eight streets stays below the bar', () => {
    const street = [40, 41, 42].map((d, i) => lead(d, { street: '燕罗街道', place: `不同地点${i}` }));
    const found = detectHotspots([...street], { ...options, level: 'street' });
    expect(found.map((h) => [h.street, h.count, h.place])).toEqual([['燕罗街道', 3, null]]);
    expect(detectHotspots(noise.slice(0, 16), { ...options, level: 'street', minLeads: 4 })).toEqual([]);
  });

  it('a larger window or lower bar finds more', () => {
    const spread = [30, 36, 42, 48].map((d) => lead(d, { place: '慢热' }));
    expect(detectHotspots(spread, options)).toEqual([]);
    expect(detectHotspots(spread, { ...options, windowMs: 20 * DAY })[0]!.count).toBe(4);
  });

  // where leads are counted together: [level, the three leads' names, hotspots found (street, place, count)]
  const at = (w: Partial<SpotLead>[]) => w.map((x, i) => lead(40 + i, x));
  const places: [string, 'street' | 'place', SpotLead[], [string | null, string | null, number][]][] = [
    ['place level needs the place', 'place', at([{}, {}, {}]), []],
    ['street level needs the street', 'street', at([{ street: null, place: '甲' }, { street: null, place: '甲' }, { street: '', place: '甲' }]), []],
    ['street level: one street, any places', 'street', at([{ place: '甲' }, { place: '乙' }, {}]), [['西乡街道', null, 3]]],
    ['no district and an empty one are the same place', 'place', at([{ district: null, place: '甲' }, { district: '', place: '甲' }, { district: null, place: '甲' }]), [['西乡街道', '甲', 3]]],
    ['no street and an empty one are the same place', 'place', at([{ street: null, place: '甲' }, { street: '', place: '甲' }, { street: null, place: '甲' }]), [[null, '甲', 3]]],
    ['the same place name on two streets is two places', 'place', at([{ place: '甲' }, { place: '甲' }, { street: '新安街道', place: '甲' }]), []],
    ['names holding | stay apart', 'place', at([{ street: '西乡|甲', place: '乙' }, { street: '西乡', place: '甲|乙' }, { street: '西乡|甲', place: '乙' }]), []],
  ];
  for (const [name, level, leads, expected] of places) {
    it(name, () => expect(detectHotspots(leads, { ...options, level }).map((h) => [h.street, h.place, h.count])).toEqual(expected));
  }

  it('leads in any order, or at the same time, give what the same leads in time order (then id) give', () => {
    const planted = [...noise, ...[38, 39, 39, 40, 41, 41, 42, 43, 50, 50, 50].map(estate), ...[44, 44, 44].map((d) => lead(d, { place: '同时' }))];
    const inOrder = [...planted].sort((a, b) => a.at - b.at || a.id - b.id);
    const found = detectHotspots(inOrder, options);
    expect(found.map((h) => [h.place, h.count, h.leadIds.length])).toEqual([['碧海花园', 8, 8], ['同时', 3, 3]]);
    expect(detectHotspots([...inOrder].reverse(), options)).toEqual(found);
    expect(detectHotspots(planted, options)).toEqual(found);
    // equal times: the leads listed by id, the window counting all of them
    expect(found[1]!.leadIds).toEqual([...found[1]!.leadIds].sort((a, b) => a - b));
  });
});

describe('detectRecurrences (反复投诉)', () => {
  const resolved = [{ number: 'GD20261105-000001', leadId: 9001, district: '宝安区', street: '西乡街道', place: '碧海花园', category: 'noise', resolvedAt: T0 + 10 * DAY }];
  const cases: [string, SpotLead[], { order: string; leads: number }[]][] = [
    ['same place and category after resolution', [lead(12, { place: '碧海花园' }), lead(20, { place: '碧海花园' })], [{ order: 'GD20261105-000001', leads: 2 }]],
    ['before resolution is not a recurrence', [lead(8, { place: '碧海花园' })], []],
    ['another category at the place is not', [lead(12, { place: '碧海花园', category: 'road' })], []],
    ['another place is not', [lead(12, { place: '碧海家园' })], []],
    ['a lead without a place is not', [lead(12)], []],
    ['the order\'s own lead is not', [{ ...lead(12, { place: '碧海花园' }), id: 9001 }], []],
    ['noise is not', noise, []],
  ];
  for (const [name, leads, expected] of cases) {
    it(name, () => expect(detectRecurrences(leads, resolved).map((r) => ({ order: r.resolvedOrder, leads: r.leadIds.length }))).toEqual(expected));
  }

  it('leads in any order count as in time order (then id)', () => {
    const leads = [lead(20, { place: '碧海花园' }), lead(12, { place: '碧海花园' }), lead(12, { place: '碧海花园' })];
    const r = detectRecurrences(leads, resolved);
    expect(r.map((x) => x.leadIds)).toEqual([[leads[1]!.id, leads[2]!.id, leads[0]!.id]]);
    expect(detectRecurrences([...leads].reverse(), resolved)).toEqual(r);
  });

  it('a place named with | is not another place', () => {
    const other = [{ ...resolved[0]!, street: '西乡', place: '街道|碧海花园' }];
    expect(detectRecurrences([lead(12, { street: '西乡|街道', place: '碧海花园' })], other)).toEqual([]);
  });

  it('counts a lead under the latest order resolved before it', () => {
    const two = [...resolved, { ...resolved[0]!, number: 'GD20261115-000009', leadId: 9002, resolvedAt: T0 + 15 * DAY }];
    const r = detectRecurrences([lead(12, { place: '碧海花园' }), lead(16, { place: '碧海花园' })], two);
    expect(r.map((x) => [x.resolvedOrder, x.leadIds.length])).toEqual([['GD20261115-000009', 1], ['GD20261105-000001', 1]]);
  });
});

describe('detectCityClasses', () => {
  const at = (district: string, n: number, sub = 'road.pothole') => Array.from({ length: n }, () => lead(40, { district, category: 'road', sub_item: sub }));
  const cases: [string, SpotLead[], SpotLead[], { sub: string; districts: number }[]][] = [
    ['rising in three districts', [...at('宝安区', 4), ...at('南山区', 3), ...at('福田区', 2)], [...at('宝安区', 1), ...at('南山区', 1)], [{ sub: 'road.pothole', districts: 3 }]],
    ['rising in one district only', [...at('宝安区', 9), ...at('南山区', 1), ...at('福田区', 1)], [...at('南山区', 1), ...at('福田区', 1)], []],
    ['steady everywhere', [...at('宝安区', 2), ...at('南山区', 2), ...at('福田区', 2)], [...at('宝安区', 2), ...at('南山区', 2), ...at('福田区', 2)], []],
    ['scattered noise', noise.slice(0, 60), noise.slice(60), []],
  ];
  for (const [name, current, previous, expected] of cases) {
    it(name, () => expect(detectCityClasses(current, previous, 3).map((c) => ({ sub: c.sub_item, districts: c.districts.length }))).toEqual(expected));
  }
});
