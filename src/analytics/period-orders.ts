import { ordersCreated, type OrderClockRow } from '../storage/analytics.js';
import type { Db } from '../storage/database.js';
import { countBy } from './figures.js';
import { orderClocks, type OrderClocks } from './order-clock.js';
import { readAtState } from './state-read.js';

export interface OrderSummary {
  clocks: OrderClocks;
  byStatus: Map<string | null, number>;
  byDistrict: Map<string | null, number>;
}

function summary(rows: OrderClockRow[]): OrderSummary {
  return { clocks: orderClocks(rows), byStatus: new Map(countBy(rows, (o) => o.status)), byDistrict: new Map(countBy(rows, (o) => o.district)) };
}

/**
 * What the figures read of the orders created in [start, end), for the city and each district from
 * one read (a reader task: a month is 50,000 orders, and the pages ask for the same few periods
 * again and again, district after district).
 */
export function readPeriodOrders(db: Db, a: { start: string; end: string }) {
  return readAtState(db, () => {
    const rows = ordersCreated(db, a.start, a.end);
    const byDistrict = new Map<string | null, OrderClockRow[]>();
    for (const r of rows) {
      const list = byDistrict.get(r.district);
      if (list) list.push(r);
      else byDistrict.set(r.district, [r]);
    }
    return { city: summary(rows), districts: new Map([...byDistrict].map(([d, rs]) => [d, summary(rs)])), none: summary([]) };
  });
}
