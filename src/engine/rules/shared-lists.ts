import { existsSync } from 'node:fs';
import path from 'node:path';
import { VariantTable } from '../text/variants.js';
import type { Vocabulary } from './condition.js';
import { readValidated } from './read-file.js';
import { variantsSchema, vocabularySchema } from './schema.js';

/**
 * The two lists every file in the packs' condition syntax shares: variant written forms
 * (rules/variants.yaml) and named word lists (rules/vocabulary.yaml); either may be absent.
 */
export function sharedLists(rulesDir: string): { variants: VariantTable; vocabulary: Vocabulary } {
  const variantsFile = path.join(rulesDir, 'variants.yaml');
  const variants = existsSync(variantsFile) ? new VariantTable(readValidated(variantsFile, variantsSchema).variants) : VariantTable.empty;
  const vocabularyFile = path.join(rulesDir, 'vocabulary.yaml');
  const vocabulary: Vocabulary = existsSync(vocabularyFile) ? new Map(Object.entries(readValidated(vocabularyFile, vocabularySchema))) : new Map();
  return { variants, vocabulary };
}
