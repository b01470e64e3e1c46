import { select } from 'cheerio-select';
import type { AnyNode, Document } from 'domhandler';
import { parseDocument } from 'htmlparser2';
import { XMLParser } from 'fast-xml-parser';
import { NonRetryableError, describeReceived } from '../errors.js';
import type { NewPost } from '../storage/posts.js';
import type { CrawlerDefinition, FieldSpec, FieldsSpec, PostField, SingleFieldSpec } from './definition.js';
import { embeddedJson } from './embedded-json.js';
import { attribute, hasTemplate, readField, readHtml, readJson } from './field-read.js';
import { ruleMatches, type SkipRule } from './item-filter.js';
import { getPath, selectPath } from './json-path.js';
import { parsePublishedTime } from './published-time.js';
import { fillTemplate } from './templates.js';
import { PlainText, htmlToText, normaliseSpace, parseCount, parseIpLocation } from './text-clean.js';

/** A post as extracted from one page, before storing. */
export type ExtractedPost = Omit<NewPost, 'platform'>;

export interface PageExtraction {
  posts: ExtractedPost[];
  /** Items the selectors matched but that lacked an id or text. */
  invalid: number;
  /** Items dropped on purpose by extract.skip (ads, placeholders). */
  skipped: number;
  nextUrl?: string;
  cursor?: string;
}

export type PageFormat = 'html' | 'json' | 'feed';

const MAX_RAW = 64_000;
const feedParser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_', textNodeName: '#text', processEntities: true, htmlEntities: true });

/** What makes posts of the items of a page (or of an item's children). */
interface ItemsSpec {
  fields: FieldsSpec;
  skip?: SkipRule[];
  children?: ItemsSpec & { items: string };
}

/** Extracts a listing page (format from the definition) or a detail page (`fields` overrides). */
export function extractPage(def: CrawlerDefinition, body: string, pageUrl: string, now: Date): PageExtraction {
  const ex = def.extract;
  if (ex.type === 'html') {
    // Tieba's Bigpipe pages send the thread list inside an HTML comment: read comments as markup
    const page = ex.uncomment ? body.replace(/<!--|-->/g, '') : body;
    const doc = parseWithOffsets(page);
    const result = buildPosts(select(ex.items, doc).map((el) => htmlItem(el, page)), ex, pageUrl, now);
    if (def.pagination.type === 'next-link') {
      const href = attribute(select(def.pagination.selector, doc)[0], 'href');
      if (href) result.nextUrl = resolveUrl(href, pageUrl) ?? undefined;
    }
    return result;
  }
  if (ex.type === 'json') {
    const data = ex.embedded ? embeddedJson(body, ex.embedded) : parseJson(body);
    const paths = Array.isArray(ex.items) ? ex.items : [ex.items];
    const result = buildPosts(paths.flatMap((p) => jsonItems(data, p)), ex, pageUrl, now);
    if (def.pagination.type === 'cursor') {
      const c = getPath(data, def.pagination.path);
      if (c !== undefined && c !== null && String(c) !== '' && String(c) !== '0') result.cursor = String(c);
    }
    return result;
  }
  return extractFeed(body, ex.fields ?? {}, pageUrl, now);
}

/** A detail page: its fields complete (and override) what the listing gave. */
export function extractDetail(def: CrawlerDefinition, body: string, pageUrl: string, listing: ExtractedPost, now: Date): ExtractedPost {
  const detail = def.detail!;
  const read =
    detail.type === 'json'
      ? ((data: unknown) => (spec: SingleFieldSpec) => readJson(data, spec))(parseJson(body))
      : ((doc: Document) => (spec: SingleFieldSpec) => readHtml(doc, spec))(parseWithOffsets(body));
  const values: Partial<Record<PostField, unknown>> = {};
  for (const [field, spec] of Object.entries(detail.fields) as [PostField, FieldSpec][]) {
    if (spec && !hasTemplate(spec)) values[field] = readField(spec, read);
  }
  const merged = { ...listing };
  const normalised = normaliseFields(values, pageUrl, now);
  for (const [k, v] of Object.entries(normalised)) if (v !== null && v !== undefined && v !== '') (merged as Record<string, unknown>)[k] = v;
  return merged;
}

function parseJson(body: string): unknown {
  try {
    return JSON.parse(body.replace(/^\uFEFF/, ''));
  } catch {
    throw new NonRetryableError(`response is not JSON (received ${describeReceived(body.slice(0, 60))}); the API may have changed or returned an error page`);
  }
}

/**
 * Parses a page with htmlparser2, the parser cheerio and Crawlee's CheerioCrawler use, keeping
 * each node's source offsets: an item's raw HTML is then a slice of the body, not a
 * re-serialisation. Items are selected with cheerio's selector engine (jQuery extensions such as
 * `:first` work as in cheerio) and read straight from the DOM, without cheerio wrappers.
 */
function parseWithOffsets(body: string): Document {
  return parseDocument(body, { decodeEntities: true, withStartIndices: true, withEndIndices: true });
}

/** The item's markup as the page had it, from its source offsets. */
function rawHtml(el: AnyNode, body: string): string {
  return body.slice(el.startIndex ?? 0, Math.min((el.endIndex ?? -1) + 1, (el.startIndex ?? 0) + MAX_RAW));
}

interface ItemReader {
  raw: string;
  /** The JSON item, for {raw.PATH} in templates and skip rules on paths. */
  value?: unknown;
  read(spec: SingleFieldSpec): unknown;
  children(items: string): ItemReader[];
}

function htmlItem(el: AnyNode, body: string): ItemReader {
  return { raw: rawHtml(el, body), read: (spec) => readHtml(el, spec), children: (items) => select(items, el).map((c) => htmlItem(c, body)) };
}

function jsonItems(data: unknown, path: string): ItemReader[] {
  return selectPath(data, path)
    .filter((i) => i !== null && typeof i === 'object')
    .map((item) => ({ raw: JSON.stringify(item), value: item, read: (spec) => readJson(item, spec), children: (items) => jsonItems(item, items) }));
}

type Values = Partial<Record<PostField, unknown>>;

function buildPosts(items: ItemReader[], spec: ItemsSpec, pageUrl: string, now: Date, parent?: Record<string, unknown>): PageExtraction {
  const result: PageExtraction = { posts: [], invalid: 0, skipped: 0 };
  for (const item of items) {
    const values = readValues(item, spec.fields, parent);
    const fields = normaliseFields(values, pageUrl, now);
    if (spec.skip?.some((rule) => ruleMatches(rule, rule.field ? (fields as Record<string, unknown>)[rule.field] : item.read(rule.path ?? { selector: rule.selector, attr: rule.attr, html: false })))) {
      result.skipped++;
      continue;
    }
    const post = toPost(fields, item.raw);
    if (post) result.posts.push(post);
    else result.invalid++;
    if (spec.children) {
      // the parent's fields as read (before normalising), for {parent.FIELD} in the children's templates
      const sub = buildPosts(item.children(spec.children.items), spec.children, pageUrl, now, { ...stringValues(values), url: fields.url ?? undefined });
      result.posts.push(...sub.posts);
      result.invalid += sub.invalid;
      result.skipped += sub.skipped;
    }
  }
  return result;
}

/** Reads the fields of one item: plain ones first, then templates over them, the item's raw paths and the parent's fields. */
function readValues(item: ItemReader, fields: FieldsSpec, parent?: Record<string, unknown>): Values {
  const values: Values = {};
  const entries = Object.entries(fields).filter(([, s]) => s) as [PostField, FieldSpec][];
  for (const [field, spec] of entries) if (!hasTemplate(spec)) values[field] = readField(spec, item.read);
  const lookup = (name: string) => {
    if (name.startsWith('raw.')) return scalar(getPath(item.value, name.slice(4)));
    if (name.startsWith('parent.')) return scalar(parent?.[name.slice(7)]);
    return scalar(values[name as PostField]);
  };
  for (const [field, spec] of entries) {
    if (!hasTemplate(spec)) continue;
    values[field] = readField(spec, item.read, (template) => {
      const filled = fillTemplate(template, lookup);
      return /\{[A-Za-z]/.test(filled) ? undefined : filled;
    });
  }
  return values;
}

function scalar(v: unknown): string | undefined {
  if (v === undefined || v === null || typeof v === 'object') return undefined;
  return String(v);
}

function stringValues(values: Values): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, v instanceof PlainText ? v.value : v]));
}

function normaliseFields(values: Partial<Record<PostField, unknown>>, pageUrl: string, now: Date): Partial<ExtractedPost> & { id?: string } {
  const str = (v: unknown) => (v === undefined || v === null ? null : (v instanceof PlainText ? v.value : normaliseSpace(String(v))) || null);
  // JSON and feed values may hold HTML (Weibo text); values read from a parsed page are text already
  const text = (v: unknown) => (v === undefined || v === null ? null : v instanceof PlainText ? v.value : htmlToText(String(v))) || null;
  const out: Partial<ExtractedPost> & { id?: string } = {};
  if ('id' in values) out.id = str(values.id) ?? undefined;
  if ('text' in values) out.text = text(values.text) ?? undefined;
  if ('title' in values) out.title = text(values.title);
  if ('url' in values) out.url = str(values.url) ? resolveUrl(str(values.url)!, pageUrl) : null;
  if ('author' in values) out.author = str(values.author);
  if ('authorId' in values) out.authorId = str(values.authorId);
  if ('publishedAt' in values) out.publishedAt = parsePublishedTime(typeof values.publishedAt === 'number' ? values.publishedAt : str(values.publishedAt), now);
  if ('ipLocation' in values) out.ipLocation = parseIpLocation(values.ipLocation);
  for (const k of ['likes', 'comments', 'shares', 'views'] as const) if (k in values) out[k] = parseCount(values[k]);
  return out;
}

function toPost(f: Partial<ExtractedPost> & { id?: string }, raw: string): ExtractedPost | null {
  const text = f.text || f.title;
  if (!f.id || !text) return null;
  return { ...f, platformPostId: f.id.slice(0, 200), text, raw } as ExtractedPost & { id?: string };
}

export function resolveUrl(href: string, base: string): string | null {
  try {
    const u = new URL(href, base);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.toString() : null;
  } catch {
    return null;
  }
}

// --- RSS 2.0 / Atom -----------------------------------------------------------------------

function textOf(v: unknown): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'string' || typeof v === 'number') return String(v);
  if (Array.isArray(v)) return textOf(v[0]);
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return textOf(o['#text'] ?? o['@_href'] ?? o.name);
  }
  return undefined;
}

function atomLink(v: unknown): string | undefined {
  const links = (Array.isArray(v) ? v : [v]) as Record<string, unknown>[];
  const alt = links.find((l) => l && typeof l === 'object' && (!l['@_rel'] || l['@_rel'] === 'alternate'));
  return textOf(alt ?? links[0]);
}

function extractFeed(body: string, fields: FieldsSpec, pageUrl: string, now: Date): PageExtraction {
  let doc: Record<string, unknown>;
  try {
    doc = feedParser.parse(body) as Record<string, unknown>;
  } catch (err) {
    throw new NonRetryableError(`feed is not well-formed XML: ${(err as Error).message.split('\n')[0]}`);
  }
  const rss = getPath(doc, 'rss.channel.item') ?? getPath(doc, 'rdf:RDF.item');
  const atom = getPath(doc, 'feed.entry');
  if (rss === undefined && atom === undefined && !getPath(doc, 'rss.channel') && !getPath(doc, 'feed')) {
    throw new NonRetryableError(`not an RSS or Atom feed (received ${describeReceived(body.slice(0, 60))})`);
  }
  const list = ([] as unknown[]).concat(rss ?? [], atom ?? []) as Record<string, unknown>[];
  // default fields read the normalised item ("$std.title"), a file's overrides read the raw feed item
  const items: ItemReader[] = list.map((item) => {
    const std: Record<string, unknown> = {
      id: textOf(item.guid) ?? textOf(item.id) ?? (atom ? atomLink(item.link) : textOf(item.link)),
      title: textOf(item.title),
      url: atom ? atomLink(item.link) : textOf(item.link),
      text: textOf(item['content:encoded']) ?? textOf(item.description) ?? textOf(item.content) ?? textOf(item.summary),
      publishedAt: textOf(item.pubDate) ?? textOf(item.published) ?? textOf(item.updated) ?? textOf(item['dc:date']),
      author: textOf(item.author) ?? textOf(item['dc:creator']),
    };
    return {
      raw: JSON.stringify(item).slice(0, MAX_RAW),
      value: item,
      read: (spec: SingleFieldSpec) => (typeof spec === 'string' && spec.startsWith('$std.') ? std[spec.slice(5)] : readJson(item, spec)),
      children: () => [],
    };
  });
  const defaults: FieldsSpec = { id: '$std.id', title: '$std.title', url: '$std.url', text: '$std.text', publishedAt: '$std.publishedAt', author: '$std.author' };
  return buildPosts(items, { fields: { ...defaults, ...fields } }, pageUrl, now);
}
