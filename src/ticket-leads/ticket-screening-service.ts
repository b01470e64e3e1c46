import type { AppContext, Service } from '../context.js';
import { periodicService } from '../periodic-service.js';
import { screenTicketTopics } from './topic-screening.js';

/**
 * 过筛子 for new tickets, automatically: after the engine has read them (an import or a push), the
 * next pass (at start, then every 30 s) files their hits. A pass with nothing pending is one indexed
 * query. A topic edit applies to stored tickets with `civic-radar tickets screen --all`.
 */
export function createTicketScreeningService(ctx: AppContext): Service {
  return periodicService(ctx, {
    name: 'ticket-screening',
    everyMs: 30_000,
    pass: () => screenTicketTopics(ctx),
    did: 'tickets screened through the topics',
    failed: 'screening tickets through the topics failed; retried on the next pass',
  });
}
