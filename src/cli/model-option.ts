import { existsSync, readFileSync } from 'node:fs';
import type { Config } from '../config/schema.js';
import type { ActiveModel } from '../engine/judge.js';
import { decodeModel } from '../model/model-file.js';
import { ModelHolder } from '../model/model-holder.js';
import { ModelStore } from '../model/model-store.js';
import { ValidationError } from '../errors.js';

/**
 * `--model` of classify and eval: "active" (default: the active version, else the shipped model),
 * "none" (rules alone), a version name, or a model file.
 */
export function modelFromOption(value: string | undefined, config: Config): ActiveModel | undefined {
  const choice = value ?? (config.model ? 'active' : 'none');
  if (choice === 'none') return undefined;
  const store = new ModelStore(config.dataDir);
  if (choice === 'active') return new ModelHolder(store, config.rulesDir).current;
  if (store.has(choice)) return { version: choice, model: store.load(choice) };
  if (existsSync(choice)) return { version: choice, model: decodeModel(readFileSync(choice), choice) };
  throw new ValidationError(`expected "active", "none", a version from \`model list\` or a model file; received "${choice}"`, '--model');
}

export const MODEL_OPTION_HELP = 'model to judge with beside the rules: active (default), none (rules alone), a version, or a .crm file';
