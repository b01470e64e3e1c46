import { isMap, isPair, isScalar, LineCounter, parseDocument, type Document, type Node } from 'yaml';

/** One problem of a YAML file edited in the browser: the field's path and what was expected and received there. */
export interface FieldIssue {
  field: string;
  message: string;
}

/** A problem of an editor's text, placed: 1-based line and the character range [from, to) to underline. */
export interface PlacedIssue extends FieldIssue {
  line: number;
  from: number;
  to: number;
}

/** "extract.fields.id" / "startUrls[0]" back into steps (the inverse of fieldPath). */
function steps(field: string): (string | number)[] {
  return (field.match(/\[\d+\]|[^.[\]]+/g) ?? []).map((s) => (s.startsWith('[') ? Number(s.slice(1, -1)) : s));
}

/**
 * Where each problem is in the text: the value at its field; an unknown key at that key; a missing
 * key at the nearest place that exists (its parent's key). Problems the text has no place for go to line 1.
 */
export function placeIssues(text: string, issues: readonly FieldIssue[]): PlacedIssue[] {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines });
  return issues.map((issue) => {
    const [from, to] = rangeOf(doc, steps(issue.field), unknownKey(issue.message)) ?? [0, Math.max(0, text.indexOf('\n') === -1 ? text.length : text.indexOf('\n'))];
    return { ...issue, line: lines.linePos(from).line, from, to: Math.max(to, from) };
  });
}

/** YAML syntax errors, placed. */
export function syntaxIssues(text: string): PlacedIssue[] {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines });
  return doc.errors.map((e) => {
    const [from, to] = e.pos;
    return { field: '', message: e.message.split('\n')[0]!, line: lines.linePos(from).line, from, to: Math.max(to, from + 1) };
  });
}

function unknownKey(message: string): string | undefined {
  return /^unknown key "([^"]+)"/.exec(message)?.[1];
}

function rangeOf(doc: Document, path: (string | number)[], key: string | undefined): [number, number] | undefined {
  if (key !== undefined) {
    const map = path.length ? doc.getIn(path, true) : doc.contents;
    const pair = isMap(map) ? map.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === key) : undefined;
    if (pair && isScalar(pair.key) && pair.key.range) return [pair.key.range[0], pair.key.range[1]];
  }
  for (let n = path.length; n > 0; n--) {
    const node = doc.getIn(path.slice(0, n), true) as Node | undefined;
    if (node?.range) return n === path.length ? [node.range[0], node.range[1]] : keyRange(doc, path.slice(0, n));
  }
  return undefined;
}

/** The key of the pair at `path` (a missing child's problem is shown on its parent's key). */
function keyRange(doc: Document, path: (string | number)[]): [number, number] | undefined {
  const parent = path.length > 1 ? doc.getIn(path.slice(0, -1), true) : doc.contents;
  const last = path.at(-1);
  const pair = isMap(parent) ? parent.items.find((p) => isScalar(p.key) && p.key.value === last) : undefined;
  if (pair && isScalar(pair.key) && pair.key.range) return [pair.key.range[0], pair.key.range[1]];
  const node = doc.getIn(path, true) as Node | undefined;
  return node?.range ? [node.range[0], node.range[1]] : undefined;
}
