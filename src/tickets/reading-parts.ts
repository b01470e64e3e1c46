import type { AppContext } from '../context.js';
import { loadEngine } from '../engine/engine.js';
import { loadGazetteer } from '../engine/location/gazetteer.js';
import { judgeContext } from '../leads/lead-step.js';
import { hotlineDistricts } from './hotline-district.js';
import type { ReadingParts } from './ticket-reading.js';

/** What the engine pass reads tickets with, from configuration: the rules, the active model (MODEL), 公益诉讼 domains, the city's districts. */
export function readingParts(ctx: AppContext): ReadingParts {
  const { rulesDir, city } = ctx.config;
  const jc = judgeContext(ctx);
  return {
    engine: loadEngine(rulesDir, { city }),
    model: jc.models?.current,
    domains: jc.domains!,
    district: hotlineDistricts(loadGazetteer(rulesDir, city)),
  };
}
