import type { AppContext } from '../context.js';
import { collisionPolicy } from '../collision/collision-policy.js';
import { collidePass } from '../collision/collide.js';
import { nowIso } from '../storage/database.js';
import { screenTicketTopics } from '../ticket-leads/topic-screening.js';

/**
 * What follows the engine's reading of imported or pushed tickets, at once instead of on the next
 * 30 s pass of the services: 过筛子 topics, then collision with the leads. Both only take what is
 * pending, and the services still catch anything this misses, so a failure here is logged, never
 * the import's failure.
 */
export function afterTicketsRead(ctx: AppContext): { screened: number; hits: number; linked: number } | null {
  try {
    const screened = screenTicketTopics(ctx);
    const collided = collidePass(ctx.db, collisionPolicy(ctx.config), nowIso());
    return { screened: screened.tickets, hits: screened.added, linked: collided.linked };
  } catch (err) {
    ctx.log.warn({ err }, 'screening or matching the new tickets failed; the running services retry within 30 s');
    return null;
  }
}
