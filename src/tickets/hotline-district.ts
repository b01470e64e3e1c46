import type { Gazetteer } from '../engine/location/gazetteer.js';

/**
 * The hotline's own district column ("南山区", "深圳市南山区", "南山") as a district of the
 * jurisdiction, or null when it names none (another city, a street only, blank). Pure.
 */
export function hotlineDistricts(g: Pick<Gazetteer, 'city' | 'districts' | 'surfaces'>): (raw: string | null) => string | null {
  const byName = new Map<string, string>();
  for (const s of g.surfaces.values()) {
    const names = new Set(s.units.filter((u) => u.kind === 'district').map((u) => u.name));
    if (names.size === 1 && !s.weak) byName.set(s.text, [...names][0]!);
  }
  const city = g.city.replace(/市$/, '');
  return (raw) => {
    if (!raw) return null;
    const t = raw.trim().toLowerCase().replace(new RegExp(`^(${city}市?)`), '');
    const exact = byName.get(t);
    if (exact) return exact;
    const contained = g.districts.filter((d) => t.includes(d));
    return contained.length === 1 ? contained[0]! : null;
  };
}
