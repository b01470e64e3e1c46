import type { Span } from '../rules/condition.js';
import type { LocationUnit } from './gazetteer.js';
import type { Mention } from './mentions.js';

export interface Location {
  district: string | null;
  street: string | null;
  /** The most specific place span in the normalised text, or null. */
  place: Span | null;
  /** A city outside the jurisdiction that the post places the problem in, or null. */
  outside: string | null;
}

const WEIGHT: Record<LocationUnit['kind'], number> = { city: 0, district: 3, street: 3, place: 2, community: 1 };
// How specific a mention is, for choosing the place span.
const SPECIFICITY: Record<LocationUnit['kind'], number> = { city: 0, district: 1, street: 2, community: 4, place: 3 };
const SPECIFIC_PLACE_KINDS = new Set(['metro', 'landmark', 'park', 'school', 'hospital', 'mall', 'village']);

/** Units a surface denotes unambiguously for district (all candidates in one district), else none. */
function oneDistrict(units: LocationUnit[]): string | null {
  const ds = new Set(units.map((u) => u.district));
  return ds.size === 1 ? [...ds][0]! : null;
}
function oneStreet(units: LocationUnit[]): string | null {
  const ss = new Set(units.map((u) => u.street));
  return ss.size === 1 ? [...ss][0]! : null;
}
function kindOf(m: Mention): LocationUnit['kind'] {
  return m.surface!.units.reduce<LocationUnit['kind']>((k, u) => (WEIGHT[u.kind] > WEIGHT[k] ? u.kind : k), 'city');
}

/**
 * District and street only when unambiguous (guide §4): each mention votes for the one district it
 * lies in (district/street names weigh most); a tie between districts gives none. The IP location
 * is never looked at.
 */
export function resolveLocation(mentions: Mention[], text: string): Location {
  const local = mentions.filter((m) => m.surface);
  const foreign = mentions.filter((m) => m.foreignCity);
  const specificLocal = local.filter((m) => kindOf(m) !== 'city');
  // Another city with no place of ours named: not ours. A named place of ours wins over a passing mention.
  const outside = foreign.length > 0 && specificLocal.length === 0 ? foreign[0]!.foreignCity! : null;

  const votes = new Map<string, number>();
  for (const m of specificLocal) {
    const d = oneDistrict(m.surface!.units);
    if (d) votes.set(d, (votes.get(d) ?? 0) + WEIGHT[kindOf(m)] * (m.destination ? 0.5 : 1));
  }
  const ranked = [...votes].sort((a, b) => b[1] - a[1]);
  const district = ranked.length > 0 && (ranked.length === 1 || ranked[0]![1] > ranked[1]![1]) ? ranked[0]![0] : null;

  let street: string | null = null;
  if (district) {
    const streets = new Map<string, number>();
    for (const m of specificLocal) {
      const units = m.surface!.units.filter((u) => u.district === district);
      if (units.length !== m.surface!.units.length) continue;
      const s = oneStreet(units);
      if (s) streets.set(s, Math.max(streets.get(s) ?? 0, WEIGHT[kindOf(m)]));
    }
    const rankedStreets = [...streets].sort((a, b) => b[1] - a[1]);
    if (rankedStreets.length === 1 || (rankedStreets.length > 1 && rankedStreets[0]![1] > rankedStreets[1]![1])) street = rankedStreets[0]![0];
  }

  return { district, street, place: placeSpan(specificLocal, text), outside };
}

// Qualifiers that make a place span more specific: exits, buildings, "附近", "那段".
const EXTEND_RIGHT =
  /^(?:(?:地铁站|站|公交站)?[a-z]?\d{0,2}(?:号?出口|口)|[\u4e00-\u9fff]{0,4}?\d+(?:栋|号楼|座|号)|地铁站|(?:这边|那边|附近|旁边|门口|对面|那段|这段|一带)?(?:的|那个|这个|那家|这家|一家|一个|一栋|那条)?[\u4e00-\u9fff]{0,6}?(?:小区|花园|公园|广场|市场|菜市场|医院|小学|中学|学校|工业区|工业园|村|路口|交叉口|人行道|隧道|天桥|站))?/u;
const JUNCTION = /[\u4e00-\u9fff]{1,6}(?:路|大道|街)(?:与|和|跟|、)[\u4e00-\u9fff]{1,6}(?:路|大道|街)(?:交叉口|交界处?|十字路口|路口)?(?:人行道)?/u;

/** The most specific span: a junction, else the most specific mention with neighbours and qualifiers. */
function placeSpan(local: Mention[], text: string): Span | null {
  const junction = /[与和跟、]/u.test(text) ? JUNCTION.exec(text) : null;
  if (junction) return [junction.index, junction.index + junction[0].length];
  if (local.length === 0) return null;
  let best = local[0]!;
  for (const m of local) {
    const score = (x: Mention) => SPECIFICITY[kindOf(x)] + (x.surface!.units.some((u) => SPECIFIC_PLACE_KINDS.has(u.placeKind ?? '')) ? 2 : 0);
    if (score(m) > score(best)) best = m;
  }
  let start = best.start;
  // Join preceding adjacent mentions: "宝安" + "福海街道" → "宝安福海街道".
  for (let i = local.indexOf(best) - 1; i >= 0 && local[i]!.end === start; i--) start = local[i]!.start;
  const ext = EXTEND_RIGHT.exec(text.slice(best.end, best.end + 24));
  return [start, best.end + (ext ? ext[0].length : 0)];
}
