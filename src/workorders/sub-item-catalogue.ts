import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';

/**
 * Sub-item (事项) ids and names, read from the rule packs (rules/packs/<category>.yaml), which are
 * their one source. Only `category` and `sub_items[].item/name` are read; a pack the engine would
 * reject is the engine's to report, so unreadable packs are skipped here.
 */
export interface SubItem {
  id: string;
  category: string;
  name: string;
}

let cache: { dir: string; stamp: string; items: Map<string, SubItem>; checkedAt: number } | undefined;
/** Files are re-checked at most this often: views call this once per order. */
const RECHECK_MS = 1000;

export function subItemCatalogue(rulesDir: string): Map<string, SubItem> {
  const dir = path.resolve(rulesDir, 'packs');
  if (cache?.dir === dir && Date.now() - cache.checkedAt < RECHECK_MS) return cache.items;
  let files: string[];
  try {
    files = readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort();
  } catch {
    return new Map();
  }
  const stamp = files.map((f) => `${f}:${statSync(path.join(dir, f)).mtimeMs}`).join('|');
  if (cache?.dir === dir && cache.stamp === stamp) {
    cache.checkedAt = Date.now();
    return cache.items;
  }
  const items = new Map<string, SubItem>();
  for (const f of files) {
    try {
      const pack = YAML.parse(readFileSync(path.join(dir, f), 'utf8')) as { category?: unknown; sub_items?: { item?: unknown; name?: unknown }[] };
      if (typeof pack?.category !== 'string' || !Array.isArray(pack.sub_items)) continue;
      for (const s of pack.sub_items) {
        if (typeof s?.item !== 'string') continue;
        const id = `${pack.category}.${s.item}`;
        items.set(id, { id, category: pack.category, name: typeof s.name === 'string' ? s.name : s.item });
      }
    } catch {
      continue;
    }
  }
  cache = { dir, stamp, items, checkedAt: Date.now() };
  return items;
}
