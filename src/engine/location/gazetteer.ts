import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { ConfigError } from '../../errors.js';
import { readValidated } from '../rules/read-file.js';
import { generatedGazetteerSchema, otherPlacesSchema, placesSchema } from './gazetteer-schema.js';

/** One administrative unit or curated place a surface form can denote. */
export interface LocationUnit {
  kind: 'city' | 'district' | 'street' | 'community' | 'place';
  name: string;
  district: string | null;
  street: string | null;
  placeKind?: string;
}

/** A surface form as posts write it ("西乡", "西乡街道"), with every unit it may denote. */
export interface Surface {
  text: string;
  /** Everyday word or well known elsewhere ("光明", "东门"): evidence only with Shenzhen context. */
  weak: boolean;
  units: LocationUnit[];
}

export interface ForeignPlace {
  city: string;
  weak: boolean;
}

export interface Gazetteer {
  city: string;
  districts: string[];
  surfaces: Map<string, Surface>;
  /** Surface → city outside the jurisdiction; weak = an everyday word, counts only next to its city's name. */
  foreign: Map<string, ForeignPlace>;
  files: string[];
}

function addSurface(map: Map<string, Surface>, text: string, weak: boolean, unit: LocationUnit): void {
  const key = text.trim().toLowerCase();
  if (key.length < 2) return;
  const known = map.get(key);
  if (!known) map.set(key, { text: key, weak, units: [unit] });
  else {
    known.weak &&= weak;
    if (!known.units.some((u) => u.kind === unit.kind && u.name === unit.name && u.district === unit.district)) known.units.push(unit);
  }
}

/**
 * Loads the jurisdiction's gazetteer from rulesDir/gazetteer: the generated administrative file
 * whose city or cityAliases names `city` (required), its curated places (<prefix>.places.yaml)
 * and other-places.yaml (both optional). Validation errors name the file and the field.
 */
export function loadGazetteer(rulesDir: string, city: string): Gazetteer {
  const dir = path.join(rulesDir, 'gazetteer');
  const candidates = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.generated.json')).sort() : [];
  const want = city.replace(/市$/, '');
  for (const name of candidates) {
    const file = path.join(dir, name);
    const g = readValidated(file, generatedGazetteerSchema);
    const names = [g.city, ...g.cityAliases].map((n) => n.replace(/市$/, ''));
    if (!names.includes(want)) continue;

    const surfaces = new Map<string, Surface>();
    const files = [file];
    for (const n of new Set([g.city, ...g.cityAliases])) addSurface(surfaces, n, false, { kind: 'city', name: g.city, district: null, street: null });
    const districts = g.districts.map((d) => d.name);
    for (const d of g.districts) {
      const unit: LocationUnit = { kind: 'district', name: d.name, district: d.name, street: null };
      for (const s of [d.name, ...d.aliases]) addSurface(surfaces, s, false, unit);
      for (const s of d.weakAliases) addSurface(surfaces, s, true, unit);
    }
    for (const [i, s] of g.streets.entries()) {
      if (!districts.includes(s.district)) throw new ConfigError(`unknown district "${s.district}"; expected one of ${districts.join(', ')}`, file, `streets[${i}].district`);
      const unit: LocationUnit = { kind: 'street', name: s.name, district: s.district, street: s.name };
      for (const a of [s.name, ...s.aliases]) addSurface(surfaces, a, false, unit);
      for (const a of s.weakAliases) addSurface(surfaces, a, true, unit);
    }
    for (const c of g.communities) {
      const unit: LocationUnit = { kind: 'community', name: c.name, district: c.district, street: c.street };
      for (const a of [c.name, ...c.aliases]) addSurface(surfaces, a, false, unit);
      for (const a of c.weakAliases) addSurface(surfaces, a, true, unit);
    }
    const prefix = name.replace(/\.generated\.json$/, '');
    const placesFile = path.join(dir, `${prefix}.places.yaml`);
    if (existsSync(placesFile)) {
      files.push(placesFile);
      for (const [i, p] of readValidated(placesFile, placesSchema).entries()) {
        if (p.district !== null && !districts.includes(p.district)) {
          throw new ConfigError(`unknown district "${p.district}"; expected one of ${districts.join(', ')} or null`, placesFile, `[${i}].district`);
        }
        const unit: LocationUnit = { kind: 'place', name: p.name, district: p.district, street: p.street ?? null, placeKind: p.kind };
        for (const a of [p.name, ...p.aliases]) addSurface(surfaces, a, false, unit);
        for (const a of p.weakAliases ?? []) addSurface(surfaces, a, true, unit);
      }
    }
    const foreign = new Map<string, ForeignPlace>();
    const otherFile = path.join(dir, 'other-places.yaml');
    if (existsSync(otherFile)) {
      files.push(otherFile);
      for (const o of readValidated(otherFile, otherPlacesSchema)) {
        if (o.city.replace(/市$/, '') === want) continue;
        const add = (a: string, weak: boolean) => {
          if (a.length >= 2 && !surfaces.has(a.toLowerCase())) foreign.set(a.toLowerCase(), { city: o.city, weak });
        };
        for (const a of [o.name, ...o.aliases]) add(a, o.weak);
        for (const a of o.weakAliases) add(a, true);
      }
    }
    return { city: g.city, districts, surfaces, foreign, files };
  }
  throw new ConfigError(
    `no gazetteer for city "${city}": expected a *.generated.json whose city or cityAliases contains it (found: ${candidates.join(', ') || 'none'}); generate one with scripts/gazetteer/ or set CITY`,
    dir,
  );
}
