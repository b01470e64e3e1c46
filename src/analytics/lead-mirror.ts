import { placedLeads, placedLeadsByIds, type PlacedLead } from '../storage/analytics.js';
import type { Db } from '../storage/database.js';
import { lastTouch, touchedSince } from '../storage/lead-touches.js';
import { byTime, firstAt, inTimeOrder } from './hotspots.js';

/** Past this many touched leads, reading the copy again is cheaper than patching it. */
const PATCH_LIMIT = 5_000;
const END_OF_TIME = '9999-12-31T00:00:00.000Z';

interface Mirror {
  /** the copy holds the live leads discovered at or after this instant (ISO) */
  from: string;
  /** in time order, then id */
  rows: PlacedLead[];
  /** the lead_touches entry the copy is current to */
  touch: number;
}

const mirrors = new WeakMap<Db, Mirror>();
/** Two lists in time order merged into one. */
function merge(a: PlacedLead[], b: PlacedLead[]): PlacedLead[] {
  if (b.length === 0) return a;
  const out: PlacedLead[] = new Array(a.length + b.length);
  let [i, j, k] = [0, 0, 0];
  while (i < a.length && j < b.length) out[k++] = byTime(a[i]!, b[j]!) <= 0 ? a[i++]! : b[j++]!;
  while (i < a.length) out[k++] = a[i++]!;
  while (j < b.length) out[k++] = b[j++]!;
  return out;
}

/**
 * The live leads discovered in [start, end), in time order, from this connection's copy: a city
 * month is 80,000 rows, which cost ~250 ms to read (most of a cold figure) and change by a few a
 * minute. The copy reaches back to the earliest start asked for and is brought up to the caller's
 * snapshot from the lead_touches journal (kept by triggers, so no writer can bypass it): only the
 * touched leads are read again. Call inside the read transaction the figures are read in.
 */
export function liveLeads(db: Db, start: string, end: string): PlacedLead[] {
  let m = mirrors.get(db);
  if (!m) {
    const touch = lastTouch(db);
    m = { from: start, rows: inTimeOrder(placedLeads(db, start, END_OF_TIME)), touch };
    mirrors.set(db, m);
  } else {
    const { ids, last } = touchedSince(db, m.touch);
    if (ids === null || ids.length > PATCH_LIMIT) {
      m.rows = inTimeOrder(placedLeads(db, m.from, END_OF_TIME));
    } else if (ids.length > 0) {
      const touched = new Set(ids);
      const fromMs = Date.parse(m.from);
      m.rows = merge(m.rows.filter((r) => !touched.has(r.id)), inTimeOrder(placedLeadsByIds(db, ids).filter((r) => r.at >= fromMs)));
    }
    m.touch = last;
    if (start < m.from) {
      m.rows = [...inTimeOrder(placedLeads(db, start, m.from)), ...m.rows];
      m.from = start;
    }
  }
  return m.rows.slice(firstAt(m.rows, Date.parse(start)), firstAt(m.rows, Date.parse(end)));
}
