import { z } from 'zod';
import { CATEGORY_CODES } from '../../domain/categories.js';

/**
 * The rule files' schemas (rules/packs/*.yaml, rules/exclusions.yaml, rules/signals.yaml,
 * rules/urgency.yaml, rules/jurisdiction.yaml). A term is a string: alternatives separated by
 * '|', '/.../' for a regular expression, a leading '=' for "a whole jieba word only".
 */
const term = z.string().min(1, 'a term must not be empty');
const termList = z.array(term).min(1, 'list at least one term');
const id = z.string().regex(/^[a-z][a-z0-9_]*$/, 'use lower_snake_case ([a-z][a-z0-9_]*)');
/** What a reviewer reads for a fired signal, urgency or calm rule (pack rules show their sub-item, exclusions their reason). */
const name = z.string().min(1, 'give the rule a name in Chinese, as reviewers read it');

export const nearSchema = z
  .object({
    a: term,
    b: term,
    within: z.number().int().min(0).max(200),
  })
  .strict();

/** The matching part shared by every rule kind: any / all / near, minus none. */
export const conditionShape = {
  any: termList.optional(),
  all: termList.optional(),
  near: z.array(nearSchema).min(1).optional(),
  none: termList.optional(),
};
export const needsCondition = (r: { any?: unknown; all?: unknown; near?: unknown }) => Boolean(r.any || r.all || r.near);
export const conditionMessage = { message: 'a rule needs at least one of any, all, near' };

export const packRuleSchema = z
  .object({ id, weight: z.number().min(-2).max(2), ...conditionShape })
  .strict()
  .refine(needsCondition, conditionMessage);

export const subItemSchema = z
  .object({ item: id, name: z.string().min(1), rules: z.array(packRuleSchema).min(1) })
  .strict();

export const packSchema = z
  .object({
    category: z.enum(CATEGORY_CODES),
    name: z.string().min(1),
    /** Breaks exact score ties: the department that acts first (guide §2) gets the higher priority. */
    priority: z.number().int().default(0),
    sub_items: z.array(subItemSchema).min(1),
  })
  .strict();

export const exclusionRuleSchema = z
  .object({
    id,
    /** block: the post is never a lead (ads, official notices); otherwise weight is added (negative). */
    block: z.boolean().default(false),
    weight: z.number().min(-2).max(0).default(0),
    reason: z.string().min(1),
    ...conditionShape,
  })
  .strict()
  .refine(needsCondition, conditionMessage);
export const exclusionsSchema = z.object({ rules: z.array(exclusionRuleSchema) }).strict();

export const signalRuleSchema = z
  .object({ id, name, weight: z.number().min(0).max(1), ...conditionShape })
  .strict()
  .refine(needsCondition, conditionMessage);
export const signalsSchema = z
  .object({
    threshold: z.number().min(0).max(2),
    max_boost: z.number().min(0).max(1),
    place_boost: z.number().min(0).max(1).default(0),
    rules: z.array(signalRuleSchema),
  })
  .strict();

export const urgencyRuleSchema = z
  .object({ id, name, categories: z.array(z.enum(CATEGORY_CODES)).min(1).optional(), ...conditionShape })
  .strict()
  .refine(needsCondition, conditionMessage);
export const calmRuleSchema = z
  .object({ id, name, ...conditionShape })
  .strict()
  .refine(needsCondition, conditionMessage);
/** calm: the danger is over or only imagined ("已修好", "昨天…现在好了"); any calm rule keeps the lead normal. */
export const urgencySchema = z.object({ rules: z.array(urgencyRuleSchema), calm: z.array(calmRuleSchema).default([]) }).strict();

export const jurisdictionSchema = z
  .object({
    /** Places outside every deployment's jurisdiction unless they are its city (then ignored). */
    cities: z.array(z.object({ city: z.string().min(1), names: z.array(z.string().min(1)).min(1) }).strict()),
    /** A mention right after one of these ("从深圳过来") says where someone came from, not where the problem is. */
    ignore_before: z.array(z.string().min(1)),
    /** A mention followed by one of these ("香港朋友", "广州人") describes people, not the problem's place. */
    ignore_after: z.array(z.string().min(1)),
    /** A mention right after one of these ("去福田") is a destination: half weight in the district vote. */
    destination_before: z.array(z.string().min(1)).default([]),
    /** IP属地 values (the platform's own locality label) that count as local evidence, e.g. 广东. */
    ip_locations: z.array(z.string().min(1)).default([]),
  })
  .strict();

/** rules/vocabulary.yaml: named word lists shared by rules ('$problem' in a term). */
/** rules/variants.yaml: variant written forms (Cantonese, other) → the Mandarin the rules are written in. */
export const variantsSchema = z.object({ variants: z.record(z.string().min(1).max(8), z.string().max(16)) }).strict();

export const vocabularySchema = z.record(z.string().regex(/^[a-z][a-z0-9_]*$/, 'list names are lower_snake_case'), z.array(z.string().min(1)).min(1));

export type PackFile = z.infer<typeof packSchema>;
export type PackRule = z.infer<typeof packRuleSchema>;
export type ExclusionsFile = z.infer<typeof exclusionsSchema>;
export type SignalsFile = z.infer<typeof signalsSchema>;
export type UrgencyFile = z.infer<typeof urgencySchema>;
export type JurisdictionFile = z.infer<typeof jurisdictionSchema>;
export type Near = z.infer<typeof nearSchema>;
