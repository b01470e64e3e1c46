import type { AppContext, Service } from '../context.js';
import { screenTicketTopics } from './topic-screening.js';

/** How often new tickets (and tickets the engine read again) are screened through the topics. */
const EVERY_MS = 30_000;

/**
 * 过筛子 for new tickets, automatically: after the engine has read them (an import or a push), the
 * next pass (at start, then every 30 s) files their hits. A pass with nothing pending is one indexed
 * query. A topic edit applies to stored tickets with `civic-radar tickets screen --all`.
 */
export function createTicketScreeningService(ctx: AppContext): Service {
  let timer: NodeJS.Timeout | undefined;
  const pass = () => {
    try {
      const sum = screenTicketTopics(ctx);
      if (sum.tickets > 0) ctx.log.info(sum, 'tickets screened through the topics');
    } catch (err) {
      ctx.log.error({ err }, 'screening tickets through the topics failed; retried on the next pass');
    }
  };
  return {
    name: 'ticket-screening',
    async start() {
      pass();
      timer = setInterval(pass, EVERY_MS);
      timer.unref();
    },
    async stop() {
      clearInterval(timer);
      timer = undefined;
    },
  };
}
