import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { AppContext } from '../context.js';
import { SHENZHEN_DISTRICTS } from '../domain/categories.js';
import { leadCells, overdueByDistrict, streetCells } from '../storage/analytics.js';
import { keptRead } from './figure-cache.js';
import { districtFigure, orderSummary, streetFigure } from './overview.js';
import { periodBounds, type Period } from './period.js';

/** The boundaries the page draws (shipped with the app; source and date in SOURCE.md beside the file). */
export const GEO_URL = '/assets/geo/shenzhen-districts.geo.json';
const GEO_FILE = fileURLToPath(new URL('../web/ui/public/geo/shenzhen-districts.geo.json', import.meta.url));
let shapes: Set<string> | undefined;
function districtsWithShape(): Set<string> {
  shapes ??= new Set((JSON.parse(readFileSync(GEO_FILE, 'utf8')) as { features: { properties: { name: string } }[] }).features.map((f) => f.properties.name));
  return shapes;
}

/**
 * 地图: each district's leads, confirmed, orders and overdue-now for a period (the colours), whether
 * the shipped boundaries have its shape, and, with a district chosen, its streets (the drill-down).
 */
export async function buildDistrictMap(ctx: AppContext, period: Period, now: Date = new Date()) {
  const { start, end } = periodBounds(period);
  const { value: orders, asOf } = await orderSummary(ctx, start, end, null, now);
  const leads = keptRead(ctx.db, `map|${period.from}|${period.to}|${period.district}`, () => ({
    cells: leadCells(ctx.db, period.from, period.to, null),
    streets: period.district ? streetCells(ctx.db, period.from, period.to, period.district) : [],
  }));
  const data = { ...leads, orders, overdue: overdueByDistrict(ctx.db, now.toISOString()) };
  const byDistrict = districtFigure(data.cells, data.orders.byDistrict, data.overdue);
  const row = (d: string | null) => byDistrict.rows[byDistrict.drill.findIndex((x) => (d === null ? x?.unplaced === '1' : x?.district === d))];
  const shaped = districtsWithShape();
  const known = [...new Set([...SHENZHEN_DISTRICTS, ...byDistrict.drill.flatMap((x) => (x?.district ? [x.district] : []))])];
  const areas = known.map((district) => {
    const r = row(district);
    return { district, leads: Number(r?.[1] ?? 0), confirmed: Number(r?.[2] ?? 0), orders: Number(r?.[3] ?? 0), overdueNow: Number(r?.[4] ?? 0), hasBoundary: shaped.has(district) };
  });
  return {
    period,
    /** the time the order figures describe (see the overview's) */
    asOf,
    geo: GEO_URL,
    areas,
    unplaced: Number(row(null)?.[1] ?? 0),
    figures: [byDistrict, ...(period.district ? [streetFigure(data.streets, 50)] : [])],
  };
}
