import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { CATEGORY_CODES, type Category } from '../domain/categories.js';
import { ConfigError } from '../errors.js';
import { loadGazetteer } from './location/gazetteer.js';
import { MentionIndex } from './location/mentions.js';
import { compileCondition, triggerPhrases, type Condition, type Term, type Vocabulary } from './rules/condition.js';
import { ruleId } from './rule-ids.js';
import { readValidated } from './rules/read-file.js';
import { exclusionsSchema, jurisdictionSchema, packSchema, signalsSchema, urgencySchema, variantsSchema, vocabularySchema } from './rules/schema.js';
import { VariantTable } from './text/variants.js';
import { PhraseIndex } from './text/phrase-index.js';

export interface CompiledRule {
  /** '<category>.<item>.<rule>': starts with the sub-item id, so a reviewer sees what fired. */
  id: string;
  weight: number;
  condition: Condition;
}

export interface CompiledPack {
  category: Category;
  name: string;
  priority: number;
  subItems: { id: string; name: string; rules: CompiledRule[] }[];
}

export interface Engine {
  city: string;
  /** Variant written forms (rules/variants.yaml) rewritten in texts and phrases alike. */
  variants: VariantTable;
  index: PhraseIndex;
  packs: CompiledPack[];
  exclusions: (CompiledRule & { block: boolean; reason: string })[];
  signals: { threshold: number; maxBoost: number; placeBoost: number; rules: CompiledRule[] };
  urgency: (CompiledRule & { categories: Category[] | null })[];
  /** Rules that cancel urgency: the danger is over or only imagined. */
  calm: CompiledRule[];
  mentions: MentionIndex;
  /** IP属地 labels that count as local evidence (rules/jurisdiction.yaml ip_locations). */
  localIpLocations: string[];
  /** Phrase id → rules that phrase can make fire; a post only evaluates the rules its phrases trigger. */
  triggers: Map<number, CompiledRule[]>;
  /** Rules with a regular expression: evaluated for every post. */
  alwaysEvaluate: CompiledRule[];
  files: string[];
  loadedAt: string;
}

export interface LoadEngineOptions {
  city: string;
}

type RawCondition = Parameters<typeof compileCondition>[0];

// One term table per engine (keyed by its phrase index), so identical term lists are shared.
const termTables = new WeakMap<PhraseIndex, Map<string, Term>>();
function sharedTerms(index: PhraseIndex): Map<string, Term> {
  let table = termTables.get(index);
  if (!table) termTables.set(index, (table = new Map()));
  return table;
}

/** Compiles a rule's condition; a bad term becomes a ConfigError naming file, rule and field. */
function compile(raw: RawCondition & { id: string }, index: PhraseIndex, file: string, where: string, vocabulary: Vocabulary): Condition {
  try {
    return compileCondition(raw, index, vocabulary, sharedTerms(index));
  } catch (err) {
    throw new ConfigError((err as Error).message, file, `${where} (id ${raw.id})`);
  }
}

/**
 * Loads and validates every rule file under rulesDir (packs/*.yaml, exclusions.yaml, signals.yaml,
 * urgency.yaml, jurisdiction.yaml, gazetteer/). Throws ConfigError naming the file, the rule and
 * the field; nothing is half-loaded, so a caller can keep its running engine on failure.
 */
export function loadEngine(rulesDir: string, options: LoadEngineOptions): Engine {
  const files: string[] = [];
  const variantsFile = path.join(rulesDir, 'variants.yaml');
  const variants = existsSync(variantsFile) ? new VariantTable(readValidated(variantsFile, variantsSchema).variants) : VariantTable.empty;
  if (existsSync(variantsFile)) files.push(variantsFile);
  const index = new PhraseIndex(variants);
  const packsDir = path.join(rulesDir, 'packs');
  if (!existsSync(packsDir)) throw new ConfigError('rule packs directory not found; expected one YAML file per category', packsDir);

  const vocabularyFile = path.join(rulesDir, 'vocabulary.yaml');
  const vocabulary: Vocabulary = existsSync(vocabularyFile) ? new Map(Object.entries(readValidated(vocabularyFile, vocabularySchema))) : new Map();
  if (existsSync(vocabularyFile)) files.push(vocabularyFile);

  const packs: CompiledPack[] = [];
  const ruleIds = new Set<string>();
  for (const name of readdirSync(packsDir).filter((f) => /\.ya?ml$/.test(f)).sort()) {
    const file = path.join(packsDir, name);
    files.push(file);
    const pack = readValidated(file, packSchema);
    if (packs.some((p) => p.category === pack.category)) throw new ConfigError(`a second pack for category "${pack.category}"; keep one file per category`, file, 'category');
    const items = new Set<string>();
    packs.push({
      category: pack.category,
      name: pack.name,
      priority: pack.priority,
      subItems: pack.sub_items.map((item, i) => {
        if (items.has(item.item)) throw new ConfigError(`duplicate sub-item "${item.item}"`, file, `sub_items[${i}].item`);
        items.add(item.item);
        const subId = `${pack.category}.${item.item}`;
        return {
          id: subId,
          name: item.name,
          rules: item.rules.map((rule, j) => {
            const id = ruleId.pack(subId, rule.id);
            if (ruleIds.has(id)) throw new ConfigError(`duplicate rule id "${rule.id}" in sub-item "${item.item}"`, file, `sub_items[${i}].rules[${j}].id`);
            ruleIds.add(id);
            return { id, weight: rule.weight, condition: compile(rule, index, file, `sub_items[${i}].rules[${j}]`, vocabulary) };
          }),
        };
      }),
    });
  }
  const missing = CATEGORY_CODES.filter((c) => !packs.some((p) => p.category === c));
  if (missing.length > 0) throw new ConfigError(`no pack for categories ${missing.join(', ')}; every category of the guide needs one`, packsDir);

  const read = <T>(name: string, schema: Parameters<typeof readValidated>[1]): { file: string; data: T } => {
    const file = path.join(rulesDir, name);
    if (!existsSync(file)) throw new ConfigError('rule file not found', file);
    files.push(file);
    return { file, data: readValidated(file, schema) as T };
  };

  const ex = read<ReturnType<typeof exclusionsSchema.parse>>('exclusions.yaml', exclusionsSchema);
  const exclusions = ex.data.rules.map((r, i) => ({
    id: ruleId.exclusion(r.id), weight: r.weight, block: r.block, reason: r.reason,
    condition: compile(r, index, ex.file, `rules[${i}]`, vocabulary),
  }));
  const sig = read<ReturnType<typeof signalsSchema.parse>>('signals.yaml', signalsSchema);
  const signals = {
    threshold: sig.data.threshold,
    maxBoost: sig.data.max_boost,
    placeBoost: sig.data.place_boost,
    rules: sig.data.rules.map((r, i) => ({ id: ruleId.signal(r.id), weight: r.weight, condition: compile(r, index, sig.file, `rules[${i}]`, vocabulary) })),
  };
  const urg = read<ReturnType<typeof urgencySchema.parse>>('urgency.yaml', urgencySchema);
  const urgency = urg.data.rules.map((r, i) => ({
    id: ruleId.urgent(r.id), weight: 1, categories: r.categories ?? null,
    condition: compile(r, index, urg.file, `rules[${i}]`, vocabulary),
  }));
  const calm = urg.data.calm.map((r, i) => ({ id: ruleId.calm(r.id), weight: 0, condition: compile(r, index, urg.file, `calm[${i}]`, vocabulary) }));
  const jur = read<ReturnType<typeof jurisdictionSchema.parse>>('jurisdiction.yaml', jurisdictionSchema);

  const gazetteer = loadGazetteer(rulesDir, options.city);
  files.push(...gazetteer.files);
  const own = options.city.replace(/市$/, '');
  const foreign = new Map<string, { city: string; weak: boolean }>();
  for (const c of jur.data.cities) {
    if (c.city.replace(/市$/, '') === own) continue;
    for (const n of c.names) foreign.set(n.toLowerCase(), { city: c.city, weak: false });
  }
  const mentions = new MentionIndex(gazetteer, index, { ignoreBefore: jur.data.ignore_before, ignoreAfter: jur.data.ignore_after, destinationBefore: jur.data.destination_before, foreign });

  const triggers = new Map<number, CompiledRule[]>();
  const alwaysEvaluate: CompiledRule[] = [];
  const allRules = [...packs.flatMap((p) => p.subItems.flatMap((s) => s.rules)), ...exclusions, ...signals.rules, ...urgency, ...calm];
  for (const rule of allRules) {
    const { ids, always } = triggerPhrases(rule.condition);
    if (always) alwaysEvaluate.push(rule);
    for (const id of new Set(ids)) {
      const list = triggers.get(id);
      if (list) list.push(rule);
      else triggers.set(id, [rule]);
    }
  }

  return { city: gazetteer.city, variants, localIpLocations: jur.data.ip_locations, index, packs, exclusions, signals, urgency, calm, mentions, triggers, alwaysEvaluate, files, loadedAt: new Date().toISOString() };
}

