import type { Command } from 'commander';
import { registerClassify } from './classify.js';
import { registerEval } from './eval.js';
import { registerMigrate } from './migrate.js';
import { registerReclassify } from './reclassify.js';
import { registerUser } from './user.js';

/** Every CLI command registers itself here: one line per command file. */
export const commands: ((program: Command) => void)[] = [
  registerMigrate,
  registerClassify,
  registerEval,
  registerReclassify,
  registerUser,
];
