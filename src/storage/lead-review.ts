import type { Db } from './database.js';
import { stmt } from './statements.js';
import type { LeadRow } from './lead-row.js';
import type { PostRow } from './posts.js';

export type { LeadRow };

/** The leads repository for review: a full lead row, its posts, and the writes review makes. */
const LEAD_COLUMNS = `id, status, category, sub_item, urgency, district, street, place, score, heat, post_count, matched, spans,
  fingerprint, summary, posted_at, discovered_at, last_post_at, reject_reason, reject_note, merged_into, edited_fields, reviewed_by,
  reviewed_at, claimed_by, claim_expires_at, created_by, created_at, updated_at, version, evidence`;

export function getLead(db: Db, id: number): LeadRow | undefined {
  return stmt(db, `SELECT ${LEAD_COLUMNS} FROM leads WHERE id = ?`).get(id) as LeadRow | undefined;
}

export type LeadPostRow = Omit<PostRow, 'raw'> & { similarity: number | null; added_at: string };

export function leadPosts(db: Db, leadId: number): LeadPostRow[] {
  return stmt(
    db,
      `SELECT p.id, p.platform, p.platform_post_id, p.url, p.author, p.author_id, p.title, p.text, p.published_at, p.ip_location,
         p.likes, p.comments, p.shares, p.views, p.first_seen_at, p.last_seen_at, p.processed_at, lp.similarity, lp.added_at
       FROM lead_posts lp JOIN posts p ON p.id = lp.post_id WHERE lp.lead_id = ? ORDER BY p.published_at, p.id`,
    )
    .all(leadId) as LeadPostRow[];
}

export function userDisplayName(db: Db, id: number | null): string | null {
  if (id === null) return null;
  return (stmt(db, 'SELECT coalesce(display_name, name) FROM users WHERE id = ?').pluck().get(id) as string | undefined) ?? null;
}

export function workOrderNumberOfLead(db: Db, leadId: number): string | null {
  return (stmt(db, 'SELECT number FROM work_orders WHERE lead_id = ?').pluck().get(leadId) as string | undefined) ?? null;
}

/** Writes the given columns, bumps version and updated_at. Column names come from code, never from input. */
export function updateLead(db: Db, id: number, fields: Partial<Omit<LeadRow, 'id' | 'version' | 'updated_at'>>, at: string): void {
  const cols = Object.keys(fields);
  const sets = cols.map((c) => `${c} = @${c}`).concat(['updated_at = @at', 'version = version + 1']);
  stmt(db, `UPDATE leads SET ${sets.join(', ')} WHERE id = @id`).run({ ...fields, at, id });
}

/** Claim columns only: a claim is a lease, not a change of the lead, so version stays. */
export function setClaim(db: Db, id: number, userId: number | null, until: string | null): void {
  stmt(db, 'UPDATE leads SET claimed_by = ?, claim_expires_at = ? WHERE id = ?').run(userId, until, id);
}

export function movePosts(db: Db, fromLead: number, toLead: number, postIds?: readonly number[]): number[] {
  const ids = postIds ?? (stmt(db, 'SELECT post_id FROM lead_posts WHERE lead_id = ? ORDER BY post_id').pluck().all(fromLead) as number[]);
  const move = stmt(db, 'UPDATE lead_posts SET lead_id = ? WHERE lead_id = ? AND post_id = ?');
  return ids.filter((pid) => move.run(toLead, fromLead, pid).changes === 1);
}

export interface MergeRecord {
  id: number;
  source_id: number;
  target_id: number;
  post_ids: string;
  heat: number;
  spans: string;
}

export function insertMerge(db: Db, m: { sourceId: number; targetId: number; postIds: number[]; heat: number; spans: unknown[]; actor: string; at: string }): void {
  stmt(db, 'INSERT INTO lead_merges (source_id, target_id, post_ids, heat, spans, actor, at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
    m.sourceId, m.targetId, JSON.stringify(m.postIds), m.heat, JSON.stringify(m.spans), m.actor, m.at,
  );
}

export function lastOpenMerge(db: Db, sourceId: number): MergeRecord | undefined {
  return stmt(db, 'SELECT id, source_id, target_id, post_ids, heat, spans FROM lead_merges WHERE source_id = ? AND undone_at IS NULL ORDER BY id DESC LIMIT 1').get(sourceId) as
    | MergeRecord
    | undefined;
}

export function markMergeUndone(db: Db, id: number, at: string): void {
  stmt(db, 'UPDATE lead_merges SET undone_at = ? WHERE id = ?').run(at, id);
}

export function countLeadPosts(db: Db, leadId: number): number {
  return stmt(db, 'SELECT count(*) FROM lead_posts WHERE lead_id = ?').pluck().get(leadId) as number;
}

/** Leads merged into this one (for the lead page). */
export function mergedSources(db: Db, targetId: number): { id: number; summary: string | null }[] {
  return stmt(db, "SELECT id, summary FROM leads WHERE merged_into = ? AND status = 'merged' ORDER BY id").all(targetId) as { id: number; summary: string | null }[];
}

export function insertManualLead(
  db: Db,
  l: { category: string; subItem: string | null; urgency: string; district: string | null; street: string | null; place: string | null; summary: string; postCount: number; createdBy: number; at: string; editedFields: string[] },
): number {
  const info = stmt(
    db,
      `INSERT INTO leads (status, category, sub_item, urgency, district, street, place, score, heat, post_count, summary, discovered_at,
         last_post_at, edited_fields, created_by, created_at, updated_at)
       VALUES ('new', ?, ?, ?, ?, ?, ?, 0, 1, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(l.category, l.subItem, l.urgency, l.district, l.street, l.place, l.postCount, l.summary, l.at, l.at, JSON.stringify(l.editedFields), l.createdBy, l.at, l.at);
  return Number(info.lastInsertRowid);
}

export function linkPost(db: Db, leadId: number, postId: number, at: string): void {
  stmt(db, 'INSERT INTO lead_posts (lead_id, post_id, similarity, added_at) VALUES (?, ?, NULL, ?)').run(leadId, postId, at);
}
