import cron from 'node-cron';
import { z } from 'zod';
import { skipRule } from './item-filter.js';

/**
 * The schema of a platform file in crawlers/ (YAML or JSON). An admin adds a
 * platform by adding a file; every field is validated here and errors name the
 * file and the field path (see loader.ts).
 */

/** Where a post field comes from: a JSON path / CSS selector / feed field, or an object for more. */
const singleFieldSpec = z.union([
  z.string().min(1),
  z
    .object({
      path: z.string().min(1).optional().describe('JSON path, e.g. user.screen_name'),
      selector: z.string().optional().describe('CSS selector inside the item (its first match); empty = the item itself'),
      attr: z.string().min(1).optional().describe('read this attribute instead of the text'),
      html: z.boolean().optional().describe('HTML pages: false = the bare text (no line breaks); JSON: the value is HTML, converted to text anyway'),
      exclude: z.array(z.string().min(1)).min(1).optional().describe('CSS selectors inside the element left out of its text (quotes, 「本帖最后由…编辑」, attachments)'),
      regex: z.string().min(1).optional().describe('keep the first capture group (or the whole match)'),
      compute: z.enum(['high32']).optional().describe('high32: the high 32 bits of a 64-bit id (Douyin aweme_id → epoch seconds)'),
      template: z.string().min(1).optional().describe('build from other fields and the item: "https://m.weibo.cn/detail/{id}", "{raw.note_card.user.user_id}", "{parent.id}"'),
      value: z.string().optional().describe('a constant'),
    })
    .strict()
    .refine((f) => [f.path, f.selector, f.template, f.value].some((v) => v !== undefined), {
      message: 'give one of path, selector, template or value',
    }),
]);
/** A spec, or a list tried in order until one gives a value (a title attribute, else the text). */
export const fieldSpec = z.union([singleFieldSpec, z.array(singleFieldSpec).min(1)]);
export type SingleFieldSpec = z.infer<typeof singleFieldSpec>;
export type FieldSpec = z.infer<typeof fieldSpec>;

export const POST_FIELDS = ['id', 'text', 'title', 'url', 'author', 'authorId', 'publishedAt', 'ipLocation', 'likes', 'comments', 'shares', 'views'] as const;
export type PostField = (typeof POST_FIELDS)[number];

const fieldsSchema = z
  .object({
    id: fieldSpec,
    text: fieldSpec,
    ...Object.fromEntries(POST_FIELDS.filter((f) => f !== 'id' && f !== 'text').map((f) => [f, fieldSpec.optional()])),
  })
  .strict();
const partialFields = z.object(Object.fromEntries(POST_FIELDS.map((f) => [f, fieldSpec.optional()]))).strict();
export type FieldsSpec = Partial<Record<PostField, FieldSpec>>;

/** Posts inside each item (the comments of a post): `items` is a JSON path or CSS selector inside the item; templates may use {parent.FIELD}. */
const childrenSchema = z.object({ items: z.string().min(1), fields: fieldsSchema, skip: z.array(skipRule).optional() }).strict();
export type ChildrenSpec = z.infer<typeof childrenSchema>;

const extractSchema = z.discriminatedUnion('type', [
  z
    .object({
      type: z.literal('json'),
      /** The JSON a page's script assigns to this name (window.__INITIAL_STATE__), instead of a JSON body. */
      embedded: z.string().min(1).optional(),
      items: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]),
      fields: fieldsSchema,
      skip: z.array(skipRule).optional(),
      children: childrenSchema.optional(),
    })
    .strict(),
  z
    .object({
      type: z.literal('html'),
      /** Read the page's HTML comments as markup (Tieba's Bigpipe pages keep the thread list in one). */
      uncomment: z.boolean().default(false),
      items: z.string().min(1),
      fields: fieldsSchema,
      skip: z.array(skipRule).optional(),
      children: childrenSchema.optional(),
    })
    .strict(),
  // RSS 2.0 / Atom: fields default to guid|id, title, link, description|content|summary, pubDate|published|updated, author
  z.object({ type: z.literal('feed'), fields: partialFields.optional() }).strict(),
]);

const paginationSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('none') }).strict(),
  z.object({ type: z.literal('page'), start: z.number().int().min(0).default(1), maxPages: z.number().int().min(1).max(100).default(5) }).strict(),
  z.object({ type: z.literal('next-link'), selector: z.string().min(1), maxPages: z.number().int().min(1).max(100).default(5) }).strict(),
  z
    .object({ type: z.literal('cursor'), path: z.string().min(1), url: z.string().min(1), maxPages: z.number().int().min(1).max(100).default(5) })
    .strict(),
  z.object({ type: z.literal('scroll'), maxScrolls: z.number().int().min(0).max(200).default(10), waitMs: z.number().int().min(0).max(30_000).default(800) }).strict(),
]);
export type Pagination = z.infer<typeof paginationSchema>;

const cronExpr = z.string().refine((s) => cron.validate(s), { message: 'not a valid cron expression (5 or 6 fields, e.g. "*/10 * * * *")' });

export const crawlerDefinitionSchema = z
  .object({
    name: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,62}$/, 'lowercase letters, digits, - and _ (the platform key stored with every post)').optional(),
    displayName: z.string().min(1).optional(),
    description: z.string().optional(),
    enabled: z.boolean().default(true),
    /** Demo platforms run only from the demo command, never from the production scheduler. */
    demo: z.boolean().default(false),
    /** A platform of the jurisdiction itself (a city forum, the city's message board): its posts are local evidence. */
    local: z.boolean().default(false),
    engine: z.enum(['cheerio', 'playwright']),
    /** Defaults for {env.NAME} placeholders; the process environment overrides them (e.g. RSSHUB_URL). */
    env: z.record(z.string().regex(/^[A-Z][A-Z0-9_]*$/), z.string()).default({}),
    /** Keyword lists; a start URL with {city} and {problem} is expanded over city × problem. */
    keywords: z.record(z.string().regex(/^[a-z][a-z0-9_]*$/), z.array(z.string().min(1)).min(1)).default({}),
    startUrls: z.array(z.string().min(1)).min(1),
    extract: extractSchema,
    detail: z
      .object({
        url: z.string().min(1).describe('template over listing fields, e.g. "{url}"'),
        type: z.enum(['html', 'json']).default('html'),
        /** JSON listings: fetch the detail only when this path of the listing item is truthy (Weibo isLongText). */
        onlyIf: z.string().min(1).optional(),
        fields: partialFields,
      })
      .strict()
      .optional(),
    pagination: paginationSchema.default({ type: 'none' }),
    /** Stop paging a listing at the first page that brings no new post. */
    stopAtSeen: z.boolean().default(true),
    cutoff: z.object({ maxAgeHours: z.number().positive().default(72) }).strict().default({ maxAgeHours: 72 }),
    schedule: z.object({ cron: cronExpr, jitterSeconds: z.number().int().min(0).max(3600).default(30) }).strict(),
    limits: z
      .object({
        maxRequestsPerMinute: z.number().int().min(1).max(100_000).default(30),
        maxConcurrency: z.number().int().min(1).max(50).default(2),
        timeoutSeconds: z.number().int().min(1).max(300).default(30),
        /** A host that does not accept a connection within this is reported unreachable (the page itself may take timeoutSeconds). */
        connectTimeoutSeconds: z.number().int().min(1).max(60).default(10),
        maxRetries: z.number().int().min(0).max(10).default(3),
        maxBackoffSeconds: z.number().int().min(0).max(3600).default(60),
      })
      .strict()
      .default({ maxRequestsPerMinute: 30, maxConcurrency: 2, timeoutSeconds: 30, connectTimeoutSeconds: 10, maxRetries: 3, maxBackoffSeconds: 60 }),
    request: z
      .object({
        headers: z.record(z.string(), z.string()).default({}),
        cookies: z.record(z.string(), z.string()).default({}),
        /** Force a charset when the server does not declare it (GBK forums). */
        encoding: z.string().min(1).optional(),
      })
      .strict()
      .default({ headers: {}, cookies: {} }),
    robots: z
      .discriminatedUnion('respect', [
        z.object({ respect: z.literal(true) }).strict(),
        z.object({ respect: z.literal(false), reason: z.string().min(10, 'say why robots.txt is not followed (at least 10 characters)') }).strict(),
      ])
      .default({ respect: true }),
    /** Targets on loopback, private, link-local or cloud-metadata addresses are refused unless the file says why. */
    privateNetwork: z
      .discriminatedUnion('allow', [
        z.object({ allow: z.literal(false) }).strict(),
        z.object({ allow: z.literal(true), reason: z.string().min(10, 'say why this platform is on a private or local address (at least 10 characters)') }).strict(),
      ])
      .default({ allow: false }),
    proxy: z.boolean().default(true),
    /** This platform's own signs of a wall, added to the defaults of accounts/block-detect.ts. */
    blockDetection: z
      .object({
        loginStatuses: z.array(z.number().int().min(400).max(599)).min(1).optional().describe('HTTP statuses that mean "log in first" (401 and 403 already do)'),
        loginUrls: z.array(z.string().min(1)).min(1).optional().describe('parts of the URL a redirect to the login page ends on, e.g. /member/enter'),
        captchaMarkers: z.array(z.string().min(1)).min(1).optional().describe('text of a captcha or slider page served instead of the listing, e.g. 拖动滑块'),
        loginMarkers: z.array(z.string().min(1)).min(1).optional().describe('text of a login form served with 200, e.g. 登录后查看'),
      })
      .strict()
      .optional(),
    browser: z
      .object({ waitFor: z.string().min(1).optional(), waitMs: z.number().int().min(0).max(30_000).default(0) })
      .strict()
      .optional(),
  })
  .strict()
  .superRefine((d, ctx) => {
    if (d.pagination.type === 'scroll' && d.engine !== 'playwright') {
      ctx.addIssue({ code: 'custom', path: ['pagination', 'type'], message: 'scroll pagination needs engine: playwright' });
    }
    if (d.pagination.type === 'next-link' && d.extract.type !== 'html') {
      ctx.addIssue({ code: 'custom', path: ['pagination', 'type'], message: 'next-link pagination needs extract.type: html' });
    }
    if (d.pagination.type === 'page') {
      d.startUrls.forEach((u, i) => {
        if (!u.includes('{page}')) ctx.addIssue({ code: 'custom', path: ['startUrls', i], message: 'page pagination needs {page} in every start URL' });
      });
    }
    if (d.pagination.type === 'cursor' && !d.pagination.url.includes('{cursor}')) {
      ctx.addIssue({ code: 'custom', path: ['pagination', 'url'], message: 'cursor pagination url needs {cursor}' });
    }
    if (d.engine === 'playwright' && d.extract.type !== 'html') {
      ctx.addIssue({ code: 'custom', path: ['extract', 'type'], message: 'the playwright engine extracts rendered HTML: use type html' });
    }
    d.startUrls.forEach((u, i) => {
      for (const [, name] of u.matchAll(/\{([a-z][a-z0-9_]*)\}/g)) {
        if (name !== 'page' && !(name! in d.keywords)) {
          ctx.addIssue({ code: 'custom', path: ['startUrls', i], message: `placeholder {${name}} has no keyword list; add keywords.${name}` });
        }
      }
    });
  });

export type CrawlerDefinitionInput = z.input<typeof crawlerDefinitionSchema>;
export type ParsedDefinition = z.infer<typeof crawlerDefinitionSchema>;

/** A validated definition with its platform key and source file. */
export interface CrawlerDefinition extends ParsedDefinition {
  name: string;
  file: string;
}
