import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { ConfigError } from '../errors.js';
import { compileCondition, type Condition, type Vocabulary } from '../engine/rules/condition.js';
import { readValidated } from '../engine/rules/read-file.js';
import { conditionMessage, conditionShape, needsCondition, variantsSchema, vocabularySchema } from '../engine/rules/schema.js';
import { PhraseIndex } from '../engine/text/phrase-index.js';
import { VariantTable } from '../engine/text/variants.js';

const code = z.string().regex(/^[a-z][a-z0-9_]*$/, 'use lower_snake_case ([a-z][a-z0-9_]*)');

export const publicInterestSchema = z
  .object({
    domains: z
      .array(
        z
          .object({
            code,
            name: z.string().min(1, 'give the domain its Chinese name, as supervisors read it'),
            rules: z.array(z.object({ id: code, ...conditionShape }).strict().refine(needsCondition, conditionMessage)).min(1, 'list at least one rule'),
          })
          .strict(),
      )
      .min(1, 'list at least one domain'),
  })
  .strict();

/** The compiled domains: each fires when any of its rules holds on the normalised text. */
export interface DomainRules {
  variants: VariantTable;
  index: PhraseIndex;
  domains: { code: string; name: string; rules: Condition[] }[];
}

export const PUBLIC_INTEREST_FILE = 'public-interest.yaml';

/** Reads and compiles rules/public-interest.yaml (with the variants and vocabulary the packs use); errors name file and field. */
export function loadDomainRules(rulesDir: string): DomainRules {
  const file = path.join(rulesDir, PUBLIC_INTEREST_FILE);
  if (!existsSync(file)) throw new ConfigError('public-interest rule file not found; expected the 公益诉讼 domains with their rules', file);
  const variantsFile = path.join(rulesDir, 'variants.yaml');
  const variants = existsSync(variantsFile) ? new VariantTable(readValidated(variantsFile, variantsSchema).variants) : VariantTable.empty;
  const vocabularyFile = path.join(rulesDir, 'vocabulary.yaml');
  const vocabulary: Vocabulary = existsSync(vocabularyFile) ? new Map(Object.entries(readValidated(vocabularyFile, vocabularySchema))) : new Map();
  const data = readValidated(file, publicInterestSchema);
  const index = new PhraseIndex(variants);
  const seen = new Set<string>();
  const domains = data.domains.map((d, i) => {
    if (seen.has(d.code)) throw new ConfigError(`duplicate domain code "${d.code}"; keep one entry per domain`, file, `domains[${i}].code`);
    seen.add(d.code);
    return {
      code: d.code,
      name: d.name,
      rules: d.rules.map((r, j) => {
        try {
          return compileCondition(r, index, vocabulary);
        } catch (err) {
          throw new ConfigError((err as Error).message, file, `domains[${i}] (${d.code}).rules[${j}] (id ${r.id})`);
        }
      }),
    };
  });
  return { variants, index, domains };
}

const cache = new Map<string, { mtimeMs: number; rules: DomainRules }>();

/** The domain rules of a rules directory, reloaded when the file changes; a broken edit keeps the last good rules. */
export function domainRulesFor(rulesDir: string): DomainRules {
  const mtimeMs = statSync(path.join(rulesDir, PUBLIC_INTEREST_FILE), { throwIfNoEntry: false })?.mtimeMs ?? 0;
  const known = cache.get(rulesDir);
  if (known && known.mtimeMs === mtimeMs) return known.rules;
  let rules: DomainRules;
  try {
    rules = loadDomainRules(rulesDir);
  } catch (err) {
    // A broken edit keeps the running rules (as the engine does); without any, the error names file and field.
    if (known) {
      cache.set(rulesDir, { mtimeMs, rules: known.rules }); // not re-read for every post until the next edit
      return known.rules;
    }
    throw err;
  }
  cache.set(rulesDir, { mtimeMs, rules });
  return rules;
}
