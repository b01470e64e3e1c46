import type { Db } from './database.js';
import { stmt } from './statements.js';

/** Increments and returns a named counter; call inside the transaction that uses the value. */
export function nextCounter(db: Db, name: string): number {
  return (stmt(db, 
    'INSERT INTO counters (name, value) VALUES (?, 1) ON CONFLICT (name) DO UPDATE SET value = value + 1 RETURNING value',
  ).pluck().get(name)) as number;
}
