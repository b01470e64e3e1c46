import type { OrderClockRow, OrderEventRow } from '../storage/analytics.js';
import { median } from './figures.js';

/** The steps whose median time the overview shows, each from one clock point to the next. */
export const STEPS = [
  { id: 'confirm', label: '发现→立单', from: 'discovered', to: 'created' },
  { id: 'dispatch', label: '立单→派发', from: 'created', to: 'dispatched' },
  { id: 'accept', label: '派发→受理', from: 'dispatched', to: 'accepted' },
  { id: 'resolve', label: '受理→办结', from: 'accepted', to: 'resolved' },
  { id: 'close', label: '办结→关闭', from: 'resolved', to: 'closed' },
] as const;

export interface OrderClocks {
  /** dispatched by the dispatch deadline (first dispatch) */
  onTime: number;
  /** dispatched, or not dispatched with the deadline passed: the orders the share is judged on */
  judged: number;
  /** never returned, reassigned or re-routed */
  firstDispatchOk: number;
  total: number;
  steps: { id: string; label: string; medianMinutes: number | null; n: number }[];
}

/**
 * Clock figures of a set of orders from their history: the first time each status was reached.
 * Pure: the orders, their events (grouped by order, oldest first) and now.
 */
export function orderClocks(orders: OrderClockRow[], events: OrderEventRow[], now: string): OrderClocks {
  const byOrder = new Map<number, OrderEventRow[]>();
  for (const e of events) {
    const list = byOrder.get(e.work_order_id);
    if (list) list.push(e);
    else byOrder.set(e.work_order_id, [e]);
  }
  let onTime = 0;
  let judged = 0;
  let firstDispatchOk = 0;
  const durations = new Map<string, number[]>(STEPS.map((s) => [s.id, []]));
  for (const o of orders) {
    const history = byOrder.get(o.id) ?? [];
    const first: Record<string, string> = { discovered: o.discovered_at, created: o.created_at };
    let detoured = false;
    for (const e of history) {
      if (e.kind === 'status' && e.to_status && !(e.to_status in first)) first[e.to_status] = e.at;
      if (e.kind === 'reroute' || e.to_status === 'returned' || e.to_status === 'reassigned') detoured = true;
    }
    if (!detoured) firstDispatchOk++;
    if (first.dispatched) {
      judged++;
      if (first.dispatched <= o.dispatch_deadline) onTime++;
    } else if (o.dispatch_deadline < now) judged++;
    for (const s of STEPS) {
      const a = first[s.from];
      const b = first[s.to];
      if (a && b) durations.get(s.id)!.push((Date.parse(b) - Date.parse(a)) / 60_000);
    }
  }
  return {
    onTime, judged, firstDispatchOk, total: orders.length,
    steps: STEPS.map((s) => {
      const d = durations.get(s.id)!;
      const m = median(d);
      return { id: s.id, label: s.label, medianMinutes: m === null ? null : Math.round(m * 10) / 10, n: d.length };
    }),
  };
}
