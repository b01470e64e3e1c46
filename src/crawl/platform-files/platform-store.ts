import { rmSync } from 'node:fs';
import path from 'node:path';
import { isMap, parseDocument } from 'yaml';
import { SYSTEM, type Actor } from '../../audit/actor.js';
import { recordAudit } from '../../audit/audit-log.js';
import type { AppContext } from '../../context.js';
import { ConflictError, NotFoundError } from '../../errors.js';
import { inTransaction } from '../../storage/database.js';
import { addPlatformVersion, getPlatformVersion, latestPlatformVersion, type PlatformVersionRow, type VersionAction } from '../../storage/platform-versions.js';
import { writeFileAtomic } from '../../files/atomic-write.js';
import { fileTaken, findPlatformFile, newPlatformFile, requirePlatformFile, type PlatformFile } from './platform-file.js';
import { textSha } from '../../files/text-sha.js';
import { RejectedDefinition } from './rejected-text.js';
import { checkDefinitionText } from './text-check.js';

/**
 * Every write of a platform's file from the console: checked as the loader will read it (an
 * invalid text is refused and the file, so the running version, stays), written atomically,
 * kept as a version with who and when, and audited, in one transaction with the file's rename.
 */

/** The audit log's entity for everything done to a platform from the console. */
export const PLATFORM_ENTITY = 'crawler_platform';
const dirOf = (ctx: Pick<AppContext, 'config'>) => path.resolve(ctx.config.crawlersDir);

/** A new platform: <key>.yaml, refused when the key or the file is taken. */
export function createPlatform(ctx: AppContext, input: { platform: string; yaml: string; actor: Actor }): PlatformVersionRow {
  const dir = dirOf(ctx);
  const file = newPlatformFile(dir, input.platform);
  if (findPlatformFile(dir, input.platform) || fileTaken(file)) throw new ConflictError(`平台 ${input.platform} 已存在（${path.basename(file)}）；请换一个平台标识，或打开该平台修改`);
  return write(ctx, { platform: input.platform, file, previous: null, yaml: input.yaml, action: 'create', actor: input.actor });
}

/** An edit of the text the editor started from (`baseSha`): refused when the file changed since. */
export function editPlatform(ctx: AppContext, input: { platform: string; yaml: string; baseSha: string; actor: Actor }): PlatformVersionRow {
  const current = requirePlatformFile(dirOf(ctx), input.platform);
  if (current.sha !== input.baseSha) throw new ConflictError(`平台 ${input.platform} 的文件在您打开之后已被修改（期望内容指纹 ${input.baseSha}，现在是 ${current.sha}）；请重新打开后再改`);
  return write(ctx, { platform: input.platform, file: current.file, previous: current, yaml: input.yaml, action: 'edit', actor: input.actor });
}

/** An earlier version's text as the newest version (also brings back a deleted platform's file). */
export function restorePlatformVersion(ctx: AppContext, input: { platform: string; version: number; actor: Actor }): PlatformVersionRow {
  const row = getPlatformVersion(ctx.db, input.platform, input.version);
  if (!row) throw new NotFoundError(`平台 ${input.platform} 没有版本 ${input.version}`);
  const current = findPlatformFile(dirOf(ctx), input.platform);
  const file = current?.file ?? path.join(dirOf(ctx), row.file);
  if (!current && fileTaken(file)) throw new ConflictError(`文件 ${row.file} 已属于另一个平台；无法恢复到该文件`);
  return write(ctx, { platform: input.platform, file, previous: current ?? null, yaml: row.yaml, action: 'restore', actor: input.actor });
}

/** enabled: true/false set in the file itself (comments and layout kept), so the file says what runs. */
export function setPlatformEnabled(ctx: AppContext, input: { platform: string; enabled: boolean; actor: Actor }): PlatformVersionRow {
  const current = requirePlatformFile(dirOf(ctx), input.platform);
  const doc = parseDocument(current.yaml);
  if (!current.valid || !isMap(doc.contents)) throw new ConflictError(`平台 ${input.platform} 的文件无效，无法${input.enabled ? '启用' : '停用'}；请先修改文件中的错误`);
  doc.set('enabled', input.enabled);
  return write(ctx, { platform: input.platform, file: current.file, previous: current, yaml: doc.toString(), action: input.enabled ? 'enable' : 'disable', actor: input.actor });
}

/** Removes the file (the scheduler stops it at its next reload); posts, runs and versions stay. */
export function deletePlatform(ctx: AppContext, input: { platform: string; actor: Actor }): PlatformVersionRow {
  const current = requirePlatformFile(dirOf(ctx), input.platform);
  return inTransaction(ctx.db, () => {
    keepDiskText(ctx, current);
    const row = addPlatformVersion(ctx.db, { platform: input.platform, file: path.basename(current.file), yaml: current.yaml, action: 'delete', actor: input.actor });
    recordAudit(ctx.db, { actor: input.actor, entity: PLATFORM_ENTITY, entityId: input.platform, action: 'delete', before: { file: row.file, version: row.version } });
    rmSync(current.file);
    return row;
  });
}

function write(ctx: AppContext, input: { platform: string; file: string; previous: PlatformFile | null; yaml: string; action: VersionAction; actor: Actor }): PlatformVersionRow {
  const checked = checkDefinitionText(input.yaml, input.file, input.platform);
  if (!checked.ok) throw new RejectedDefinition(checked.issues);
  return inTransaction(ctx.db, () => {
    if (input.previous) keepDiskText(ctx, input.previous);
    const before = latestPlatformVersion(ctx.db, input.platform);
    const row = addPlatformVersion(ctx.db, { platform: input.platform, file: path.basename(input.file), yaml: input.yaml, action: input.action, actor: input.actor });
    recordAudit(ctx.db, { actor: input.actor, entity: PLATFORM_ENTITY, entityId: input.platform, action: input.action, before: before ? { version: before.version } : undefined, after: { version: row.version, file: row.file, enabled: checked.definition.enabled } });
    // last: if the rename fails, the version and audit roll back with it
    writeFileAtomic(input.file, input.yaml);
    return row;
  });
}

/** A text on disk that no version holds (shipped, or edited outside the console) becomes a version first, so every text stays restorable. */
function keepDiskText(ctx: AppContext, current: PlatformFile): void {
  const latest = latestPlatformVersion(ctx.db, current.platform);
  if (latest && textSha(latest.yaml) === current.sha) return;
  addPlatformVersion(ctx.db, { platform: current.platform, file: path.basename(current.file), yaml: current.yaml, action: 'import', actor: SYSTEM });
}
