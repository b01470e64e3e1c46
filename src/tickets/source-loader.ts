import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { ConfigError, NotFoundError } from '../errors.js';
import { parseYamlDefinition } from '../files/yaml-definition.js';
import type { JsonSchema } from '../crawl/definition-issues.js';
import { ticketSourceSchema, type TicketSource } from './source-mapping.js';

const sourceJsonSchema = z.toJSONSchema(ticketSourceSchema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
export const SOURCE_KEY = /^[a-z0-9][a-z0-9_-]{0,62}$/;
const EXTENSION = /\.ya?ml$/i;

/** Where the source files of a rules directory are. */
export function ticketSourcesDir(rulesDir: string): string {
  return path.join(rulesDir, 'ticket-sources');
}

/** Parses and validates a source file's text; throws ConfigError naming the file and every field (expected, received). */
export function parseTicketSource(text: string, file: string): TicketSource {
  const data = parseYamlDefinition(text, file, ticketSourceSchema, sourceJsonSchema);
  const key = path.basename(file).replace(EXTENSION, '');
  if (!SOURCE_KEY.test(key)) throw new ConfigError(`expected a source key as file name (lowercase letters, digits, - and _), received "${path.basename(file)}"`, file);
  return { ...data, key, file };
}

/** The source `key` of a rules directory; NotFoundError (naming the known keys) when there is none. */
export function loadTicketSource(rulesDir: string, key: string): TicketSource {
  const dir = ticketSourcesDir(rulesDir);
  const files = sourceFiles(dir);
  const file = files.find((f) => f.replace(EXTENSION, '') === key);
  if (!SOURCE_KEY.test(key) || !file) {
    const known = files.map((f) => f.replace(EXTENSION, ''));
    throw new NotFoundError(`没有热线来源“${key}”（${dir} 下应有 ${key}.yaml）；已有：${known.join('、') || '无'}`);
  }
  const full = path.join(dir, file);
  return parseTicketSource(readFileSync(full, 'utf8'), full);
}

function sourceFiles(dir: string): string[] {
  try {
    return readdirSync(dir).filter((f) => EXTENSION.test(f)).sort();
  } catch {
    return [];
  }
}

/** Every source of a rules directory for a picker: key and name, or the error of a file that does not load. */
export function listTicketSources(rulesDir: string): { key: string; name: string | null; error: string | null }[] {
  const dir = ticketSourcesDir(rulesDir);
  return sourceFiles(dir).map((f) => {
    const key = f.replace(EXTENSION, '');
    try {
      return { key, name: parseTicketSource(readFileSync(path.join(dir, f), 'utf8'), path.join(dir, f)).name, error: null };
    } catch (err) {
      return { key, name: null, error: (err as Error).message };
    }
  });
}
