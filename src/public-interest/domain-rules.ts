import { existsSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { ConfigError } from '../errors.js';
import { reloadOnChange, type LoadCache } from '../files/reload-on-change.js';
import { compileCondition, type Condition } from '../engine/rules/condition.js';
import { readValidated } from '../engine/rules/read-file.js';
import { conditionMessage, conditionShape, needsCondition } from '../engine/rules/schema.js';
import { sharedLists } from '../engine/rules/shared-lists.js';
import { PhraseIndex } from '../engine/text/phrase-index.js';
import type { VariantTable } from '../engine/text/variants.js';

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
  const { variants, vocabulary } = sharedLists(rulesDir);
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

const cache: LoadCache<DomainRules> = new Map();

/** The domain rules of a rules directory, reloaded when the file changes; a broken edit keeps the last good rules. */
export function domainRulesFor(rulesDir: string): DomainRules {
  return reloadOnChange(cache, path.join(rulesDir, PUBLIC_INTEREST_FILE), () => loadDomainRules(rulesDir));
}
