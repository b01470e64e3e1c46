import { CATEGORIES } from '../domain/categories.js';

export interface CatalogueEntry {
  code: string;
  name: string;
  subItems: { id: string; name: string }[];
}

let cached: Promise<CatalogueEntry[]> | undefined;

/**
 * Categories and sub-items (事项) for the review UI: the engine's catalogue from rules/ when the
 * engine provides `loadCatalogue` (src/engine/catalogue.ts), else the guide's category codes
 * without sub-items. Loaded once per process.
 */
export function reviewCatalogue(rulesDir: string): Promise<CatalogueEntry[]> {
  cached ??= loadFromEngine(rulesDir);
  return cached;
}

async function loadFromEngine(rulesDir: string): Promise<CatalogueEntry[]> {
  try {
    // A computed specifier: the engine module may not exist in every checkout.
    const specifier = '../engine/catalogue.js';
    const mod = (await import(specifier)) as { loadCatalogue?: (dir: string) => CatalogueEntry[] | Promise<CatalogueEntry[]> };
    if (typeof mod.loadCatalogue === 'function') {
      const list = await mod.loadCatalogue(rulesDir);
      if (Array.isArray(list) && list.length > 0) return list;
    }
  } catch {
    // fall through to the guide's codes
  }
  return Object.entries(CATEGORIES).map(([code, name]) => ({ code, name, subItems: [] }));
}

/** Resets the cache (tests that change rules/). */
export function forgetCatalogue(): void {
  cached = undefined;
}
