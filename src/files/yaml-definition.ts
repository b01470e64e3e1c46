import YAML from 'yaml';
import type { z } from 'zod';
import { definitionIssues, type JsonSchema } from '../crawl/definition-issues.js';
import { ConfigError, describeReceived } from '../errors.js';

/**
 * A declarative YAML file (a crawler, a hotline's mapping) parsed and checked against its schema;
 * ConfigError names the file and every field (expected, received), the first one as `field`.
 * `jsonSchema` lets the messages list a field's allowed keys and values.
 */
export function parseYamlDefinition<S extends z.ZodType>(text: string, file: string, schema: S, jsonSchema?: JsonSchema): z.infer<S> {
  let raw: unknown;
  try {
    raw = YAML.parse(text);
  } catch (err) {
    throw new ConfigError(`cannot parse: ${(err as Error).message}`, file);
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw new ConfigError(`expected a mapping at the top level (key: value lines), received ${describeReceived(raw)}`, file);
  const result = schema.safeParse(raw);
  if (!result.success) {
    const issues = definitionIssues(result.error.issues, raw, jsonSchema);
    const [first, ...rest] = issues;
    const more = rest.map((i) => `; field "${i.field}": ${i.message}`).join('');
    throw new ConfigError(first!.message + more, file, first!.field || undefined, issues);
  }
  return result.data;
}
