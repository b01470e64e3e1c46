import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { CATEGORIES, CATEGORY_CODES, type Category } from '../domain/categories.js';
import { ConfigError } from '../errors.js';
import { readValidated } from './rules/read-file.js';
import { packSchema } from './rules/schema.js';

export type Catalogue = { code: Category; name: string; subItems: { id: string; name: string }[] }[];

/**
 * Categories and their sub-items (事项) from the rule packs, in the guide's order: what the review
 * UI offers and what the Open311 services list publishes. Sub-item ids are '<category>.<item>'.
 * Reads only the packs (no gazetteer), so it is cheap to call from other services.
 */
export function loadCatalogue(rulesDir: string): Catalogue {
  const dir = path.join(rulesDir, 'packs');
  if (!existsSync(dir)) throw new ConfigError('rule packs directory not found', dir);
  const byCode = new Map<Category, { id: string; name: string }[]>();
  for (const name of readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort()) {
    const pack = readValidated(path.join(dir, name), packSchema);
    byCode.set(pack.category, pack.sub_items.map((s) => ({ id: `${pack.category}.${s.item}`, name: s.name })));
  }
  return CATEGORY_CODES.map((code) => ({ code, name: CATEGORIES[code], subItems: byCode.get(code) ?? [] }));
}
