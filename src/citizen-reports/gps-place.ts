import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { districtCoordinates } from '../downstream/district-coordinates.js';
import type { GpsPoint } from './exif-gps.js';

/** The district boundaries the 地图 page draws (shipped with the app; source in SOURCE.md beside it). */
const GEO_FILE = fileURLToPath(new URL('../web/ui/public/geo/shenzhen-districts.geo.json', import.meta.url));

type Ring = [number, number][];
interface Area { name: string; polygons: Ring[][] }

let areas: Area[] | undefined;
function districtAreas(): Area[] {
  areas ??= (JSON.parse(readFileSync(GEO_FILE, 'utf8')) as { features: { properties: { name: string }; geometry: { type: string; coordinates: unknown } }[] }).features.map((f) => ({
    name: f.properties.name,
    polygons: f.geometry.type === 'Polygon' ? [f.geometry.coordinates as Ring[]] : (f.geometry.coordinates as Ring[][]),
  }));
  return areas;
}

/** Ray casting: whether (lon, lat) lies inside the ring. */
function inRing(ring: Ring, lon: number, lat: number): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!, [xj, yj] = ring[j]!;
    if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

const inPolygon = (rings: Ring[], lon: number, lat: number) => inRing(rings[0]!, lon, lat) && !rings.slice(1).some((hole) => inRing(hole, lon, lat));

/** Kilometres between two points (equirectangular: fine at a city's scale). */
function km(a: GpsPoint, b: GpsPoint): number {
  const x = ((b.lon - a.lon) * Math.PI / 180) * Math.cos(((a.lat + b.lat) / 2) * Math.PI / 180);
  const y = ((b.lat - a.lat) * Math.PI) / 180;
  return Math.hypot(x, y) * 6371;
}

/** How far from the nearest district centre a point still counts as "near" it (the coastline and the boundaries' simplification). */
const NEAR_KM = 8;

export interface GpsPlace {
  district: string | null;
  /** How the hint was found, in words a verifier reads. */
  note: string;
}

/**
 * A photo's GPS position as a place hint: the district whose boundary holds it; else the nearest
 * district centre within a few kilometres (points just off the simplified coast); else outside.
 */
export function placeOfGps(p: GpsPoint): GpsPlace {
  const at = `${p.lat.toFixed(5)}, ${p.lon.toFixed(5)}`;
  const hit = districtAreas().find((a) => a.polygons.some((rings) => inPolygon(rings, p.lon, p.lat)));
  if (hit) return { district: hit.name, note: `照片 GPS（${at}）位于${hit.name}境内` };
  const nearest = districtAreas()
    .map((a) => ({ name: a.name, centre: districtCoordinates(a.name) }))
    .filter((a): a is { name: string; centre: GpsPoint } => a.centre !== null)
    .map((a) => ({ name: a.name, d: km(p, { lat: a.centre.lat, lon: a.centre.lon }) }))
    .sort((x, y) => x.d - y.d)[0];
  if (nearest && nearest.d <= NEAR_KM) return { district: nearest.name, note: `照片 GPS（${at}）在边界外，离${nearest.name}中心约 ${nearest.d.toFixed(1)} 公里` };
  return { district: null, note: `照片 GPS（${at}）不在本市范围内${nearest ? `（离最近的${nearest.name}中心约 ${Math.round(nearest.d)} 公里）` : ''}` };
}
