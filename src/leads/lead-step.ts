import type { AppContext } from '../context.js';
import { classify } from '../engine/classify.js';
import { EngineHolder } from '../engine/engine-holder.js';
import type { Logger } from '../log.js';
import type { PostStep } from '../pipeline/post-pipeline.js';
import type { Db } from '../storage/database.js';
import { inSavepoint, nowIso } from '../storage/database.js';
import type { PostForSteps } from '../storage/posts.js';
import { DEFAULT_CLUSTER_POLICY, type ClusterPolicy } from './cluster.js';
import { fileVerdict, type FilingPost } from './file-lead.js';
import { fingerprintOf } from './fingerprint.js';

/** Classifies one stored post and files it if it is a lead; returns what happened. */
export function processPost(db: Db, holder: EngineHolder, post: FilingPost, now: string, policy?: ClusterPolicy) {
  const verdict = classify({ id: String(post.id), title: post.title, text: post.text }, holder.current);
  if (!verdict.is_lead) return { verdict, filing: undefined };
  const fingerprint = fingerprintOf(post.text || post.title || '');
  return { verdict, filing: fileVerdict(db, post, verdict, fingerprint, now, policy) };
}

/**
 * The pipeline step: every newly stored post is classified, and leads are filed. One bad post
 * never blocks the others: each runs in its own savepoint, and a failure is logged and skipped.
 */
export function leadStep(holder: EngineHolder, log: Logger, policy?: ClusterPolicy): PostStep {
  return {
    name: 'leads',
    process(db: Db, posts: readonly PostForSteps[]) {
      // Edited rules take effect on the next batch; a broken edit keeps the running rules (logged).
      holder.reloadIfChanged();
      const now = nowIso();
      for (const post of posts) {
        try {
          // a failure undoes only this post's writes
          inSavepoint(db, () => processPost(db, holder, post, now, policy));
        } catch (err) {
          log.error({ postId: post.id, err: (err as Error).message }, 'lead step failed for a post; skipped (it stays processed, run reclassify after fixing)');
        }
      }
    },
  };
}

// Loading the rules takes ~0.5 s: one holder per (rules dir, city) for the process, however often steps are built.
const holders = new Map<string, EngineHolder>();

export function leadStepFor(ctx: AppContext): PostStep {
  const key = `${ctx.config.rulesDir}\u0000${ctx.config.city}`;
  let holder = holders.get(key);
  if (!holder) holders.set(key, (holder = new EngineHolder(ctx.config.rulesDir, { city: ctx.config.city }, ctx.log)));
  return leadStep(holder, ctx.log, clusterPolicy(ctx));
}

/** Clustering windows from configuration (LEAD_INCIDENT_WINDOW_HOURS, LEAD_DUPLICATE_WINDOW_HOURS). */
export function clusterPolicy(ctx: AppContext): ClusterPolicy {
  return { ...DEFAULT_CLUSTER_POLICY, incidentWindowHours: ctx.config.leadIncidentWindowHours, duplicateWindowHours: ctx.config.leadDuplicateWindowHours };
}
