import path from 'node:path';
import { CATEGORIES, type Category } from '../domain/categories.js';
import { loadCatalogue } from './catalogue.js';
import { ruleId } from './rule-ids.js';
import { readValidated } from './rules/read-file.js';
import { exclusionsSchema, signalsSchema, urgencySchema } from './rules/schema.js';

/** Rule files change at runtime (the engine swaps them in); names are re-read at most this often. */
const RELOAD_MS = 60_000;
const cache = new Map<string, { names: Map<string, string>; loadedAt: number }>();

/**
 * Rule id (as leads store it in `matched` and spans) → the Chinese a reviewer reads: a pack rule is
 * its category and sub-item, an urgency rule 紧急：<name>, an exclusion its reason. Reads only the
 * rule files (no gazetteer). An id no longer in the files falls back to its sub-item or category.
 */
export function ruleNames(rulesDir: string): (id: string) => string {
  const dir = path.resolve(rulesDir);
  let entry = cache.get(dir);
  if (!entry || Date.now() - entry.loadedAt > RELOAD_MS) cache.set(dir, (entry = { names: load(dir), loadedAt: Date.now() }));
  const { names } = entry;
  return (id) => names.get(id) ?? names.get(id.split('.').slice(0, 2).join('.')) ?? CATEGORIES[id.split('.')[0] as Category] ?? '已停用的规则';
}

function load(dir: string): Map<string, string> {
  const names = new Map<string, string>();
  // A missing or broken file is the engine's to report (it refuses to load); here its rules fall back.
  const tryRead = (read: () => void) => {
    try {
      read();
    } catch {
      // its rules fall back below
    }
  };
  tryRead(() => {
    for (const c of loadCatalogue(dir)) for (const s of c.subItems) names.set(s.id, `${c.name} · ${s.name}`);
  });
  tryRead(() => {
    for (const r of readValidated(path.join(dir, 'exclusions.yaml'), exclusionsSchema).rules) names.set(ruleId.exclusion(r.id), `排除：${r.reason}`);
  });
  tryRead(() => {
    for (const r of readValidated(path.join(dir, 'signals.yaml'), signalsSchema).rules) names.set(ruleId.signal(r.id), `佐证：${r.name}`);
  });
  tryRead(() => {
    const urgency = readValidated(path.join(dir, 'urgency.yaml'), urgencySchema);
    for (const r of urgency.rules) names.set(ruleId.urgent(r.id), `紧急：${r.name}`);
    for (const r of urgency.calm) names.set(ruleId.calm(r.id), `不算紧急：${r.name}`);
  });
  return names;
}
