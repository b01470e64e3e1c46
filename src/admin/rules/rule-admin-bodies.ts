import { z } from 'zod';
import { RULE_KEY } from './rule-files.js';
import { DEFAULT_TRIAL_POSTS } from './rule-trial.js';

/** Request bodies and path parameters of rule-admin-routes.ts (also documented in OpenAPI). */
const key = z.string().regex(RULE_KEY, 'expected a rule file key: a pack\'s file name without .yaml (e.g. noise), or exclusions, signals, urgency, screening_topics');
/** A rule file's text as the editor holds it. */
const yaml = z.string().max(200_000, 'expected a file of at most 200,000 characters');
export const ruleParams = z.object({ key }).strict();
export const ruleVersionParams = z.object({ key, version: z.coerce.number().int().min(1) }).strict();
export const ruleTextBody = z.object({ yaml }).strict();
export const ruleTrialBody = z.object({ yaml, posts: z.number().int().min(0).max(20_000).default(DEFAULT_TRIAL_POSTS) }).strict();
export const ruleActivateBody = z.object({ yaml, baseSha: z.string().regex(/^[0-9a-f]{16}$/, 'expected the sha of the text the edit started from (16 hex digits)') }).strict();
export const emptyBody = z.object({}).strict();
