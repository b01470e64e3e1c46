import type { Statement } from 'better-sqlite3';

/** One string per distinct name within a read: the first copy seen stands for every later one. */
export type Names = (s: string | null) => string | null;

/**
 * Many rows (a city-wide month: 50,000 orders, 80,000 leads) made into objects by `make`, for less
 * than better-sqlite3's named rows cost: each row comes as an array, one at a time, and dies at once,
 * and `name` keeps one string per distinct district, street, place or class (they repeat across
 * thousands of rows), so what survives the read is the objects and one copy of each name, not five
 * fresh strings per row for the garbage collector to move. The statement is left returning arrays
 * (raw): give it one used only here.
 */
export function bulkRows<R extends unknown[], T>(statement: Statement, params: Record<string, unknown>, make: (row: R, name: Names) => T): T[] {
  const seen = new Map<string, string>();
  const name: Names = (s) => {
    if (s === null) return null;
    const kept = seen.get(s);
    if (kept !== undefined) return kept;
    seen.set(s, s);
    return s;
  };
  const out: T[] = [];
  for (const row of statement.raw().iterate(params) as IterableIterator<R>) out.push(make(row, name));
  return out;
}
