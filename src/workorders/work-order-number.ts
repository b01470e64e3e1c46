import type { Db } from '../storage/database.js';
import { nextCounter } from '../storage/counters.js';

const SHANGHAI_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });

/** YYYYMMDD of the instant in Asia/Shanghai (the day the staff see on the wall clock). */
export function shanghaiDay(at: Date): string {
  return SHANGHAI_DAY.format(at).replaceAll('-', '');
}

/** GD20261121-000123: a per-day counter, allocated inside the creating transaction (no gaps from rollbacks). */
export function nextWorkOrderNumber(db: Db, at: Date): string {
  const day = shanghaiDay(at);
  const n = nextCounter(db, `work_order_number:${day}`);
  return `GD${day}-${String(n).padStart(6, '0')}`;
}
