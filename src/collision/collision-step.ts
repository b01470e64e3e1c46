import type { AppContext } from '../context.js';
import type { Logger } from '../log.js';
import type { PostStep } from '../pipeline/post-pipeline.js';
import { inSavepoint, nowIso } from '../storage/database.js';
import { leadIdOfPost } from '../storage/leads.js';
import { collisionPolicy, type CollisionPolicy } from './collision-policy.js';
import { collideLead } from './collide.js';

/**
 * After the lead step: each lead a post of the batch was filed in (new, or joined) is matched
 * against the hotline tickets of its window, so a later lead about a problem already called in
 * becomes 已诉. A failure is logged and never blocks the batch.
 */
export function collisionStep(policy: CollisionPolicy, log: Logger): PostStep {
  return {
    name: 'collision',
    process(db, posts) {
      const now = nowIso();
      const leads = new Set(posts.map((p) => leadIdOfPost(db, p.id)).filter((id): id is number => id !== undefined));
      for (const leadId of leads) {
        try {
          inSavepoint(db, () => collideLead(db, leadId, policy, now));
        } catch (err) {
          log.error({ leadId, err: (err as Error).message }, 'collision failed for a lead; skipped (run `civic-radar tickets collide --all` after fixing)');
        }
      }
    },
  };
}

export const collisionStepFor = (ctx: AppContext): PostStep => collisionStep(collisionPolicy(ctx.config), ctx.log);
