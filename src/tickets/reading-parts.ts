import type { AppContext } from '../context.js';
import { loadEngine } from '../engine/engine.js';
import type { ActiveModel } from '../engine/judge.js';
import { loadGazetteer } from '../engine/location/gazetteer.js';
import { judgeContext } from '../leads/lead-step.js';
import { publicInterestDomains } from '../public-interest/tag-domains.js';
import { hotlineDistricts } from './hotline-district.js';
import type { ReadingParts } from './ticket-reading.js';

/** The parts for a rules directory and city, with the given model (a worker thread builds its own). */
export function partsFor(rulesDir: string, city: string, model: ActiveModel | undefined): ReadingParts {
  return {
    engine: loadEngine(rulesDir, { city }),
    model,
    domains: publicInterestDomains(rulesDir),
    district: hotlineDistricts(loadGazetteer(rulesDir, city)),
  };
}

/** What the engine pass reads tickets with, from configuration: the rules, the active model (MODEL), 公益诉讼 domains, the city's districts. */
export function readingParts(ctx: AppContext): ReadingParts {
  return partsFor(ctx.config.rulesDir, ctx.config.city, judgeContext(ctx).models?.current);
}
