import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { NotFoundError } from '../../errors.js';
import { textSha } from '../../files/text-sha.js';
import { loadDefinitions } from '../loader.js';

/** A platform's file in the crawlers folder, as it is on disk now (valid or not). */
export interface PlatformFile {
  platform: string;
  /** Absolute path. */
  file: string;
  yaml: string;
  /** textSha of the text. */
  sha: string;
  valid: boolean;
}

/** The file of a platform (found as the loader finds it: its name: or its file name), or undefined. */
export function findPlatformFile(dir: string, platform: string): PlatformFile | undefined {
  const { definitions, invalid } = loadDefinitions(dir);
  const valid = definitions.find((d) => d.name === platform);
  const file = valid?.file ?? invalid.find((i) => i.platform === platform)?.file;
  if (!file) return undefined;
  const yaml = readFileSync(file, 'utf8');
  return { platform, file, yaml, sha: textSha(yaml), valid: valid !== undefined };
}

export function requirePlatformFile(dir: string, platform: string): PlatformFile {
  const found = findPlatformFile(dir, platform);
  if (!found) throw new NotFoundError(`平台 ${platform} 不存在（采集配置目录中没有它的文件）`);
  return found;
}

/** Where a new platform's file goes: <key>.yaml in the crawlers folder. */
export function newPlatformFile(dir: string, platform: string): string {
  return path.join(dir, `${platform}.yaml`);
}

export const fileTaken = (file: string): boolean => existsSync(file);
