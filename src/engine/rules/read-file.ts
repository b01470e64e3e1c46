import { readFileSync } from 'node:fs';
import YAML from 'yaml';
import type { z } from 'zod';
import { ConfigError } from '../../errors.js';

/** Reads a YAML/JSON rule or data file and validates it; every problem names the file and the field path. */
export function readValidated<S extends z.ZodType>(file: string, schema: S): z.infer<S> {
  let raw: unknown;
  try {
    const text = readFileSync(file, 'utf8');
    raw = file.endsWith('.json') ? JSON.parse(text) : YAML.parse(text);
  } catch (err) {
    throw new ConfigError(`cannot read or parse: ${(err as Error).message}`, file);
  }
  const result = schema.safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw new ConfigError(issue.message, file, describePath(raw, issue.path));
  }
  return result.data;
}

/** "sub_items[2].rules[0] (id night_piling).weight": indices plus the id of the rule, so authors find it. */
export function describePath(raw: unknown, path: readonly PropertyKey[]): string {
  let node: unknown = raw;
  let out = '';
  for (const key of path) {
    node = node && typeof node === 'object' ? (node as Record<PropertyKey, unknown>)[key] : undefined;
    out += typeof key === 'number' ? `[${key}]` : `${out ? '.' : ''}${String(key)}`;
    const id = node && typeof node === 'object' ? ((node as Record<string, unknown>).id ?? (node as Record<string, unknown>).item) : undefined;
    if (typeof key === 'number' && typeof id === 'string') out += ` (${id})`;
  }
  return out || '(top level)';
}
