import type { Command } from 'commander';
import { registerClassify } from './classify.js';
import { registerCrawl } from './crawl.js';
import { registerDemo } from './demo.js';
import { registerPlatforms } from './platforms.js';
import { registerEval } from './eval.js';
import { registerMigrate } from './migrate.js';
import { registerReclassify } from './reclassify.js';
import { registerUser } from './user.js';
import { registerApiKey } from './apikey.js';
import { registerWebhook } from './webhook.js';
import { registerExport } from './export.js';
import { registerWorkOrder } from './work-order.js';
import { registerTrain } from './train.js';
import { registerModel } from './model.js';
import { registerTickets } from './tickets.js';
import { registerTicketScreening } from './ticket-screening.js';
import { registerTicketCollision } from './ticket-collision.js';

/** Every CLI command registers itself here: one line per command file. */
export const commands: ((program: Command) => void)[] = [
  registerMigrate,
  registerCrawl,
  registerPlatforms,
  registerDemo,
  registerClassify,
  registerEval,
  registerReclassify,
  registerTrain,
  registerModel,
  registerUser,
  registerApiKey,
  registerWebhook,
  registerExport,
  registerWorkOrder,
  registerTickets,
  registerTicketScreening,
  registerTicketCollision,
];
