import type { AppContext, Service } from '../context.js';
import { nowIso } from '../storage/database.js';
import { collisionPolicy } from './collision-policy.js';
import { collidePass } from './collide.js';

/** How often tickets the engine has read (an import, a push, a re-read) are matched against the leads. */
const EVERY_MS = 30_000;

/**
 * Collision for new tickets, automatically: the next pass after the engine's reading (at start,
 * then every 30 s) links each to the lead about the same problem. New leads are matched in the
 * pipeline (`collision-step.ts`). A pass with nothing pending is one query.
 */
export function createCollisionService(ctx: AppContext): Service {
  let timer: NodeJS.Timeout | undefined;
  const policy = collisionPolicy(ctx.config);
  const pass = () => {
    try {
      const sum = collidePass(ctx.db, policy, nowIso());
      if (sum.tickets > 0) ctx.log.info(sum, 'tickets matched against the leads (已诉/未诉)');
    } catch (err) {
      ctx.log.error({ err }, 'matching tickets against the leads failed; retried on the next pass');
    }
  };
  return {
    name: 'ticket-collision',
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
