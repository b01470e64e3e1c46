import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { CATEGORY_CODES, URGENCIES } from '../domain/categories.js';
import { ConfigError } from '../errors.js';
import { reloadOnChange, type LoadCache } from '../files/reload-on-change.js';
import { textSha } from '../files/text-sha.js';
import { compileCondition, type Condition } from '../engine/rules/condition.js';
import { readValidated } from '../engine/rules/read-file.js';
import { conditionMessage, conditionShape, needsCondition } from '../engine/rules/schema.js';
import { sharedLists } from '../engine/rules/shared-lists.js';
import { PhraseIndex } from '../engine/text/phrase-index.js';
import type { VariantTable } from '../engine/text/variants.js';
import { subItemCatalogue } from '../workorders/sub-item-catalogue.js';

const code = z.string().regex(/^[a-z][a-z0-9_]*$/, 'use lower_snake_case ([a-z][a-z0-9_]*)');
const names = z.array(z.string().trim().min(1, 'a name must not be empty')).min(1, 'list at least one, or leave the filter out');
const day = z.string().regex(/^\d{4}-\d\d-\d\d$/, 'a Beijing date as YYYY-MM-DD');

/** Filters over the ticket's fields and the engine's reading; every filter given must hold (omitted: any). */
const filtersSchema = z
  .object({
    /** the engine's category (any of) */
    categories: z.array(z.enum(CATEGORY_CODES)).min(1).optional(),
    /** the engine's sub-items as category.item (any of), e.g. municipal.manhole */
    sub_items: z.array(z.string().regex(/^[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*$/, 'a sub-item as category.item, e.g. municipal.manhole')).min(1).optional(),
    /** the hotline's own category (category_raw) contains any of these */
    hotline_categories: names.optional(),
    /** the district (engine's, else the hotline's) is one of */
    districts: names.optional(),
    /** the street is one of */
    streets: names.optional(),
    /** the place, street or address contains any of these */
    places: names.optional(),
    /** received (Beijing time): from and to dates (both included), months of the year, hours of the day (from ≤ h < to; wraps past midnight) */
    received: z
      .object({
        from: day.optional(),
        to: day.optional(),
        months: z.array(z.number().int().min(1).max(12)).min(1).optional(),
        hours: z.object({ from: z.number().int().min(0).max(23), to: z.number().int().min(1).max(24) }).strict().optional(),
      })
      .strict()
      .optional(),
    urgency: z.enum(URGENCIES).optional(),
    /** 公益诉讼 domains (rules/public-interest.yaml codes; any of) */
    domains: z.array(code).min(1).optional(),
  })
  .strict();

const topicSchema = z
  .object({
    code,
    name: z.string().min(1, 'give the topic its Chinese name, as supervisors read it'),
    description: z.string().min(1, 'say in Chinese what the topic screens for and why'),
    match: filtersSchema.default({}),
    /** keyword rules in the packs' condition syntax: at least one must hold (none listed: the filters alone decide) */
    rules: z.array(z.object({ id: code, name: z.string().min(1, 'give the rule a Chinese name'), ...conditionShape }).strict().refine(needsCondition, conditionMessage)).default([]),
  })
  .strict()
  .refine((t) => t.rules.length > 0 || Object.keys(t.match).length > 0, { message: 'a topic needs keyword rules or at least one filter under match' });

export const screeningTopicsSchema = z.object({ topics: z.array(topicSchema).min(1, 'list at least one topic') }).strict();

export type TopicFilters = z.infer<typeof filtersSchema>;

export interface ScreeningTopic {
  code: string;
  name: string;
  description: string;
  match: TopicFilters;
  rules: { id: string; name: string; condition: Condition }[];
}

/** The compiled topics with the text tables their rules match through, and a fingerprint of the file. */
export interface ScreeningTopics {
  variants: VariantTable;
  index: PhraseIndex;
  topics: ScreeningTopic[];
  sha: string;
}

export const SCREENING_TOPICS_FILE = 'screening-topics.yaml';

/** The built-in topic of every ticket the engine reads as a lead with a category: supervisors see it without a special topic. */
export const ENGINE_TOPIC = { code: 'engine_lead', name: '引擎线索', description: '引擎判断为线索并给出分类的工单（未命中任何专题也列出）' } as const;

/** Reads and compiles rules/screening-topics.yaml; errors name the file and the field, expected and received. */
export function loadScreeningTopics(rulesDir: string): ScreeningTopics {
  const file = path.join(rulesDir, SCREENING_TOPICS_FILE);
  if (!existsSync(file)) throw new ConfigError('screening topics file not found; expected the 过筛子 topics (see rules/screening-topics.yaml in the repository)', file);
  const { variants, vocabulary } = sharedLists(rulesDir);
  const data = readValidated(file, screeningTopicsSchema);
  const index = new PhraseIndex(variants);
  const seen = new Set<string>([ENGINE_TOPIC.code]);
  const items = subItemCatalogue(rulesDir);
  const topics = data.topics.map((t, i) => {
    if (seen.has(t.code)) throw new ConfigError(`duplicate topic code "${t.code}" (${ENGINE_TOPIC.code} is built in); keep one entry per topic`, file, `topics[${i}].code`);
    seen.add(t.code);
    const unknown = t.match.sub_items?.find((item) => items.size > 0 && !items.has(item));
    if (unknown) throw new ConfigError(`unknown sub-item "${unknown}"; expected category.item of rules/packs/<category>.yaml`, file, `topics[${i}] (${t.code}).match.sub_items`);
    return {
      code: t.code,
      name: t.name,
      description: t.description,
      match: t.match,
      rules: t.rules.map((r, j) => {
        try {
          return { id: r.id, name: r.name, condition: compileCondition(r, index, vocabulary) };
        } catch (err) {
          throw new ConfigError((err as Error).message, file, `topics[${i}] (${t.code}).rules[${j}] (id ${r.id})`);
        }
      }),
    };
  });
  return { variants, index, topics, sha: textSha(readFileSync(file, 'utf8')) };
}

const cache: LoadCache<ScreeningTopics> = new Map();

/** The topics of a rules directory, reloaded when the file changes; a broken edit keeps the last good topics. */
export function screeningTopicsFor(rulesDir: string): ScreeningTopics {
  return reloadOnChange(cache, path.join(rulesDir, SCREENING_TOPICS_FILE), () => loadScreeningTopics(rulesDir));
}

/** A topic's name by code (the built-in one included); an unknown code (a topic since removed) reads as itself. */
export function topicName(topics: ScreeningTopics, topicCode: string): string {
  if (topicCode === ENGINE_TOPIC.code) return ENGINE_TOPIC.name;
  return topics.topics.find((t) => t.code === topicCode)?.name ?? `已删除的专题（${topicCode}）`;
}
