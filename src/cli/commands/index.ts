import type { Command } from 'commander';
import { registerClassify } from './classify.js';
import { registerCrawl } from './crawl.js';
import { registerPlatforms } from './platforms.js';
import { registerEval } from './eval.js';
import { registerMigrate } from './migrate.js';
import { registerReclassify } from './reclassify.js';
import { registerUser } from './user.js';

/** Every CLI command registers itself here: one line per command file. */
export const commands: ((program: Command) => void)[] = [
  registerMigrate,
  registerCrawl,
  registerPlatforms,
  registerClassify,
  registerEval,
  registerReclassify,
  registerUser,
];
