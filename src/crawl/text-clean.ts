import * as cheerio from 'cheerio';

const BLOCK = 'p,div,li,tr,h1,h2,h3,h4,h5,h6,blockquote,section,article,header,footer,pre,dd,dt';
const BLOCK_TAGS = new Set(BLOCK.split(','));
const INERT_TAGS = new Set(['script', 'style', 'noscript', 'template', 'iframe', 'object', 'embed', 'svg', 'head', 'title']);

/** Text already taken from a parsed DOM: never parsed as HTML again. */
export class PlainText {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

interface DomNode {
  type: string;
  data?: string;
  name?: string;
  attribs?: Record<string, string>;
  children?: DomNode[];
}

/**
 * The same conversion as htmlToText, straight from parsed nodes (a page is parsed
 * once; items and fields are read from its DOM without serialising and re-parsing).
 * Nodes in `skip` are left out with everything inside them (a field's `exclude`).
 */
export function domToText(nodes: readonly unknown[], skip?: ReadonlySet<unknown>): string {
  let out = '';
  const walk = (n: DomNode) => {
    if (skip?.has(n)) return;
    if (n.type === 'text') out += (n.data ?? '').replace(/[\r\n\t ]+/g, ' ');
    else if (n.type === 'tag' || n.type === 'script' || n.type === 'style') {
      const name = (n.name ?? '').toLowerCase();
      if (INERT_TAGS.has(name)) return;
      if (name === 'br') out += '\n';
      else if (name === 'img') out += n.attribs?.alt ?? '';
      else {
        for (const c of n.children ?? []) walk(c);
        if (BLOCK_TAGS.has(name)) out += '\n';
      }
    } else if (n.type === 'root') for (const c of n.children ?? []) walk(c);
  };
  for (const n of nodes) walk(n as DomNode);
  return normaliseSpace(out);
}

/**
 * Crawled HTML to plain text: scripts, styles and other inert-only content dropped,
 * line breaks kept (<br>, block ends), entities decoded, emoji images as their alt
 * ("[doge]"), runs of spaces collapsed. The result is text, never markup.
 */
export function htmlToText(html: string): string {
  if (!/[<&]/.test(html)) return normaliseSpace(html);
  // Newlines in markup are just spaces; only <br> and block ends break lines.
  const $ = cheerio.load(html.replace(/[\r\n\t ]+/g, ' '), null, false);
  $('script,style,noscript,template,iframe,object,embed,svg').remove();
  $('img[alt]').each((_, el) => {
    $(el).replaceWith($(el).attr('alt') ?? '');
  });
  $('br').replaceWith('\n');
  $(BLOCK).each((_, el) => {
    $(el).append('\n');
  });
  return normaliseSpace($.root().text());
}

export function normaliseSpace(text: string): string {
  if (!/[\r\t\f\v\u00a0\u3000]|\s\s|^\s|\s$|\n/.test(text)) return text;
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[\t\f\v \u00a0\u3000]+/g, ' ')
    .split('\n')
    .map((l) => l.trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** "发布于 广东", "IP属地：广东", "来自广东" → "广东". */
export function parseIpLocation(input: unknown): string | null {
  if (input === null || input === undefined) return null;
  const text = normaliseSpace(String(input));
  const m = /(?:IP\s*属地|发布于|来自|IP)\s*[:：]?\s*([\u4e00-\u9fa5A-Za-z·]+)/i.exec(text);
  const place = (m ? m[1] : text)!.trim();
  return place && place.length <= 20 && !/[<>]/.test(place) ? place : null;
}

/** Engagement counts as shown: 1234, "1,234", "1.2万", "3亿", "10w+", "赞" (no number) → integer or null. */
export function parseCount(input: unknown): number | null {
  if (typeof input === 'number') return Number.isFinite(input) && input >= 0 ? Math.round(input) : null;
  if (input === null || input === undefined) return null;
  const m = /(\d+(?:[.,]\d+)*)\s*(万|w|W|亿|k|K|千)?/.exec(String(input).replace(/,(?=\d{3})/g, ''));
  if (!m) return null;
  const n = Number(m[1]);
  if (!Number.isFinite(n)) return null;
  const mult = { 万: 1e4, w: 1e4, W: 1e4, 亿: 1e8, k: 1e3, K: 1e3, 千: 1e3 }[m[2] ?? ''] ?? 1;
  return Math.round(n * mult);
}
