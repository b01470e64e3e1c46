import { detectCity } from '../../analytics/city-detection.js';
import { readPeriodOrders } from '../../analytics/period-orders.js';
import { listQueue, type QueueQuery } from '../../review/queue.js';
import type { Db } from '../../storage/database.js';

/**
 * What a reader thread can be asked: reads of the store that take long enough to hold the web
 * thread (tens to hundreds of ms), arguments and results plain data (structured clone). One line
 * per task; each also runs inline on the caller's connection when no thread is there.
 */
export const READER_TASKS = {
  queuePage: (db: Db, a: { query: QueueQuery; categoryNames: Record<string, string>; now: string }) => listQueue(db, a.query, a.categoryNames, new Date(a.now)),
  cityHotspots: detectCity,
  periodOrders: readPeriodOrders,
} satisfies Record<string, (db: Db, args: never) => unknown>;

export type TaskName = keyof typeof READER_TASKS;
export type TaskArgs<K extends TaskName> = Parameters<(typeof READER_TASKS)[K]>[1];
export type TaskResult<K extends TaskName> = ReturnType<(typeof READER_TASKS)[K]>;

/** Runs a task on this thread's connection. */
export function runTask<K extends TaskName>(db: Db, task: K, args: TaskArgs<K>): TaskResult<K> {
  return (READER_TASKS[task] as (db: Db, a: TaskArgs<K>) => TaskResult<K>)(db, args);
}
