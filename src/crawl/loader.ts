import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { ConfigError } from '../errors.js';
import { parseYamlDefinition } from '../files/yaml-definition.js';
import { crawlerDefinitionSchema, type CrawlerDefinition } from './definition.js';

export interface LoadResult {
  definitions: CrawlerDefinition[];
  /** One per bad file: the file, the field path and what was wrong. */
  errors: ConfigError[];
  /** The same bad files as platforms: a file that does not load still names its platform, so lists keep it with its error. */
  invalid: InvalidDefinition[];
}

export interface InvalidDefinition {
  platform: string;
  displayName: string | null;
  file: string;
  error: ConfigError;
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
  return parseDefinition(readFileSync(file, 'utf8'), file);
}

/** Parses and validates a file's text (also an editor's, before it is saved as `file`); throws ConfigError naming the file and every field. */
export function parseDefinition(text: string, file: string): CrawlerDefinition {
  const data = parseYamlDefinition(text, file, crawlerDefinitionSchema);
  const name = data.name ?? keyFromFileName(file);
  if (!PLATFORM_KEY.test(name)) throw new ConfigError(`expected a platform key (lowercase letters, digits, - and _), received file name "${path.basename(file)}"; set name:`, file, 'name');
  return { ...data, name, file };
}

export const PLATFORM_KEY = /^[a-z0-9][a-z0-9_-]{0,62}$/;

function keyFromFileName(file: string): string {
  return path.basename(file).replace(EXTENSIONS, '').toLowerCase();
}

/** The platform a file that does not load is about: its name: (when that much reads), else its file name. */
function invalidDefinition(file: string, error: ConfigError): InvalidDefinition {
  let raw: Record<string, unknown> = {};
  try {
    const parsed: unknown = YAML.parse(readFileSync(file, 'utf8'));
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) raw = parsed as Record<string, unknown>;
  } catch {
    // unreadable: the file name is all there is
  }
  const platform = typeof raw.name === 'string' && PLATFORM_KEY.test(raw.name) ? raw.name : keyFromFileName(file);
  return { platform, displayName: typeof raw.displayName === 'string' ? raw.displayName : null, file, error };
}

/** Every file of a directory: good ones load, a bad one is reported and never stops the others. */
export function loadDefinitions(dir: string): LoadResult {
  const result: LoadResult = { definitions: [], errors: [], invalid: [] };
  const byName = new Map<string, string>();
  for (const file of definitionFiles(dir)) {
    try {
      const def = loadDefinitionFile(file);
      const other = byName.get(def.name);
      if (other) throw new ConfigError(`platform "${def.name}" is already defined in ${other}`, file, 'name');
      byName.set(def.name, file);
      result.definitions.push(def);
    } catch (err) {
      const error = err instanceof ConfigError ? err : new ConfigError(String(err), file);
      result.errors.push(error);
      result.invalid.push(invalidDefinition(file, error));
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
