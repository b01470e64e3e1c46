import { figureState } from '../storage/analytics.js';
import { inReadTransaction, type Db } from '../storage/database.js';

/** A read and the store state it was read at, from one snapshot (so a kept figure knows when it went stale). */
export interface AtState<T> {
  state: string;
  value: T;
}

export function readAtState<T>(db: Db, read: () => T): AtState<T> {
  return inReadTransaction(db, () => ({ state: figureState(db), value: read() }));
}
