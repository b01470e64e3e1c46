import path from 'node:path';
import type { AppContext } from '../../context.js';
import { NotFoundError } from '../../errors.js';
import { platformVersions } from '../../storage/platform-versions.js';
import { platformStatus } from '../platform-status.js';
import { findPlatformFile } from './platform-file.js';

/**
 * One platform for its console page: its state and counts (as in the list), its last runs with
 * their warnings, its file's text now, and its versions (newest first). A deleted platform keeps
 * its versions and runs, so it can be restored.
 */
export function platformDetail(ctx: AppContext, platform: string, runs = 30) {
  const status = platformStatus(ctx, runs).platforms.find((p) => p.platform === platform) ?? null;
  const file = findPlatformFile(path.resolve(ctx.config.crawlersDir), platform);
  const versions = platformVersions(ctx.db, platform);
  if (!status && versions.length === 0) throw new NotFoundError(`平台 ${platform} 不存在（采集配置目录中没有它的文件，也没有保存过的版本）`);
  return {
    platform,
    status: status && { ...status, runs: status.runs.map((r) => ({ ...r, warnings: r.warnings ? (JSON.parse(r.warnings) as unknown[]) : [] })) },
    source: file ? { file: path.basename(file.file), yaml: file.yaml, sha: file.sha, valid: file.valid } : null,
    versions,
  };
}
