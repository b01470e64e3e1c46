import path from 'node:path';
import type { Actor } from '../../audit/actor.js';
import { recordAudit } from '../../audit/audit-log.js';
import type { AppContext } from '../../context.js';
import { ConflictError } from '../../errors.js';
import { inTransaction } from '../../storage/database.js';
import { parseDefinition } from '../loader.js';
import { isCrawling, runCrawl } from '../runner.js';
import { requirePlatformFile } from './platform-file.js';
import { PLATFORM_ENTITY } from './platform-store.js';

/**
 * 立即运行: one run of the platform's file as it is on disk, through the runner the scheduler uses
 * (run history, live progress on the run row, health, pipeline). Started and left running: the
 * run row says how it goes. A run already going in this process is not started twice.
 */
export function runPlatformNow(ctx: AppContext, input: { platform: string; actor: Actor }): void {
  const current = requirePlatformFile(path.resolve(ctx.config.crawlersDir), input.platform);
  if (!current.valid) throw new ConflictError(`平台 ${input.platform} 的文件无效，无法运行；请先修改文件中的错误`);
  if (isCrawling(input.platform)) throw new ConflictError(`平台 ${input.platform} 正在运行；请等这次运行结束`);
  const definition = parseDefinition(current.yaml, current.file);
  inTransaction(ctx.db, () => recordAudit(ctx.db, { actor: input.actor, entity: PLATFORM_ENTITY, entityId: input.platform, action: 'run' }));
  void runCrawl(ctx, definition, { trigger: 'admin' }).catch((err: unknown) => ctx.log.error({ platform: input.platform, err }, 'run started from the console failed to start'));
}
