import type { OrderClockRow } from '../storage/analytics.js';
import { median } from './figures.js';

/** The steps whose median time the overview shows, each from one clock point to the next (minutes in `OrderClockRow`). */
export const STEPS = [
  { id: 'confirm', label: '发现→立单', minutes: 'confirm_min' },
  { id: 'dispatch', label: '立单→派发', minutes: 'dispatch_min' },
  { id: 'accept', label: '派发→受理', minutes: 'accept_min' },
  { id: 'resolve', label: '受理→办结', minutes: 'resolve_min' },
  { id: 'close', label: '办结→关闭', minutes: 'close_min' },
] as const satisfies readonly { id: string; label: string; minutes: keyof OrderClockRow }[];

export interface OrderClocks {
  /** dispatched by the dispatch deadline (first dispatch) */
  onTime: number;
  /** dispatched: with the undispatched orders past their deadline at the time asked (`judgedAt`), what the share is judged on */
  dispatched: number;
  /** dispatch deadlines of the orders not dispatched yet */
  undispatchedDeadlines: string[];
  /** never returned, reassigned or re-routed */
  firstDispatchOk: number;
  total: number;
  steps: { id: string; label: string; medianMinutes: number | null; n: number }[];
}

/**
 * Clock figures of a set of orders from the first time each step was reached (kept per order from
 * its history, work_order_clocks). Pure, and independent of the time asked, so it can be kept
 * while the store does not change.
 */
export function orderClocks(orders: OrderClockRow[]): OrderClocks {
  let onTime = 0;
  let dispatched = 0;
  const undispatchedDeadlines: string[] = [];
  let firstDispatchOk = 0;
  for (const o of orders) {
    if (!o.detoured) firstDispatchOk++;
    if (o.dispatched) {
      dispatched++;
      if (o.on_time) onTime++;
    } else undispatchedDeadlines.push(o.dispatch_deadline);
  }
  return {
    onTime, dispatched, undispatchedDeadlines, firstDispatchOk, total: orders.length,
    steps: STEPS.map((s) => {
      const d = stepMinutes(orders, s.minutes);
      const m = median(d);
      return { id: s.id, label: s.label, medianMinutes: m === null ? null : Math.round(m * 10) / 10, n: d.length };
    }),
  };
}

/** The minutes of one step of the orders that reached it, one pass per step into a Float64Array (no array of boxed numbers to grow). */
function stepMinutes(orders: OrderClockRow[], field: (typeof STEPS)[number]['minutes']): Float64Array {
  const d = new Float64Array(orders.length);
  let n = 0;
  for (const o of orders) {
    const m = o[field];
    if (m !== null) d[n++] = m;
  }
  return d.subarray(0, n);
}

/** The orders the on-time share is judged on at `now`: dispatched, or not dispatched with the deadline passed. */
export function judgedAt(c: OrderClocks, now: string): number {
  return c.dispatched + c.undispatchedDeadlines.filter((d) => d < now).length;
}
