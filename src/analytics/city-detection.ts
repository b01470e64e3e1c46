import { resolvedOrders } from '../storage/analytics.js';
import type { Db } from '../storage/database.js';
import { detectCityClasses, detectHotspots, detectRecurrences, firstAt, type PlaceLevel, type SpotLead } from './hotspots.js';
import { liveLeads } from './lead-mirror.js';
import { addDays, periodBounds, previousPeriod, type Period } from './period.js';
import { readAtState } from './state-read.js';

const DAY = 86_400_000;

export interface CityDetectionArgs {
  period: Pick<Period, 'from' | 'to'>;
  level: PlaceLevel;
  windowDays: number;
  minLeads: number;
  recurrenceDays: number;
  classMinDistricts: number;
}

/**
 * The three detections of a period for the whole city (a reader task: a city-wide month is 80,000
 * leads to read and group). A district's view is a filter of this one (a place, and so a hotspot or
 * a recurrence, lies in one district). One scan reads both the look-back of the windows and the
 * period before (classes).
 */
export function detectCity(db: Db, a: CityDetectionArgs) {
  const { start, end } = periodBounds(a.period);
  const prev = periodBounds(previousPeriod({ ...a.period, district: null }));
  const lookback = periodBounds({ from: addDays(a.period.from, -4 * a.windowDays), to: a.period.to });
  const recurrenceFrom = periodBounds({ from: addDays(a.period.from, -a.recurrenceDays), to: a.period.to });
  return readAtState(db, () => {
    const from = lookback.start < prev.start ? lookback.start : prev.start;
    const read: SpotLead[] = liveLeads(db, from, end);
    const resolved = resolvedOrders(db, recurrenceFrom.start, end);
    const between = (x: string, y: string) => read.slice(firstAt(read, Date.parse(x)), firstAt(read, Date.parse(y)));
    const inPeriod = between(start, end);
    return {
      hotspots: detectHotspots(between(lookback.start, end), { level: a.level, windowMs: a.windowDays * DAY, minLeads: a.minLeads, start: Date.parse(start), end: Date.parse(end), risingFactor: 2 }),
      recurrences: detectRecurrences(inPeriod, resolved.map((r) => ({ number: r.number, leadId: r.lead_id, district: r.district, street: r.street, place: r.place, category: r.category, resolvedAt: Date.parse(r.resolved_at) }))),
      classes: detectCityClasses(inPeriod, between(prev.start, prev.end), a.classMinDistricts),
    };
  });
}

export type CityDetection = ReturnType<typeof detectCity>['value'];
