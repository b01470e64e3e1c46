/**
 * Hotspots and class cases (类案), pure: leads concentrated in place × time, the same problem again
 * at a place after its order was resolved (反复投诉), and one sub-item rising in several districts.
 * Inputs are plain rows (times in ms), so table tests can plant concentrations and noise.
 */

export type PlaceLevel = 'street' | 'place';

export interface SpotLead {
  id: number;
  at: number;
  district: string | null;
  street: string | null;
  place: string | null;
  category: string;
  sub_item: string | null;
}

export interface Where {
  district: string | null;
  street: string | null;
  place: string | null;
}

/**
 * Numbers the places leads are counted at on a level, in order of first sight: the street level
 * is the district (none and '' alike) and street, the place level the district, street (none and ''
 * alike) and place; a lead without the level's name has none (-1). Looked up through one Map per
 * name rather than by a key string built per lead (a city-wide month is 80,000 leads at 30,000
 * places), so names containing '|' also stay apart.
 */
class PlaceNumbers {
  private readonly byName = new Map<string, Map<string, Map<string, number>>>();
  size = 0;

  constructor(private readonly level: PlaceLevel) {}

  /** The place's number; a place not seen yet is numbered when `add`, else -1. */
  of(l: Where, add: boolean): number {
    const name = this.level === 'street' ? l.street : l.place;
    if (!name) return -1;
    const street = this.level === 'street' ? '' : l.street ?? '';
    const district = l.district ?? '';
    let streets = this.byName.get(name);
    if (!streets) {
      if (!add) return -1;
      this.byName.set(name, (streets = new Map()));
    }
    let districts = streets.get(street);
    if (!districts) {
      if (!add) return -1;
      streets.set(street, (districts = new Map()));
    }
    const n = districts.get(district);
    if (n !== undefined) return n;
    if (!add) return -1;
    districts.set(district, this.size);
    return this.size++;
  }
}

/**
 * Leads per place on a level (see PlaceNumbers) of the places with `fewest` leads or more, places in
 * order of first sight, each place's leads in input order (most places have one or two leads: they
 * are counted, not collected).
 */
function byPlace(leads: SpotLead[], level: PlaceLevel, fewest: number): SpotLead[][] {
  const numbers = new PlaceNumbers(level);
  const placeOf = new Int32Array(leads.length);
  const counts: number[] = [];
  for (let i = 0; i < leads.length; i++) {
    const n = (placeOf[i] = numbers.of(leads[i]!, true));
    if (n >= 0) counts[n] = n === counts.length ? 1 : counts[n]! + 1;
  }
  const groups = counts.map((c) => (c >= fewest ? ([] as SpotLead[]) : null));
  for (let i = 0; i < leads.length; i++) if (placeOf[i]! >= 0) groups[placeOf[i]!]?.push(leads[i]!);
  return groups.filter((g) => g !== null);
}

/** Time order, then id: the order detections read leads in. */
export const byTime = (a: SpotLead, b: SpotLead) => a.at - b.at || a.id - b.id;

/** The leads in time order (then id): as given when they already are (the store reads them so), else a sorted copy. */
export function inTimeOrder<L extends SpotLead>(leads: L[]): L[] {
  for (let i = 1; i < leads.length; i++) if (byTime(leads[i - 1]!, leads[i]!) > 0) return [...leads].sort(byTime);
  return leads;
}

/** Index of the first lead at or after `ms` in leads in time order. */
export function firstAt(leads: readonly { at: number }[], ms: number): number {
  let [lo, hi] = [0, leads.length];
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (leads[mid]!.at < ms) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export interface HotspotOptions {
  level: PlaceLevel;
  /** the time frame a concentration must fit in */
  windowMs: number;
  /** fewest leads in one window that make a hotspot */
  minLeads: number;
  /** the period searched: windows end inside [start, end) */
  start: number;
  end: number;
  /** rising: at least this many times the leads of the window right before */
  risingFactor: number;
}

export interface Hotspot extends Where {
  level: PlaceLevel;
  count: number;
  windowStart: number;
  windowEnd: number;
  /** leads at the place in the window right before */
  previous: number;
  /** new: none at the place in the four windows before; rising: risingFactor × previous or more */
  trend: 'new' | 'rising' | 'steady';
  leadIds: number[];
  categories: { category: string; n: number }[];
}

function groupBy<T>(items: T[], key: (t: T) => string | null): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const t of items) {
    const k = key(t);
    if (k === null) continue;
    const g = m.get(k);
    if (g) g.push(t);
    else m.set(k, [t]);
  }
  return m;
}

function categories(leads: SpotLead[]): { category: string; n: number }[] {
  const m = new Map<string, number>();
  for (const l of leads) m.set(l.category, (m.get(l.category) ?? 0) + 1);
  return [...m].map(([category, n]) => ({ category, n })).sort((a, b) => b.n - a.n || a.category.localeCompare(b.category));
}

/**
 * Per place, the window of `windowMs` holding the most leads (earliest such window on ties) whose
 * leads fall in the period; a place is a hotspot when that window holds `minLeads` or more.
 * `leads` should reach four windows before the period, so new/rising can look back.
 * Ranked by count, then the later window first.
 */
export function detectHotspots(leads: SpotLead[], o: HotspotOptions): Hotspot[] {
  const out: Hotspot[] = [];
  for (const group of byPlace(leads, o.level, o.minLeads)) {
    const all = inTimeOrder(group);
    // the leads in the period are all[from, to); the best window is all[bestFrom, bestTo)
    const from = firstAt(all, o.start);
    const to = firstAt(all, o.end);
    if (to - from < o.minLeads) continue;
    let [bestFrom, bestTo] = [from, from];
    for (let i = from, j = from; i < to; i++) {
      while (j < to && all[j]!.at < all[i]!.at + o.windowMs) j++;
      if (j - i > bestTo - bestFrom) [bestFrom, bestTo] = [i, j];
    }
    if (bestTo - bestFrom < o.minLeads) continue;
    const hits = all.slice(bestFrom, bestTo);
    const windowStart = hits[0]!.at;
    const startsAt = firstAt(all, windowStart);
    const before = (span: number) => startsAt - firstAt(all, windowStart - span);
    const previous = before(o.windowMs);
    const trend = before(4 * o.windowMs) === 0 ? 'new' : hits.length >= o.risingFactor * Math.max(previous, 1) ? 'rising' : 'steady';
    const first = hits[0]!;
    out.push({
      level: o.level, district: first.district, street: first.street, place: o.level === 'place' ? first.place : null,
      count: hits.length, windowStart, windowEnd: windowStart + o.windowMs, previous, trend,
      leadIds: hits.map((l) => l.id), categories: categories(hits),
    });
  }
  return out.sort((a, b) => b.count - a.count || b.windowStart - a.windowStart || String(a.place ?? a.street).localeCompare(String(b.place ?? b.street)));
}

export interface ResolvedAt extends Where {
  number: string;
  leadId: number;
  category: string;
  resolvedAt: number;
}

export interface Recurrence extends Where {
  category: string;
  /** the order resolved last before the problem came back */
  resolvedOrder: string;
  resolvedAt: number;
  leadIds: number[];
}

/**
 * 反复投诉: leads at the same named place and category as an order resolved before them (never the
 * order's own lead). Each comes-back lead is counted once, under the latest order resolved before it.
 */
export function detectRecurrences(leads: SpotLead[], resolved: ResolvedAt[]): Recurrence[] {
  const places = new PlaceNumbers('place');
  const resolvedBy: Map<string, ResolvedAt[]>[] = [];
  for (const r of resolved) {
    const p = places.of(r, true);
    if (p < 0) continue;
    const byCategory = (resolvedBy[p] ??= new Map());
    const g = byCategory.get(r.category);
    if (g) g.push(r);
    else byCategory.set(r.category, [r]);
  }
  const out = new Map<string, Recurrence>();
  for (const l of inTimeOrder(leads)) {
    const p = places.of(l, false);
    const candidates = p < 0 ? undefined : resolvedBy[p]!.get(l.category);
    if (!candidates) continue;
    let last: ResolvedAt | undefined;
    for (const r of candidates) if (r.resolvedAt < l.at && r.leadId !== l.id && (!last || r.resolvedAt > last.resolvedAt)) last = r;
    if (!last) continue;
    const rec = out.get(last.number) ?? { district: last.district, street: last.street, place: last.place, category: last.category, resolvedOrder: last.number, resolvedAt: last.resolvedAt, leadIds: [] };
    rec.leadIds.push(l.id);
    out.set(last.number, rec);
  }
  return [...out.values()].sort((a, b) => b.leadIds.length - a.leadIds.length || b.resolvedAt - a.resolvedAt);
}

export interface CityClass {
  category: string;
  sub_item: string;
  current: number;
  previous: number;
  districts: { district: string; current: number; previous: number }[];
  leadIds: number[];
}

/**
 * City-wide classes: a sub-item whose leads rose (more than in the period before) in at least
 * `minDistricts` districts. `current` and `previous` are the leads of two equal periods.
 */
export function detectCityClasses(current: SpotLead[], previous: SpotLead[], minDistricts: number): CityClass[] {
  const bySub = (ls: SpotLead[]) => groupBy(ls, (l) => (l.sub_item ? `${l.category}|${l.sub_item}` : null));
  const before = bySub(previous);
  const out: CityClass[] = [];
  for (const [k, leads] of bySub(current)) {
    const prev = before.get(k) ?? [];
    const per = (ls: SpotLead[]) => groupBy(ls, (l) => l.district);
    const now = per(leads);
    const then = per(prev);
    const rising = [...now]
      .map(([district, ls]) => ({ district, current: ls.length, previous: then.get(district)?.length ?? 0 }))
      .filter((d) => d.current > d.previous)
      .sort((a, b) => b.current - b.previous - (a.current - a.previous) || a.district.localeCompare(b.district));
    if (rising.length < minDistricts) continue;
    out.push({ category: leads[0]!.category, sub_item: leads[0]!.sub_item!, current: leads.length, previous: prev.length, districts: rising, leadIds: leads.map((l) => l.id) });
  }
  return out.sort((a, b) => b.current - b.previous - (a.current - a.previous) || b.current - a.current);
}
