import { csvCell } from '../downstream/exports.js';

/**
 * One figure as the pages show it: a chart, the same numbers as a table, and a CSV of that table.
 * The first column labels the rows, the others are numbers; `drill` is each row's filter for the
 * list behind it (GET /api/analytics/leads), or null when the row has no list.
 */
export interface Figure {
  id: string;
  title: string;
  chart: 'line' | 'bar' | 'pie';
  columns: string[];
  rows: (string | number | null)[][];
  drill: (Record<string, string> | null)[];
}

export function figure(id: string, title: string, chart: Figure['chart'], columns: string[], rows: { cells: (string | number | null)[]; drill?: Record<string, string> | null }[]): Figure {
  return { id, title, chart, columns, rows: rows.map((r) => r.cells), drill: rows.map((r) => r.drill ?? null) };
}

/** Count by key, largest first (ties by key, so tables are stable). */
export function countBy<T>(items: Iterable<T>, key: (t: T) => string | null, weight: (t: T) => number = () => 1): [string | null, number][] {
  const m = new Map<string | null, number>();
  for (const t of items) m.set(key(t), (m.get(key(t)) ?? 0) + weight(t));
  return [...m].sort((a, b) => b[1] - a[1] || String(a[0]).localeCompare(String(b[0])));
}

/**
 * The middle value (mean of the two middle ones for an even count); null for none. Sorted as a
 * Float64Array copy (numeric order without a comparator: a month's 50,000 step times).
 */
export function median(values: readonly number[] | Float64Array): number | null {
  if (values.length === 0) return null;
  const s = Float64Array.from(values).sort();
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** A share as a fraction rounded to 4 places (0.9834), or null when nothing was counted. */
export function share(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000;
}

/** A figure's table as CSV, written the way the exports write theirs (UTF-8 BOM, CRLF, formula-safe cells). */
export function figureCsv(f: Figure): string {
  return `\uFEFF${[f.columns, ...f.rows].map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`;
}
