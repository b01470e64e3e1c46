import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { z } from 'zod';
import { ConfigError, describeReceived } from '../errors.js';
import { configSchema, ENV_VARS, type Config } from './schema.js';

export const DEFAULT_CONFIG_FILES = ['civic-radar.config.yaml', 'civic-radar.config.yml', 'civic-radar.config.json'];

export interface LoadConfigOptions {
  /** Explicit file (CLI --config or CONFIG_FILE); an explicit file that is missing is an error. */
  file?: string;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Programmatic overrides (tests), applied last. */
  overrides?: Partial<Config>;
}

/** Reads file + environment, validates once, and names the source and field of every problem. */
export function loadConfig(options: LoadConfigOptions = {}): Config {
  const env = options.env ?? process.env;
  const cwd = options.cwd ?? process.cwd();
  const explicit = options.file ?? env.CONFIG_FILE;
  const file = explicit
    ? path.resolve(cwd, explicit)
    : DEFAULT_CONFIG_FILES.map((f) => path.resolve(cwd, f)).find((f) => existsSync(f));

  let fromFile: Record<string, unknown> = {};
  if (file) {
    if (!existsSync(file)) throw new ConfigError('config file not found; create it or unset CONFIG_FILE/--config', file);
    try {
      const parsed: unknown = YAML.parse(readFileSync(file, 'utf8'));
      if (parsed !== null && (typeof parsed !== 'object' || Array.isArray(parsed))) {
        throw new ConfigError('expected a mapping of settings at the top level', file);
      }
      fromFile = (parsed ?? {}) as Record<string, unknown>;
    } catch (err) {
      if (err instanceof ConfigError) throw err;
      throw new ConfigError(`cannot parse: ${(err as Error).message}`, file);
    }
  }

  const fromEnv: Record<string, unknown> = {};
  for (const [key, name] of Object.entries(ENV_VARS)) {
    const value = env[name];
    if (value !== undefined && value !== '') fromEnv[key] = value;
  }

  const fileCheck = configSchema.partial().safeParse(fromFile);
  if (!fileCheck.success) throw issueToError(fileCheck.error, file ?? 'config file', 'file', fromFile);
  const input = { ...fromFile, ...fromEnv, ...options.overrides };
  const result = configSchema.safeParse(input);
  if (!result.success) throw issueToError(result.error, file ?? 'environment', 'env', input);
  return result.data;
}

function issueToError(error: z.ZodError, source: string, origin: 'file' | 'env', input: Record<string, unknown>): ConfigError {
  const issue = error.issues[0]!;
  const key = String(issue.path[0] ?? '');
  const envName = ENV_VARS[key as keyof Config];
  if (issue.code === 'unrecognized_keys') {
    const known = Object.keys(ENV_VARS).join(', ');
    return new ConfigError(`unknown setting(s) ${issue.keys.join(', ')}; known settings: ${known}`, source);
  }
  const where = origin === 'env' && envName ? `${key} (env ${envName})` : key;
  // Coerced values say "received NaN"; name what was actually given instead.
  const given = key in input ? `; given ${describeReceived(input[key])}` : '';
  return new ConfigError(`${issue.message}${given}`, source, where);
}

export function databaseFile(config: Pick<Config, 'dataDir'>): string {
  return path.join(config.dataDir, 'civic-radar.sqlite');
}
