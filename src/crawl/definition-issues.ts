import { z } from 'zod';
import { describeReceived } from '../errors.js';
import { crawlerDefinitionSchema } from './definition.js';
import type { FieldIssue } from '../files/issue-positions.js';

type Issue = z.core.$ZodIssue;
export type JsonSchema = { properties?: Record<string, JsonSchema>; additionalProperties?: JsonSchema | boolean; items?: JsonSchema; anyOf?: JsonSchema[]; oneOf?: JsonSchema[] };

/** The file format as JSON Schema: which keys each place takes (and, for an editor, the field help). */
export const definitionJsonSchema = z.toJSONSchema(crawlerDefinitionSchema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;

/** "extract.fields.id", "startUrls[0]". */
export function fieldPath(path: readonly PropertyKey[]): string {
  return path.map((p) => (typeof p === 'number' ? `[${p}]` : String(p))).join('.').replace(/\.\[/g, '[');
}

/** zod's issues as people read them: every field, with what was expected and what the file has there (`schema`: the file's format, for unknown keys' hints). */
export function definitionIssues(issues: readonly Issue[], input: unknown, schema: JsonSchema = definitionJsonSchema): FieldIssue[] {
  return issues.map((issue) => ({ field: fieldPath(issue.path), message: describeIssue(issue, input, schema) }));
}

function describeIssue(issue: Issue, input: unknown, schema: JsonSchema): string {
  const value = valueAt(input, issue.path);
  const received = value === undefined ? 'nothing (the key is missing)' : describeReceived(value);
  switch (issue.code) {
    case 'invalid_type':
      return `expected ${article(issue.expected)}, received ${received}`;
    case 'invalid_value':
      return `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}, received ${received}`;
    case 'invalid_union': {
      if ('discriminator' in issue && issue.discriminator) {
        const options = (issue as { options?: unknown[] }).options ?? [];
        const at = issue.path.at(-1) === issue.discriminator ? value : valueAt(value, [issue.discriminator]);
        return `expected ${issue.discriminator} to be one of ${options.map((o) => JSON.stringify(o)).join(', ')}, received ${at === undefined ? 'nothing (the key is missing)' : describeReceived(at)}`;
      }
      const types = expectedTypes(issue);
      const isField = types.includes('string') && types.includes('object');
      const expected = isField
        ? `a string (a JSON path or CSS selector), an object {selector, attr, path, regex, template, value, ...}${types.includes('array') ? ' or a list of those (fallbacks)' : ''}`
        : types.map(article).join(' or ') || 'another shape';
      return `expected ${expected}, received ${received}`;
    }
    case 'unrecognized_keys': {
      const known = keysAt(schema, issue.path);
      const hints = issue.keys.map((k) => {
        const near = known.find((c) => distance(c.toLowerCase(), k.toLowerCase()) <= 2);
        return near ? `"${k}" (did you mean "${near}"?)` : `"${k}"`;
      });
      return `unknown key ${hints.join(', ')}; expected one of: ${known.join(', ')}`;
    }
    case 'too_small':
    case 'too_big': {
      const own = !/^Too (small|big)/.test(issue.message);
      const bound = issue.code === 'too_small' ? `at least ${issue.minimum}` : `at most ${issue.maximum}`;
      const unit = issue.origin === 'string' ? ' character(s)' : issue.origin === 'array' ? ' item(s)' : '';
      return `${own ? `${issue.message}; ` : ''}expected ${bound}${unit}, received ${received}`;
    }
    default:
      return `${issue.message}; received ${received}`;
  }
}

/** The types a union takes, through nested unions (a field: a string, an object, or a list of them). */
function expectedTypes(issue: Extract<Issue, { code: 'invalid_union' }>): string[] {
  const types = issue.errors.flatMap((branch) =>
    branch.filter((i) => i.path.length === 0).flatMap((i) => (i.code === 'invalid_type' ? [i.expected] : i.code === 'invalid_union' ? expectedTypes(i) : [])),
  );
  return [...new Set(types)];
}

function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  let v = value;
  for (const step of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[step];
  }
  return v;
}

/** The keys a place in the format takes (over the branches of a union). */
function keysAt(schema: JsonSchema, path: readonly PropertyKey[]): string[] {
  let nodes = [schema];
  for (const step of path) {
    nodes = branches(nodes).flatMap((n) => {
      if (typeof step === 'number') return n.items ? [n.items] : [];
      const next = n.properties?.[String(step)] ?? (typeof n.additionalProperties === 'object' ? n.additionalProperties : undefined);
      return next ? [next] : [];
    });
  }
  return [...new Set(branches(nodes).flatMap((n) => Object.keys(n.properties ?? {})))];
}

function branches(nodes: JsonSchema[]): JsonSchema[] {
  return nodes.flatMap((n) => [n, ...branches([...(n.anyOf ?? []), ...(n.oneOf ?? [])])]);
}

/** Edit distance, for "did you mean". */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length]!;
}
