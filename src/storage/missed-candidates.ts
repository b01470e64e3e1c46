import type { Db } from './database.js';
import type { PostRow } from './posts.js';
import { stmt } from './statements.js';

/** A post the verdict turned down while the model found it plausible (可能遗漏). */
export interface MissedCandidateRow {
  id: number;
  post_id: number;
  p_lead: number;
  category: string | null;
  evidence: string;
  sampled_on: string;
  created_at: string;
  status: 'open' | 'lead' | 'not_lead';
  decided_category: string | null;
  decided_by: number | null;
  decided_at: string | null;
  lead_id: number | null;
}

export function sampledOn(db: Db, day: string): number {
  return (stmt(db, 'SELECT count(*) AS n FROM missed_candidates WHERE sampled_on = ?').get(day) as { n: number }).n;
}

/** Inserts once per post (a re-run after a crash adds nothing); returns whether a row was added. */
export function addMissedCandidate(db: Db, c: { postId: number; pLead: number; category: string | null; evidence: string; day: string; now: string }): boolean {
  return stmt(db, 'INSERT OR IGNORE INTO missed_candidates (post_id, p_lead, category, evidence, sampled_on, created_at) VALUES (?, ?, ?, ?, ?, ?)')
    .run(c.postId, c.pLead, c.category, c.evidence, c.day, c.now).changes === 1;
}

/** A candidate with the post it is about (the post's own columns, as stored). */
export interface MissedListItem extends MissedCandidateRow, Pick<PostRow, 'platform' | 'url' | 'author' | 'title' | 'text' | 'published_at' | 'ip_location'> {}

const WITH_POST = `SELECT m.*, p.platform, p.url, p.author, p.title, p.text, p.published_at, p.ip_location
  FROM missed_candidates m JOIN posts p ON p.id = m.post_id`;

export function listMissed(db: Db, status: MissedCandidateRow['status'], limit: number, afterId = 0): MissedListItem[] {
  return stmt(
    db,
    `${WITH_POST} WHERE m.status = ? AND m.id > ? ORDER BY m.id LIMIT ?`,
  ).all(status, afterId, limit) as MissedListItem[];
}

export function countMissed(db: Db): Record<MissedCandidateRow['status'], number> {
  const out = { open: 0, lead: 0, not_lead: 0 };
  for (const r of stmt(db, 'SELECT status, count(*) AS n FROM missed_candidates GROUP BY status').all() as { status: keyof typeof out; n: number }[]) out[r.status] = r.n;
  return out;
}

export function getMissed(db: Db, id: number): MissedListItem | undefined {
  return stmt(db, `${WITH_POST} WHERE m.id = ?`).get(id) as MissedListItem | undefined;
}

/** Records a verifier's decision on an open candidate; false when it was decided already. */
export function decideMissed(db: Db, id: number, d: { status: 'lead' | 'not_lead'; category: string | null; userId: number; now: string; leadId: number | null }): boolean {
  return stmt(db, "UPDATE missed_candidates SET status = ?, decided_category = ?, decided_by = ?, decided_at = ?, lead_id = ? WHERE id = ? AND status = 'open'")
    .run(d.status, d.category, d.userId, d.now, d.leadId, id).changes === 1;
}
