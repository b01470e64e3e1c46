import path from 'node:path';
import { SYSTEM, type Actor } from '../../audit/actor.js';
import { recordAudit } from '../../audit/audit-log.js';
import type { AppContext } from '../../context.js';
import { ConflictError, NotFoundError } from '../../errors.js';
import { writeFileAtomic } from '../../files/atomic-write.js';
import { textSha } from '../../files/text-sha.js';
import { inTransaction } from '../../storage/database.js';
import { addRuleVersion, getRuleVersion, ruleVersions, type RuleVersionAction, type RuleVersionRow } from '../../storage/rule-versions.js';
import { checkRuleText, RejectedRules } from './rule-check.js';
import { readRuleFile, type RuleFile } from './rule-files.js';
import { checkWholeEngine } from './rule-trial.js';

/**
 * Activating a rule file from the console: the whole engine must load with the new text (else
 * refused, and the running rules stay), then one transaction keeps the version with who and when,
 * audits, and renames the file into place; the engine holders see the new mtime at their next batch.
 */

/** The audit log's entity for everything done to a rule file from the console (entity id: its key). */
export const RULE_ENTITY = 'rule_file';
const dirOf = (ctx: Pick<AppContext, 'config'>) => path.resolve(ctx.config.rulesDir);

/** The edited text of the file the editor opened (`baseSha`): refused when the file changed since. */
export async function activateRules(ctx: AppContext, input: { key: string; yaml: string; baseSha: string; actor: Actor }): Promise<RuleVersionRow> {
  return write(ctx, { ...input, action: 'activate' });
}

/** An earlier version's text as the newest version. */
export async function rollbackRules(ctx: AppContext, input: { key: string; version: number; actor: Actor }): Promise<RuleVersionRow> {
  const current = readRuleFile(dirOf(ctx), input.key);
  const row = getRuleVersion(ctx.db, current.file, input.version);
  if (!row) throw new NotFoundError(`规则文件 ${input.key} 没有版本 ${input.version}`);
  return write(ctx, { key: input.key, yaml: row.yaml, baseSha: current.sha, action: 'rollback', actor: input.actor });
}

async function write(ctx: AppContext, input: { key: string; yaml: string; baseSha: string; action: RuleVersionAction; actor: Actor }): Promise<RuleVersionRow> {
  const { file } = readRuleFile(dirOf(ctx), input.key);
  const issues = checkRuleText(input.yaml, file);
  if (issues.length > 0) throw new RejectedRules(issues);
  await checkWholeEngine(ctx, file, input.yaml);
  return inTransaction(ctx.db, () => {
    // read again after the check: someone may have activated meanwhile
    const current = readRuleFile(dirOf(ctx), input.key);
    if (current.sha !== input.baseSha) throw new ConflictError(`规则文件 ${input.key} 在您打开之后已被修改（期望内容指纹 ${input.baseSha}，现在是 ${current.sha}）；请重新打开后再改`);
    const before = keepDiskText(ctx, current);
    const row = addRuleVersion(ctx.db, { file, yaml: input.yaml, action: input.action, actor: input.actor });
    recordAudit(ctx.db, { actor: input.actor, entity: RULE_ENTITY, entityId: input.key, action: input.action, before: { version: before.version }, after: { version: row.version, file } });
    // last: if the rename fails, the version and audit roll back with it
    writeFileAtomic(path.join(dirOf(ctx), file), input.yaml);
    return row;
  });
}

/** The text on disk as a version (shipped, or edited outside the console), so every text stays restorable. */
function keepDiskText(ctx: AppContext, current: RuleFile): RuleVersionRow {
  const latest = ruleVersions(ctx.db, current.file, 1)[0];
  if (latest && textSha(latest.yaml) === current.sha) return latest;
  return addRuleVersion(ctx.db, { file: current.file, yaml: current.yaml, action: 'import', actor: SYSTEM });
}
