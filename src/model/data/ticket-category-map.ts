import { existsSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { CATEGORY_CODES, type Category } from '../../domain/categories.js';
import { ConfigError } from '../../errors.js';
import { readValidated } from '../../engine/rules/read-file.js';
import { BOARD_FAMILIES } from './board-families.js';

const names = z.array(z.string().trim().min(1, 'a name must not be empty')).min(1, 'list at least one hotline name');

export const ticketCategoryMapSchema = z
  .object({
    categories: z.array(z.object({ category: z.enum(CATEGORY_CODES), hotline: names }).strict()).min(1, 'map at least one category'),
    not_leads: z.object({ hotline: names }).strict().optional(),
    departments: z
      .array(
        z
          .object({
            family: z.enum(Object.keys(BOARD_FAMILIES) as [string, ...string[]]),
            names: z.array(z.string().trim().min(1)).min(1, 'list at least one part of a department name'),
          })
          .strict(),
      )
      .default([]),
  })
  .strict();

/** The compiled map: each hotline name to a category (or to "not a lead"), department name parts to a family. */
export interface TicketCategoryMap {
  byName: ReadonlyMap<string, Category | 'not_lead'>;
  departments: readonly { family: string; categories: readonly Category[]; names: readonly string[] }[];
}

export const TICKET_CATEGORY_MAP_FILE = path.join('ticket-training', 'category-map.yaml');

/** Reads rules/ticket-training/category-map.yaml; a hotline name listed twice is refused (file and field named). */
export function loadTicketCategoryMap(rulesDir: string): TicketCategoryMap {
  const file = path.join(rulesDir, TICKET_CATEGORY_MAP_FILE);
  if (!existsSync(file)) throw new ConfigError('ticket category map not found; expected the hotline categories mapped onto the engine\'s (see CATEGORY-MAP.md)', file);
  const data = readValidated(file, ticketCategoryMapSchema);
  const byName = new Map<string, Category | 'not_lead'>();
  const add = (name: string, to: Category | 'not_lead', field: string) => {
    const known = byName.get(name);
    if (known !== undefined) throw new ConfigError(`hotline name "${name}" is mapped twice (to ${known} and ${to}); keep one entry per name`, file, field);
    byName.set(name, to);
  };
  data.categories.forEach((c, i) => c.hotline.forEach((n, j) => add(n, c.category, `categories[${i}].hotline[${j}]`)));
  data.not_leads?.hotline.forEach((n, j) => add(n, 'not_lead', `not_leads.hotline[${j}]`));
  return { byName, departments: data.departments.map((d) => ({ family: d.family, categories: BOARD_FAMILIES[d.family]!, names: d.names })) };
}
