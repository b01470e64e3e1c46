import { actorRef, type Actor } from '../audit/actor.js';
import type { Db } from './database.js';
import { nowIso } from './database.js';
import { stmt } from './statements.js';

export type VersionAction = 'import' | 'create' | 'edit' | 'restore' | 'enable' | 'disable' | 'delete';

export interface PlatformVersionRow {
  id: number;
  platform: string;
  version: number;
  file: string;
  yaml: string;
  action: VersionAction;
  actor: string;
  actor_name: string | null;
  created_at: string;
}

/** Appends the next version of a platform's file; call it inside the transaction that writes the file. */
export function addPlatformVersion(db: Db, input: { platform: string; file: string; yaml: string; action: VersionAction; actor: Actor }, now: string = nowIso()): PlatformVersionRow {
  return stmt(db,
    `INSERT INTO platform_versions (platform, version, file, yaml, action, actor, actor_name, created_at)
     VALUES (?, (SELECT coalesce(max(version), 0) + 1 FROM platform_versions WHERE platform = ?), ?, ?, ?, ?, ?, ?) RETURNING *`,
  ).get(input.platform, input.platform, input.file, input.yaml, input.action, actorRef(input.actor), input.actor.name, now) as PlatformVersionRow;
}

/** Newest first. */
export function platformVersions(db: Db, platform: string, limit = 50): PlatformVersionRow[] {
  return stmt(db, 'SELECT * FROM platform_versions WHERE platform = ? ORDER BY version DESC LIMIT ?').all(platform, limit) as PlatformVersionRow[];
}

export function latestPlatformVersion(db: Db, platform: string): PlatformVersionRow | undefined {
  return stmt(db, 'SELECT * FROM platform_versions WHERE platform = ? ORDER BY version DESC LIMIT 1').get(platform) as PlatformVersionRow | undefined;
}

export function getPlatformVersion(db: Db, platform: string, version: number): PlatformVersionRow | undefined {
  return stmt(db, 'SELECT * FROM platform_versions WHERE platform = ? AND version = ?').get(platform, version) as PlatformVersionRow | undefined;
}
