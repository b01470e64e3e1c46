import { describe, expect, it } from 'vitest';
import { median } from '../../src/analytics/figures.js';
import { orderClocks } from '../../src/analytics/order-clock.js';
import type { OrderClockRow } from '../../src/storage/analytics.js';

describe('median', () => {
  const cases: [string, number[], number | null][] = [
    ['none', [], null],
    ['one', [7], 7],
    ['odd count, unsorted', [9, 1, 5], 5],
    ['even count: mean of the middle two', [4, 1, 3, 2], 2.5],
    ['numeric order, not text order (10 after 9)', [10, 9, 2], 9],
    ['negative and fractional minutes', [-1.5, 0.25, -3, 100], -0.625],
    ['ties', [2, 2, 1, 2], 2],
  ];
  for (const [name, values, expected] of cases) {
    it(name, () => {
      const copy = [...values];
      expect(median(values)).toBe(expected);
      expect(values).toEqual(copy);
      expect(median(Float64Array.from(values))).toBe(expected);
    });
  }
});

describe('orderClocks', () => {
  const order = (o: Partial<OrderClockRow>): OrderClockRow => ({
    status: 'resolved', district: '宝安区', dispatch_deadline: '2026-11-02T00:00:00.000Z', dispatched: 1, on_time: 1, detoured: 0,
    confirm_min: null, dispatch_min: null, accept_min: null, resolve_min: null, close_min: null, ...o,
  });
  it('counts dispatch and detours, and takes each step\'s median over the orders that reached it', () => {
    const c = orderClocks([
      order({ confirm_min: 10, dispatch_min: 30, accept_min: 5 }),
      order({ confirm_min: 20, dispatch_min: 90, on_time: 0, detoured: 1 }),
      order({ confirm_min: 60, dispatched: 0, on_time: 0, dispatch_deadline: '2026-11-03T00:00:00.000Z' }),
    ]);
    expect([c.total, c.dispatched, c.onTime, c.firstDispatchOk, c.undispatchedDeadlines]).toEqual([3, 2, 1, 2, ['2026-11-03T00:00:00.000Z']]);
    expect(c.steps.map((s) => [s.id, s.medianMinutes, s.n])).toEqual([['confirm', 20, 3], ['dispatch', 60, 2], ['accept', 5, 1], ['resolve', null, 0], ['close', null, 0]]);
  });
  it('rounds a median to a tenth of a minute', () => {
    expect(orderClocks([order({ close_min: 1.04 }), order({ close_min: 1.2 })]).steps.at(-1)!.medianMinutes).toBe(1.1);
    expect(orderClocks([]).steps.every((s) => s.medianMinutes === null && s.n === 0)).toBe(true);
  });
});
