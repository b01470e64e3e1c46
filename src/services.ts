import type { AppContext, Service } from './context.js';
import { createWebService } from './web/web-service.js';
import { createWebhookDispatcher } from './downstream/webhook-dispatcher.js';
import { createCrawlSchedulerService } from './crawl/scheduler.js';
import { createWeeklyReportService } from './analytics/weekly-report-service.js';
import { createTicketScreeningService } from './ticket-leads/ticket-screening-service.js';
import { createCollisionService } from './collision/collision-service.js';

/** The services `npm start` runs, in start order (stopped in reverse). One line per service. */
export const serviceFactories: ((ctx: AppContext) => Service)[] = [
  createWebService,
  createWebhookDispatcher,
  createCrawlSchedulerService,
  createWeeklyReportService,
  createTicketScreeningService,
  createCollisionService,
];
