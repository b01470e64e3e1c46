import { CATEGORIES } from '../domain/categories.js';
import { loadCatalogue } from '../engine/catalogue.js';
import type { Logger } from '../log.js';

export interface CatalogueEntry {
  code: string;
  name: string;
  subItems: { id: string; name: string }[];
}

const cache = new Map<string, CatalogueEntry[]>();

/**
 * Categories and sub-items (事项) for the review UI: the engine's catalogue from the rule packs,
 * read once per rules dir. Without readable packs, the guide's category codes without sub-items
 * (the UI still works; the error is logged so someone fixes rules/).
 */
export function reviewCatalogue(rulesDir: string, log?: Logger): CatalogueEntry[] {
  let entries = cache.get(rulesDir);
  if (!entries) {
    try {
      entries = loadCatalogue(rulesDir);
    } catch (err) {
      log?.error({ err, rulesDir }, 'cannot read the category catalogue from the rule packs; offering categories without sub-items');
      entries = Object.entries(CATEGORIES).map(([code, name]) => ({ code, name, subItems: [] }));
    }
    cache.set(rulesDir, entries);
  }
  return entries;
}
