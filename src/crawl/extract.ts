import { select } from 'cheerio-select';
import { compile, selectOne } from 'css-select';
import type { AnyNode, Document } from 'domhandler';
import { textContent } from 'domutils';
import { parseDocument } from 'htmlparser2';
import { XMLParser } from 'fast-xml-parser';
import { NonRetryableError, describeReceived } from '../errors.js';
import type { NewPost } from '../storage/posts.js';
import type { CrawlerDefinition, FieldSpec, FieldsSpec, PostField } from './definition.js';
import { getPath, selectPath } from './json-path.js';
import { parsePublishedTime } from './published-time.js';
import { fillTemplate } from './templates.js';
import { PlainText, domToText, htmlToText, normaliseSpace, parseCount, parseIpLocation } from './text-clean.js';

/** A post as extracted from one page, before storing. */
export type ExtractedPost = Omit<NewPost, 'platform'>;

export interface PageExtraction {
  posts: ExtractedPost[];
  /** Items the selectors matched but that lacked an id or text. */
  invalid: number;
  nextUrl?: string;
  cursor?: string;
}

export type PageFormat = 'html' | 'json' | 'feed';

const MAX_RAW = 64_000;
const feedParser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_', textNodeName: '#text', processEntities: true, htmlEntities: true });

/** Extracts a listing page (format from the definition) or a detail page (`fields` overrides). */
export function extractPage(def: CrawlerDefinition, body: string, pageUrl: string, now: Date): PageExtraction {
  const ex = def.extract;
  if (ex.type === 'html') {
    const doc = parseWithOffsets(body);
    const result = extractHtmlItems(doc, body, ex.items, ex.fields, pageUrl, now);
    if (def.pagination.type === 'next-link') {
      const href = attribute(select(def.pagination.selector, doc)[0], 'href');
      if (href) result.nextUrl = resolveUrl(href, pageUrl) ?? undefined;
    }
    return result;
  }
  if (ex.type === 'json') {
    const data = parseJson(body);
    const paths = Array.isArray(ex.items) ? ex.items : [ex.items];
    const items = paths.flatMap((p) => selectPath(data, p)).filter((i) => i !== null && typeof i === 'object');
    const result = buildPosts(items.map((item) => ({ raw: JSON.stringify(item), read: (spec: FieldSpec) => readJson(item, spec) })), ex.fields, pageUrl, now);
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
      ? ((data: unknown) => (spec: FieldSpec) => readJson(data, spec))(parseJson(body))
      : ((doc: Document) => (spec: FieldSpec) => readHtml(doc, spec))(parseWithOffsets(body));
  const values: Partial<Record<PostField, unknown>> = {};
  for (const [field, spec] of Object.entries(detail.fields) as [PostField, FieldSpec][]) {
    if (!spec || (typeof spec !== 'string' && spec.template)) continue;
    values[field] = read(spec);
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

function attribute(node: AnyNode | undefined, name: string): string | undefined {
  return node && 'attribs' in node ? node.attribs[name] : undefined;
}

function extractHtmlItems(doc: Document, body: string, itemsSelector: string, fields: FieldsSpec, pageUrl: string, now: Date): PageExtraction {
  const items = select(itemsSelector, doc);
  return buildPosts(items.map((el) => ({ raw: rawHtml(el, body), read: (spec: FieldSpec) => readHtml(el, spec) })), fields, pageUrl, now);
}

interface ItemReader {
  raw: string;
  read(spec: FieldSpec): unknown;
}

function buildPosts(items: ItemReader[], fields: FieldsSpec, pageUrl: string, now: Date): PageExtraction {
  const result: PageExtraction = { posts: [], invalid: 0 };
  for (const item of items) {
    const values: Partial<Record<PostField, unknown>> = {};
    const templated: [PostField, string][] = [];
    for (const [field, spec] of Object.entries(fields) as [PostField, FieldSpec | undefined][]) {
      if (!spec) continue;
      if (typeof spec !== 'string' && spec.template) templated.push([field, spec.template]);
      else values[field] = item.read(spec);
    }
    for (const [field, template] of templated) {
      const filled = fillTemplate(template, Object.fromEntries(Object.entries(values).map(([k, v]) => [k, v === undefined || v === null ? undefined : String(v)])));
      values[field] = /\{[A-Za-z]/.test(filled) ? undefined : filled;
    }
    const post = toPost(normaliseFields(values, pageUrl, now), item.raw);
    if (post) result.posts.push(post);
    else result.invalid++;
  }
  return result;
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

function applyRegex(value: unknown, spec: FieldSpec): unknown {
  if (typeof spec === 'string' || !spec.regex || value === undefined || value === null) return value;
  const m = new RegExp(spec.regex).exec(String(value));
  return m ? (m[1] ?? m[0]) : undefined;
}

function readJson(item: unknown, spec: FieldSpec): unknown {
  if (typeof spec === 'string') return getPath(item, spec);
  if (spec.value !== undefined) return spec.value;
  return applyRegex(spec.path ? getPath(item, spec.path) : undefined, spec);
}

// Field selectors run once per item of every page: compile each once (a selector string compiles per call).
const compiled = new Map<string, ReturnType<typeof compile>>();
function firstMatch(selector: string, el: AnyNode): AnyNode | null {
  let query = compiled.get(selector);
  if (!query) {
    query = compile(selector);
    if (compiled.size > 1000) compiled.clear();
    compiled.set(selector, query);
  }
  const children = 'children' in el ? (el.children as AnyNode[]) : [];
  return selectOne(query, children as never) as AnyNode | null;
}

function readHtml(el: AnyNode, spec: FieldSpec): unknown {
  if (typeof spec !== 'string' && spec.value !== undefined) return spec.value;
  const selector = typeof spec === 'string' ? spec : (spec.selector ?? '');
  const found = selector ? firstMatch(selector, el) : el;
  if (!found) return undefined;
  if (typeof spec !== 'string' && spec.attr) return applyRegex(attribute(found, spec.attr), spec);
  // text values are normalised here, once (html: false → the bare text content, without line breaks)
  const value = new PlainText(typeof spec !== 'string' && spec.html === false ? normaliseSpace(textContent(found)) : domToText([found]));
  return typeof spec !== 'string' && spec.regex ? applyRegex(value.value, spec) : value;
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
      read: (spec: FieldSpec) => (typeof spec === 'string' && spec.startsWith('$std.') ? std[spec.slice(5)] : readJson(item, spec)),
    };
  });
  const defaults: FieldsSpec = { id: '$std.id', title: '$std.title', url: '$std.url', text: '$std.text', publishedAt: '$std.publishedAt', author: '$std.author' };
  return buildPosts(items, { ...defaults, ...fields }, pageUrl, now);
}
