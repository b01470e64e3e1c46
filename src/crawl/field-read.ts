import { selectAll } from 'css-select';
import { compile, selectOne } from 'css-select';
import type { AnyNode } from 'domhandler';
import { textContent } from 'domutils';
import type { FieldSpec, SingleFieldSpec } from './definition.js';
import { getPath } from './json-path.js';
import { PlainText, domToText, normaliseSpace } from './text-clean.js';

/**
 * Reading one field of one item: a JSON path, or a CSS selector (its first match inside the item)
 * with an attribute or the text; then regex and compute. A list of specs is tried in order until
 * one gives a value (fallbacks). Templates are filled by the caller, once the other fields are read.
 */
export type ReadSpec = (spec: SingleFieldSpec) => unknown;

export function present(v: unknown): boolean {
  return v !== undefined && v !== null && String(v) !== '';
}

/** The first spec of a list (or the spec) that gives a value; `fill` answers the template ones. */
export function readField(spec: FieldSpec, read: ReadSpec, fill: (template: string) => unknown = () => undefined): unknown {
  for (const s of Array.isArray(spec) ? spec : [spec]) {
    const v = typeof s !== 'string' && s.template ? fill(s.template) : read(s);
    if (present(v)) return v;
  }
  return undefined;
}

export function hasTemplate(spec: FieldSpec): boolean {
  return (Array.isArray(spec) ? spec : [spec]).some((s) => typeof s !== 'string' && s.template !== undefined);
}

export function readJson(item: unknown, spec: SingleFieldSpec): unknown {
  if (typeof spec === 'string') return getPath(item, spec);
  if (spec.value !== undefined) return spec.value;
  return finish(spec.path ? getPath(item, spec.path) : undefined, spec);
}

export function readHtml(el: AnyNode, spec: SingleFieldSpec): unknown {
  if (typeof spec !== 'string' && spec.value !== undefined) return spec.value;
  const selector = typeof spec === 'string' ? spec : (spec.selector ?? '');
  const found = selector ? firstMatch(selector, el) : el;
  if (!found) return undefined;
  if (typeof spec === 'string') return new PlainText(domToText([found]));
  if (spec.attr) return finish(attribute(found, spec.attr), spec);
  const skip = spec.exclude ? new Set<unknown>(spec.exclude.flatMap((s) => selectAll(compiled(s), [found] as never))) : undefined;
  // text values are normalised here, once (html: false → the bare text content, without line breaks)
  const text = spec.html === false ? normaliseSpace(textContent(found)) : domToText([found], skip);
  return spec.regex || spec.compute ? finish(text, spec) : new PlainText(text);
}

export function attribute(node: AnyNode | undefined, name: string): string | undefined {
  return node && 'attribs' in node ? node.attribs[name] : undefined;
}

/** regex (first capture group, or the whole match), then compute. */
function finish(value: unknown, spec: Exclude<SingleFieldSpec, string>): unknown {
  let v = value;
  if (spec.regex && present(v)) {
    const m = new RegExp(spec.regex).exec(String(v));
    v = m ? (m[1] ?? m[0]) : undefined;
  }
  if (spec.compute === 'high32') v = high32(v);
  return v;
}

/** Douyin's aweme_id carries its creation time (epoch seconds) in its high 32 bits. */
function high32(value: unknown): number | undefined {
  const text = String(value ?? '').trim();
  return /^\d{10,20}$/.test(text) ? Number(BigInt(text) >> 32n) : undefined;
}

// Field selectors run once per item of every page: compile each once (a selector string compiles per call).
const queries = new Map<string, ReturnType<typeof compile>>();
function compiled(selector: string): ReturnType<typeof compile> {
  let query = queries.get(selector);
  if (!query) {
    query = compile(selector);
    if (queries.size > 1000) queries.clear();
    queries.set(selector, query);
  }
  return query;
}

function firstMatch(selector: string, el: AnyNode): AnyNode | null {
  const children = 'children' in el ? (el.children as AnyNode[]) : [];
  return selectOne(compiled(selector), children as never) as AnyNode | null;
}
