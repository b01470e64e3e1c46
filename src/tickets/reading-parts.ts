import type { AppContext } from '../context.js';
import { loadEngine } from '../engine/engine.js';
import { EngineHolder } from '../engine/engine-holder.js';
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

/**
 * Parts that follow edits in a long-running process (the push endpoint): the rules and the active
 * model are checked for changes on each call, as the lead step does per batch.
 */
export function currentReadingParts(ctx: AppContext): () => ReadingParts {
  const { rulesDir, city } = ctx.config;
  const engines = new EngineHolder(rulesDir, { city }, ctx.log);
  const models = judgeContext(ctx).models;
  const base = { domains: publicInterestDomains(rulesDir), district: hotlineDistricts(loadGazetteer(rulesDir, city)) };
  return () => {
    engines.reloadIfChanged();
    models?.reloadIfChanged();
    return { ...base, engine: engines.current, model: models?.current };
  };
}
