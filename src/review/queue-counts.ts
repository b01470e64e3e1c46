import type { Db } from '../storage/database.js';
import { leadStateMarker, queueCounts, type QueueCounts, type QueueFilter } from '../storage/lead-queue.js';

/**
 * Counts per urgency, category and district for the queue's filters. Counting a large queue costs
 * tens of milliseconds, so the counts are kept until a lead changes: every change to a lead (filed,
 * joined, reviewed, reclassified) appends to change_log, so (newest lead id, newest lead change)
 * names the state the counts were taken in, and they are exact for it.
 */
const cache = new WeakMap<Db, Map<string, { state: string; counts: QueueCounts }>>();

export function countQueue(db: Db, status: QueueFilter['status']): QueueCounts {
  const state = leadStateMarker(db);
  let perStatus = cache.get(db);
  if (!perStatus) cache.set(db, (perStatus = new Map()));
  const hit = perStatus.get(status);
  if (hit?.state === state) return hit.counts;
  const counts = queueCounts(db, status);
  perStatus.set(status, { state, counts });
  return counts;
}
