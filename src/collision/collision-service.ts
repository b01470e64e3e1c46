import type { AppContext, Service } from '../context.js';
import { periodicService } from '../periodic-service.js';
import { nowIso } from '../storage/database.js';
import { collisionPolicy } from './collision-policy.js';
import { collidePass } from './collide.js';

/**
 * Collision for new tickets, automatically: the next pass after the engine's reading (at start,
 * then every 30 s) links each to the lead about the same problem. New leads are matched in the
 * pipeline (`collision-step.ts`). A pass with nothing pending is one query.
 */
export function createCollisionService(ctx: AppContext): Service {
  const policy = collisionPolicy(ctx.config);
  return periodicService(ctx, {
    name: 'ticket-collision',
    everyMs: 30_000,
    pass: () => collidePass(ctx.db, policy, nowIso()),
    did: 'tickets matched against the leads (已诉/未诉)',
    failed: 'matching tickets against the leads failed; retried on the next pass',
  });
}
