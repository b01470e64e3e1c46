import { z } from 'zod';

/**
 * `extract.skip`: items that are not posts (ads, related-search boxes, deleted-post placeholders such
 * as 「抱歉，此微博已被删除」). An item is skipped when any rule matches. A rule reads a post field
 * after extraction (`field`), or the item itself (`path` for JSON, `selector` + `attr` for HTML).
 */
export const skipRule = z
  .object({
    field: z.string().min(1).optional().describe('a post field as extracted, e.g. text'),
    path: z.string().min(1).optional().describe('JSON path inside the item, e.g. card_type'),
    selector: z.string().optional().describe('CSS selector inside the item ("" = the item itself)'),
    attr: z.string().min(1).optional().describe('with selector: an attribute instead of the text'),
    equals: z.union([z.string(), z.number(), z.boolean()]).optional().describe('skip when the value is this'),
    notEquals: z.union([z.string(), z.number(), z.boolean()]).optional().describe('skip when the value is anything else (or missing)'),
    matches: z.string().min(1).optional().describe('skip when the value matches this regular expression'),
    exists: z.boolean().optional().describe('skip when the value is there (true) or missing (false)'),
  })
  .strict()
  .refine((r) => [r.field, r.path, r.selector].filter((v) => v !== undefined).length === 1, { message: 'give one of field, path or selector' })
  .refine((r) => [r.equals, r.notEquals, r.matches, r.exists].filter((v) => v !== undefined).length === 1, { message: 'give one of equals, notEquals, matches or exists' });
export type SkipRule = z.infer<typeof skipRule>;

const patterns = new Map<string, RegExp>();

/** Does the rule match this value (read from the item or the post)? */
export function ruleMatches(rule: SkipRule, value: unknown): boolean {
  const present = value !== undefined && value !== null && String(value) !== '';
  if (rule.exists !== undefined) return rule.exists === present;
  if (rule.equals !== undefined) return present && String(value) === String(rule.equals);
  if (rule.notEquals !== undefined) return !present || String(value) !== String(rule.notEquals);
  let re = patterns.get(rule.matches!);
  if (!re) patterns.set(rule.matches!, (re = new RegExp(rule.matches!)));
  return present && re.test(String(value));
}
