import type { AppContext, Service } from './context.js';
import { createWebService } from './web/web-service.js';

/** The services `npm start` runs, in start order (stopped in reverse). One line per service. */
export const serviceFactories: ((ctx: AppContext) => Service)[] = [
  createWebService,
];
