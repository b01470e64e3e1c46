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

/** The place a lead is counted at on a level; null when the lead does not name one. */
export function placeKey(l: Where, level: PlaceLevel): string | null {
  if (level === 'street') return l.street ? `${l.district ?? ''}|${l.street}` : null;
  return l.place ? `${l.district ?? ''}|${l.street ?? ''}|${l.place}` : null;
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
  for (const group of groupBy(leads, (l) => placeKey(l, o.level)).values()) {
    const all = [...group].sort((a, b) => a.at - b.at || a.id - b.id);
    const inPeriod = all.filter((l) => l.at >= o.start && l.at < o.end);
    if (inPeriod.length < o.minLeads) continue;
    let best = { from: 0, to: 0 };
    for (let i = 0, j = 0; i < inPeriod.length; i++) {
      while (j < inPeriod.length && inPeriod[j]!.at < inPeriod[i]!.at + o.windowMs) j++;
      if (j - i > best.to - best.from) best = { from: i, to: j };
    }
    const hits = inPeriod.slice(best.from, best.to);
    if (hits.length < o.minLeads) continue;
    const windowStart = hits[0]!.at;
    const before = (span: number) => all.filter((l) => l.at < windowStart && l.at >= windowStart - span).length;
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
  const key = (x: Where & { category: string }) => {
    const p = placeKey(x, 'place');
    return p && `${p}|${x.category}`;
  };
  const resolvedBy = groupBy(resolved, key);
  const out = new Map<string, Recurrence>();
  for (const l of [...leads].sort((a, b) => a.at - b.at || a.id - b.id)) {
    const k = key(l);
    const candidates = k ? resolvedBy.get(k) : undefined;
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
