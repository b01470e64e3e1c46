import type { AppContext } from '../context.js';
import { buildHotspots, hotspotQuery } from './hotspot-report.js';
import { buildOverview } from './overview.js';
import { toPeriod } from './period.js';

/**
 * With figure threads, the figures supervisors open first (the default 30 days, whole city: the
 * overview, hotspots by place and by street) are read when the app starts, so the first page does
 * not wait for a cold month. Later changes are read again on demand (figure-cache).
 */
export function warmFigures(ctx: AppContext): void {
  if (ctx.config.figureReaders === 0) return;
  Promise.all([
    buildOverview(ctx, toPeriod({})),
    buildHotspots(ctx, hotspotQuery.parse({})),
    buildHotspots(ctx, hotspotQuery.parse({ level: 'street' })),
  ]).catch((err: unknown) => ctx.log.warn({ err }, 'reading the default figures at start failed; they are read when first asked for'));
}
