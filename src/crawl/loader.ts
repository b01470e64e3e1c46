import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { ConfigError } from '../errors.js';
import { crawlerDefinitionSchema, type CrawlerDefinition } from './definition.js';

export interface LoadResult {
  definitions: CrawlerDefinition[];
  /** One per bad file: the file, the field path and what was wrong. */
  errors: ConfigError[];
}

const EXTENSIONS = /\.(ya?ml|json)$/i;

export function definitionFiles(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names.filter((n) => EXTENSIONS.test(n) && !n.startsWith('.')).sort().map((n) => path.join(dir, n));
}

/** Parses and validates one file; throws ConfigError naming the file and the field. */
export function loadDefinitionFile(file: string): CrawlerDefinition {
  let raw: unknown;
  try {
    raw = YAML.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new ConfigError(`cannot parse: ${(err as Error).message}`, file);
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw new ConfigError('expected a mapping at the top level', file);
  const result = crawlerDefinitionSchema.safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const where = issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : String(p))).join('.').replace(/\.\[/g, '[');
    const extra = result.error.issues.length > 1 ? ` (and ${result.error.issues.length - 1} more problem(s))` : '';
    throw new ConfigError(issue.message + extra, file, where || undefined);
  }
  const name = result.data.name ?? path.basename(file).replace(EXTENSIONS, '').toLowerCase();
  if (!/^[a-z0-9][a-z0-9_-]{0,62}$/.test(name)) throw new ConfigError('file name is not a valid platform key; set name:', file, 'name');
  return { ...result.data, name, file };
}

/** Every file of a directory: good ones load, a bad one is reported and never stops the others. */
export function loadDefinitions(dir: string): LoadResult {
  const result: LoadResult = { definitions: [], errors: [] };
  const byName = new Map<string, string>();
  for (const file of definitionFiles(dir)) {
    try {
      const def = loadDefinitionFile(file);
      const other = byName.get(def.name);
      if (other) throw new ConfigError(`platform "${def.name}" is already defined in ${other}`, file, 'name');
      byName.set(def.name, file);
      result.definitions.push(def);
    } catch (err) {
      result.errors.push(err instanceof ConfigError ? err : new ConfigError(String(err), file));
    }
  }
  return result;
}

/** Changes when a file is added, removed or edited (the scheduler's reload trigger). */
export function directorySignature(dir: string): string {
  return definitionFiles(dir)
    .map((f) => {
      try {
        const s = statSync(f);
        return `${f}:${s.mtimeMs}:${s.size}`;
      } catch {
        return f;
      }
    })
    .join('|');
}
