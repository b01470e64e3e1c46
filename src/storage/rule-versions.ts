import { actorRef, type Actor } from '../audit/actor.js';
import type { Db } from './database.js';
import { nowIso } from './database.js';
import { stmt } from './statements.js';

export type RuleVersionAction = 'import' | 'activate' | 'rollback';

export interface RuleVersionRow {
  id: number;
  /** Path inside the rules folder, e.g. packs/noise.yaml. */
  file: string;
  version: number;
  yaml: string;
  action: RuleVersionAction;
  actor: string;
  actor_name: string | null;
  created_at: string;
}

/** Appends the next version of a rule file; call it inside the transaction that writes the file. */
export function addRuleVersion(db: Db, input: { file: string; yaml: string; action: RuleVersionAction; actor: Actor }, now: string = nowIso()): RuleVersionRow {
  return stmt(db,
    `INSERT INTO rule_versions (file, version, yaml, action, actor, actor_name, created_at)
     VALUES (?, (SELECT coalesce(max(version), 0) + 1 FROM rule_versions WHERE file = ?), ?, ?, ?, ?, ?) RETURNING *`,
  ).get(input.file, input.file, input.yaml, input.action, actorRef(input.actor), input.actor.name, now) as RuleVersionRow;
}

/** Newest first. */
export function ruleVersions(db: Db, file: string, limit = 50): RuleVersionRow[] {
  return stmt(db, 'SELECT * FROM rule_versions WHERE file = ? ORDER BY version DESC LIMIT ?').all(file, limit) as RuleVersionRow[];
}

export function getRuleVersion(db: Db, file: string, version: number): RuleVersionRow | undefined {
  return stmt(db, 'SELECT * FROM rule_versions WHERE file = ? AND version = ?').get(file, version) as RuleVersionRow | undefined;
}

/** The newest version of every file (the list's "last change, who"). */
export function latestRuleVersions(db: Db): Map<string, RuleVersionRow> {
  const rows = stmt(db, 'SELECT * FROM rule_versions r WHERE version = (SELECT max(version) FROM rule_versions WHERE file = r.file)').all() as RuleVersionRow[];
  return new Map(rows.map((r) => [r.file, r]));
}
