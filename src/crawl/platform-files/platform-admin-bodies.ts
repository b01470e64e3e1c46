import { z } from 'zod';
import { PLATFORM_KEY } from '../loader.js';

/** Request bodies and path parameters of platform-admin-routes.ts (also documented in OpenAPI). */
const key = z.string().regex(PLATFORM_KEY, 'expected a platform key: lowercase letters, digits, - and _ (at most 63), starting with a letter or digit');
/** A crawler file's text as the editor holds it. */
const yaml = z.string().max(100_000, 'expected a file of at most 100,000 characters');
export const platformTextBody = z.object({ platform: key, yaml }).strict();
export const platformEditBody = z.object({ yaml, baseSha: z.string().regex(/^[0-9a-f]{16}$/, 'expected the sha of the text the edit started from (16 hex digits)') }).strict();
export const emptyBody = z.object({}).strict();
export const platformParams = z.object({ platform: key }).strict();
export const versionParams = z.object({ platform: key, version: z.coerce.number().int().min(1) }).strict();
