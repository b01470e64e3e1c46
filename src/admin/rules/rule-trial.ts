import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Actor } from '../../audit/actor.js';
import { recordAudit } from '../../audit/audit-log.js';
import type { AppContext } from '../../context.js';
import { ConflictError } from '../../errors.js';
import { inTransaction } from '../../storage/database.js';
import { latestPosts } from '../../storage/posts.js';
import { RejectedRules } from './rule-check.js';
import { readRuleFile } from './rule-files.js';
import { RULE_ENTITY } from './rule-store.js';
import type { TrialResult, TrialSetup } from './trial-messages.js';

/** Default number of stored posts an edit is tried on. */
export const DEFAULT_TRIAL_POSTS = 2000;
/** Measured: ~7,500 labelled posts judged twice plus two engine loads take 6-10 s, so it runs on its own thread. */
const TRIAL_LIMIT_MS = 120_000;
let running = false;

/** Runs a worker thread for `setup` (the running rules vs. the edit); refuses a second trial while one runs (two cores shared with the crawl). */
export function runInThread(setup: Omit<TrialSetup, 'entry'>): Promise<TrialResult> {
  if (running) throw new ConflictError('另一个规则测试或启用前的检查正在进行；请等它结束后再试');
  running = true;
  const worker = new Worker(new URL('../../threads/ts-worker-boot.mjs', import.meta.url), { workerData: { ...setup, entry: new URL('./trial-host.ts', import.meta.url).href } satisfies TrialSetup });
  const timer = setTimeout(() => void worker.terminate(), TRIAL_LIMIT_MS);
  return new Promise<TrialResult>((resolve, reject) => {
    worker.once('message', (r: TrialResult) => resolve(r));
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the rule trial stopped (exit code ${code}) after ${TRIAL_LIMIT_MS / 1000} s at most`)));
  }).finally(() => {
    clearTimeout(timer);
    running = false;
    void worker.terminate();
  });
}

const setupOf = (ctx: AppContext, file: string, text: string, stored: TrialSetup['stored']): Omit<TrialSetup, 'entry'> => ({
  rulesDir: path.resolve(ctx.config.rulesDir), city: ctx.config.city, file, text, labelledDirs: ctx.config.trainingDirs.map((d) => path.resolve(d)), stored,
});

/** "测试此修改": the edited text of a rule file against every labelled set and the newest `posts` stored posts; audited, nothing written. */
export async function trialRuleEdit(ctx: AppContext, input: { key: string; yaml: string; posts: number; actor: Actor }) {
  const { file } = readRuleFile(path.resolve(ctx.config.rulesDir), input.key);
  const result = await runInThread(setupOf(ctx, file, input.yaml, latestPosts(ctx.db, input.posts)));
  if (!result.ok) throw new RejectedRules(result.issues);
  const changes = Object.fromEntries(result.sets.map((s) => [s.set, { gained: s.gainedCount, lost: s.lostCount }]));
  inTransaction(ctx.db, () => recordAudit(ctx.db, { actor: input.actor, entity: RULE_ENTITY, entityId: input.key, action: 'test', after: { file, posts: input.posts, changes } }));
  return result;
}

/** The whole engine loaded with `yaml` as `file`, off the web thread: what activation checks before writing. */
export async function checkWholeEngine(ctx: AppContext, file: string, yaml: string): Promise<void> {
  const result = await runInThread({ ...setupOf(ctx, file, yaml, []), labelledDirs: [], loadOnly: true });
  if (!result.ok) throw new RejectedRules(result.issues);
}
