import type { AppContext } from '../context.js';
import { EngineHolder } from '../engine/engine-holder.js';
import { judge } from '../engine/judge.js';
import { ModelHolder } from '../model/model-holder.js';
import { ModelStore } from '../model/model-store.js';
import type { Logger } from '../log.js';
import type { PostStep } from '../pipeline/post-pipeline.js';
import type { Db } from '../storage/database.js';
import { inSavepoint, nowIso } from '../storage/database.js';
import type { PostForSteps } from '../storage/posts.js';
import { DEFAULT_CLUSTER_POLICY, type ClusterPolicy } from './cluster.js';
import { fileVerdict, type FilingPost } from './file-lead.js';
import { fingerprintOf } from './fingerprint.js';
import { sampleMissed, type MissedPolicy } from './missed-sampler.js';
import { platformLocality } from './platform-locality.js';
import { addLeadDomains } from '../storage/public-interest.js';
import { publicInterestDomains } from '../public-interest/tag-domains.js';
import { adjustCitizenVerdict } from '../citizen-reports/report-verdict.js';
import type { Verdict } from '../engine/verdict.js';

/** What judging a stored post needs besides the rules: the model (if any), platform locality, the 可能遗漏 policy. */
export interface JudgeContext {
  models?: ModelHolder;
  isLocal?: (platform: string) => boolean;
  missed?: MissedPolicy;
  /** 公益诉讼 domains of a post (rules/public-interest.yaml), added to the lead it is filed in. */
  domains?: (title: string | null | undefined, text: string) => string[];
  /** A platform's own reading of the verdict before filing (市民随手拍: always filed, placed by the resident's pick). */
  adjust?: (db: Db, post: StepPost, verdict: Verdict) => Verdict;
}

type StepPost = FilingPost & { platform?: string; ip_location?: string | null };

/** Judges one stored post (rules and model) and files it if it is a lead; returns what happened. */
export function processPost(db: Db, holder: EngineHolder, post: StepPost, now: string, policy?: ClusterPolicy, jc: JudgeContext = {}) {
  const judged = judge(
    { id: String(post.id), title: post.title, text: post.text, ip_location: post.ip_location, platformLocal: post.platform ? jc.isLocal?.(post.platform) : false },
    holder.current,
    jc.models?.current,
  );
  const verdict = jc.adjust ? jc.adjust(db, post, judged) : judged;
  if (!verdict.is_lead) {
    if (jc.missed) sampleMissed(db, post.id, verdict, jc.missed, now);
    return { verdict, filing: undefined };
  }
  const fingerprint = fingerprintOf(post.text || post.title || '');
  const filing = fileVerdict(db, post, verdict, fingerprint, now, policy);
  if (jc.domains) addLeadDomains(db, filing.leadId, jc.domains(post.title, post.text));
  return { verdict, filing };
}

/**
 * The pipeline step: every newly stored post is classified, and leads are filed. One bad post
 * never blocks the others: each runs in its own savepoint, and a failure is logged and skipped.
 */
export function leadStep(holder: EngineHolder, log: Logger, policy?: ClusterPolicy, jc: JudgeContext = {}): PostStep {
  return {
    name: 'leads',
    process(db: Db, posts: readonly PostForSteps[]) {
      // Edited rules take effect on the next batch; a broken edit keeps the running rules (logged).
      holder.reloadIfChanged();
      // An activated or rolled-back model takes over on the next batch, without a restart.
      jc.models?.reloadIfChanged();
      const now = nowIso();
      for (const post of posts) {
        try {
          // a failure undoes only this post's writes
          inSavepoint(db, () => processPost(db, holder, post, now, policy, jc));
        } catch (err) {
          log.error({ postId: post.id, err: (err as Error).message }, 'lead step failed for a post; skipped (it stays processed, run reclassify after fixing)');
        }
      }
    },
  };
}

// Loading the rules takes ~0.5 s: one holder per (rules dir, city) for the process, however often steps are built.
const holders = new Map<string, EngineHolder>();
const modelHolders = new Map<string, ModelHolder>();

export function leadStepFor(ctx: AppContext): PostStep {
  const key = `${ctx.config.rulesDir}\u0000${ctx.config.city}`;
  let holder = holders.get(key);
  if (!holder) holders.set(key, (holder = new EngineHolder(ctx.config.rulesDir, { city: ctx.config.city }, ctx.log)));
  return leadStep(holder, ctx.log, clusterPolicy(ctx), judgeContext(ctx));
}

/** The model holder, locality and 可能遗漏 policy from configuration (MODEL, MISSED_*). */
export function judgeContext(ctx: AppContext): JudgeContext {
  const domains = publicInterestDomains(ctx.config.rulesDir);
  if (!ctx.config.model) return { isLocal: platformLocality(ctx.config.crawlersDir), domains, adjust: adjustCitizenVerdict };
  const key = `${ctx.config.dataDir}\u0000${ctx.config.rulesDir}`;
  let models = modelHolders.get(key);
  if (!models) modelHolders.set(key, (models = new ModelHolder(new ModelStore(ctx.config.dataDir), ctx.config.rulesDir, ctx.log)));
  return {
    models,
    isLocal: platformLocality(ctx.config.crawlersDir),
    missed: { from: ctx.config.missedFrom, dailyBudget: ctx.config.missedDailyBudget, sampleRate: ctx.config.missedSampleRate },
    domains,
    adjust: adjustCitizenVerdict,
  };
}

/** Clustering windows from configuration (LEAD_INCIDENT_WINDOW_HOURS, LEAD_DUPLICATE_WINDOW_HOURS). */
export function clusterPolicy(ctx: AppContext): ClusterPolicy {
  return { ...DEFAULT_CLUSTER_POLICY, incidentWindowHours: ctx.config.leadIncidentWindowHours, duplicateWindowHours: ctx.config.leadDuplicateWindowHours };
}
