import { authRoutes } from './auth-routes.js';
import { healthRoutes } from './health-routes.js';
import { openapiRoutes } from './openapi-routes.js';
import { reviewRoutes } from './review-routes.js';
import { securityRoutes } from './security-routes.js';
import { uiRoutes } from './ui-routes.js';
import type { RouteModule } from './route-module.js';
import { workOrderRoutes } from '../workorders/work-order-routes.js';
import { responsibilityRoutes } from '../workorders/responsibility-routes.js';
import { v1Routes } from '../downstream/v1-routes.js';
import { downstreamAdminRoutes } from '../downstream/admin-routes.js';
import { open311Routes } from '../downstream/open311-routes.js';
import { exportRoutes } from '../downstream/export-routes.js';
import { platformRoutes } from '../crawl/platform-routes.js';
import { platformAdminRoutes } from '../crawl/platform-files/platform-admin-routes.js';
import { missedRoutes } from './missed-routes.js';
import { supervisionRoutes } from '../supervision/supervision-routes.js';
import { publicInterestRoutes } from '../public-interest/public-interest-routes.js';
import { analyticsRoutes } from '../analytics/analytics-routes.js';
import { peopleRoutes } from '../admin/people/people-routes.js';
import { setupPasswordRoutes } from '../admin/people/setup-password-routes.js';
import { platformAccountRoutes } from '../crawl/accounts/account-routes.js';
import { ruleAdminRoutes } from '../admin/rules/rule-admin-routes.js';
import { collisionRoutes } from '../collision/collision-routes.js';
import { ticketLeadRoutes } from '../ticket-leads/ticket-lead-routes.js';
import { citizenRoutes } from '../citizen-reports/citizen-routes.js';
import { ticketRoutes } from '../tickets/ticket-routes.js';

/** Mount order matters: security middleware modules first. One line per module. */
export const routeModules: RouteModule[] = [
  healthRoutes,
  securityRoutes,
  authRoutes,
  reviewRoutes,
  openapiRoutes,
  uiRoutes,
  workOrderRoutes,
  responsibilityRoutes,
  v1Routes,
  downstreamAdminRoutes,
  open311Routes,
  exportRoutes,
  platformRoutes,
  platformAdminRoutes,
  missedRoutes,
  supervisionRoutes,
  publicInterestRoutes,
  analyticsRoutes,
  peopleRoutes,
  setupPasswordRoutes,
  platformAccountRoutes,
  ruleAdminRoutes,
  collisionRoutes,
  ticketLeadRoutes,
  citizenRoutes,
  ticketRoutes,
];
