import { loadGazetteer, type LocationUnit } from '../engine/location/gazetteer.js';

/** A place a resident can pick: a gazetteer unit (district, street, community or curated place). */
export interface PlaceChoice {
  id: string;
  label: string;
  kind: LocationUnit['kind'];
  name: string;
  district: string | null;
  street: string | null;
}

interface Entry { choice: PlaceChoice; surfaces: string[]; strong: string[] }

const KIND_ORDER: Record<string, number> = { place: 0, community: 1, street: 2, district: 3 };
const KIND_WORDS: Record<string, string> = { place: '地点', community: '社区', street: '街道', district: '区' };

const unitId = (u: LocationUnit) => `${u.kind}:${u.district ?? ''}:${u.name}`;

function choiceOf(u: LocationUnit): PlaceChoice {
  const within = [u.district, u.kind === 'place' || u.kind === 'community' ? u.street : null].filter((x) => x && x !== u.name);
  return {
    id: unitId(u), kind: u.kind, name: u.name, district: u.district, street: u.kind === 'district' ? null : u.street,
    label: `${u.name}${within.length ? `（${within.join(' ')}）` : ''} · ${KIND_WORDS[u.kind] ?? ''}`,
  };
}

const indexes = new Map<string, { entries: Entry[]; byId: Map<string, PlaceChoice>; byStrong: Map<string, PlaceChoice[]> }>();

/** Every pickable unit of the jurisdiction's gazetteer with the surfaces that name it (built once per rules folder and city). */
function placeIndex(rulesDir: string, city: string) {
  const key = `${rulesDir}\u0000${city}`;
  let index = indexes.get(key);
  if (!index) {
    const byUnit = new Map<string, Entry>();
    for (const s of loadGazetteer(rulesDir, city).surfaces.values()) {
      for (const u of s.units) {
        if (u.kind === 'city') continue;
        const id = unitId(u);
        const e = byUnit.get(id) ?? { choice: choiceOf(u), surfaces: [u.name.toLowerCase()], strong: [u.name.toLowerCase()] };
        if (!e.surfaces.includes(s.text)) e.surfaces.push(s.text);
        if (!s.weak && !e.strong.includes(s.text)) e.strong.push(s.text);
        byUnit.set(id, e);
      }
    }
    const byStrong = new Map<string, PlaceChoice[]>();
    for (const e of byUnit.values()) for (const s of e.strong) byStrong.set(s, [...(byStrong.get(s) ?? []), e.choice]);
    index = { entries: [...byUnit.values()], byId: new Map([...byUnit].map(([id, e]) => [id, e.choice])), byStrong };
    indexes.set(key, index);
  }
  return index;
}

/**
 * Up to `limit` places whose name or alias contains what the resident typed: exact names first,
 * then names starting with it, then the rest; curated places before communities, streets, districts.
 */
export function suggestPlaces(rulesDir: string, city: string, typed: string, limit = 10): PlaceChoice[] {
  const q = typed.normalize('NFKC').trim().toLowerCase();
  if (q.length === 0) return [];
  const rank = (e: Entry) => (e.surfaces.includes(q) ? 0 : e.surfaces.some((s) => s.startsWith(q)) ? 1 : 2);
  return placeIndex(rulesDir, city).entries
    .filter((e) => e.surfaces.some((s) => s.includes(q)))
    .map((e) => ({ e, r: rank(e) }))
    .sort((a, b) => a.r - b.r || KIND_ORDER[a.e.choice.kind]! - KIND_ORDER[b.e.choice.kind]! || a.e.choice.name.length - b.e.choice.name.length || a.e.choice.name.localeCompare(b.e.choice.name, 'zh'))
    .slice(0, limit)
    .map((x) => x.e.choice);
}

/** The place a suggestion's id names, or undefined when the gazetteer has no such unit. */
export function placeById(rulesDir: string, city: string, id: string): PlaceChoice | undefined {
  return placeIndex(rulesDir, city).byId.get(id);
}

/**
 * The place a typed text names when it is exactly one unit's name or strong alias ("华强北街道",
 * "莲花山公园"); undefined when it names none, several ("人民路" in many districts) or is an
 * everyday word (a weak alias).
 */
export function exactPlace(rulesDir: string, city: string, typed: string): PlaceChoice | undefined {
  const found = placeIndex(rulesDir, city).byStrong.get(typed.normalize('NFKC').trim().toLowerCase());
  return found?.length === 1 ? found[0] : undefined;
}
