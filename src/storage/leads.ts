import type { Db } from './database.js';
import type { LeadRow } from './lead-row.js';
import { stmt } from './statements.js';

/**
 * The leads repository for the rules engine: filing new leads, clustering posts into them, and
 * reclassification. (Review writes live in lead-review.ts.) Call writers inside a transaction.
 */
export interface NewLead {
  category: string;
  subItem: string | null;
  urgency: 'urgent' | 'normal';
  district: string | null;
  street: string | null;
  place: string | null;
  score: number;
  heat: number;
  matched: string[];
  spans: LeadSpan[];
  fingerprint: string;
  summary: string;
  discoveredAt: string;
  now: string;
  /** The verdict's evidence (which side decided, model probability, weighing n-grams), as JSON. */
  evidence?: string;
}

export interface LeadSpan {
  post_id: number;
  start: number;
  end: number;
  rule: string;
}

/** What clustering needs to know about a recent lead. */
export type ClusterCandidate = Pick<LeadRow, 'id' | 'status' | 'category' | 'sub_item' | 'urgency' | 'district' | 'street' | 'place' | 'fingerprint' | 'last_post_at' | 'merged_into'>;

/** The lead fields the engine sets (and reclassify may refresh). */
export interface EngineLeadRow extends ClusterCandidate {
  score: number;
  heat: number;
  post_count: number;
  matched: string;
  spans: string;
  edited_fields: string;
  discovered_at: string;
  version: number;
}

const ENGINE_COLUMNS = `id, status, category, sub_item, urgency, district, street, place, fingerprint, last_post_at, merged_into,
  score, heat, post_count, matched, spans, edited_fields, discovered_at, version`;

export function insertEngineLead(db: Db, l: NewLead): number {
  return stmt(db, 
      `INSERT INTO leads (status, category, sub_item, urgency, district, street, place, score, heat, post_count, matched, spans,
         fingerprint, summary, discovered_at, last_post_at, created_at, updated_at, evidence)
       VALUES ('new', ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
    )
    .pluck()
    .get(
      l.category, l.subItem, l.urgency, l.district, l.street, l.place, l.score, l.heat, JSON.stringify(l.matched),
      JSON.stringify(l.spans), l.fingerprint, l.summary, l.discoveredAt, l.discoveredAt, l.now, l.now, l.evidence ?? '{}',
    ) as number;
}

/** Links a post; false when the post is already in a lead (lead_posts.post_id is UNIQUE). */
export function linkPostToLead(db: Db, leadId: number, postId: number, similarity: number | null, at: string): boolean {
  const info = stmt(db, 'INSERT INTO lead_posts (lead_id, post_id, similarity, added_at) VALUES (?, ?, ?, ?) ON CONFLICT (post_id) DO NOTHING')
    .run(leadId, postId, similarity, at);
  return info.changes === 1;
}

export function leadIdOfPost(db: Db, postId: number): number | undefined {
  return stmt(db, 'SELECT lead_id FROM lead_posts WHERE post_id = ?').pluck().get(postId) as number | undefined;
}

export function getEngineLead(db: Db, id: number): EngineLeadRow | undefined {
  return stmt(db, `SELECT ${ENGINE_COLUMNS} FROM leads WHERE id = ?`).get(id) as EngineLeadRow | undefined;
}

/** Leads of a category whose latest post is at or after `since` (the clustering window). */
export function recentLeads(db: Db, category: string, since: string): ClusterCandidate[] {
  return stmt(db, 
      `SELECT id, status, category, sub_item, urgency, district, street, place, fingerprint, last_post_at, merged_into
       FROM leads WHERE category = ? AND last_post_at >= ? ORDER BY id DESC LIMIT 5000`,
    )
    .all(category, since) as ClusterCandidate[];
}

export type EngineLeadPatch = Partial<
  Pick<EngineLeadRow, 'category' | 'sub_item' | 'urgency' | 'district' | 'street' | 'place' | 'score' | 'heat' | 'post_count' | 'matched' | 'spans' | 'last_post_at'>
>;

/** Applies a patch and bumps version; returns false when the version moved (someone else wrote first). */
export function patchEngineLead(db: Db, id: number, patch: EngineLeadPatch, expectedVersion: number, at: string): boolean {
  const keys = Object.keys(patch) as (keyof EngineLeadPatch)[];
  const sets = keys.map((k) => `${k} = @${k}`).join(', ');
  const info = stmt(db, `UPDATE leads SET ${sets ? `${sets}, ` : ''}version = version + 1, updated_at = @at WHERE id = @id AND version = @expectedVersion`)
    .run({ ...patch, id, expectedVersion, at });
  return info.changes === 1;
}

/** Stored posts in id order after `afterId` (reclassify pages through them). */
export function postsPage(db: Db, afterId: number, limit: number) {
  return stmt(db, 'SELECT id, platform, platform_post_id, title, text, published_at, ip_location, first_seen_at, likes, comments, shares FROM posts WHERE id > ? ORDER BY id LIMIT ?')
    .all(afterId, limit) as {
    id: number; platform: string; platform_post_id: string; title: string | null; text: string; published_at: string | null; ip_location: string | null;
    first_seen_at: string; likes: number | null; comments: number | null; shares: number | null;
  }[];
}

export function countPosts(db: Db): number {
  return stmt(db, 'SELECT count(*) FROM posts').pluck().get() as number;
}
