import type { Db } from './database.js';

/** Increments and returns a named counter; call inside the transaction that uses the value. */
export function nextCounter(db: Db, name: string): number {
  return (db.prepare(
    'INSERT INTO counters (name, value) VALUES (?, 1) ON CONFLICT (name) DO UPDATE SET value = value + 1 RETURNING value',
  ).pluck().get(name)) as number;
}
