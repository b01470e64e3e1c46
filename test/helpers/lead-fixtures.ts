import type { Db } from '../../src/storage/database.js';
import { inTransaction } from '../../src/storage/database.js';
import { storePosts, type NewPost } from '../../src/storage/posts.js';

/**
 * Leads without the rules engine: posts are stored through the posts repository, leads and
 * lead_posts inserted with plain SQL. Defaults make a `new`, normal sanitation lead in 福田区.
 */
export interface FixturePost extends Partial<NewPost> {
  text: string;
}

export interface FixtureLead {
  posts: FixturePost[];
  status?: 'new' | 'confirmed' | 'rejected' | 'merged';
  category?: string;
  subItem?: string | null;
  urgency?: 'urgent' | 'normal';
  district?: string | null;
  street?: string | null;
  place?: string | null;
  score?: number;
  heat?: number;
  /** Spans into the posts' text: postIndex refers to `posts`. */
  spans?: { postIndex: number; start: number; end: number; rule: string }[];
  matched?: string[];
  discoveredAt?: string;
}

let seq = 0;

export function insertLead(db: Db, lead: FixtureLead): { leadId: number; postIds: number[] } {
  return inTransaction(db, () => {
    const discovered = lead.discoveredAt ?? new Date().toISOString();
    const posts: NewPost[] = lead.posts.map((p) => {
      seq += 1;
      return {
        platform: 'weibo',
        platformPostId: `fx-${process.pid}-${Date.now()}-${seq}`,
        url: `https://weibo.example/p/${seq}`,
        author: '深圳市民',
        publishedAt: discovered,
        ipLocation: '广东',
        raw: '{}',
        ...p,
      };
    });
    const { newIds } = storePosts(db, posts, discovered);
    const spans = (lead.spans ?? []).map((s) => ({ post_id: newIds[s.postIndex], start: s.start, end: s.end, rule: s.rule }));
    const info = db
      .prepare(
        `INSERT INTO leads (status, category, sub_item, urgency, district, street, place, score, heat, post_count, matched, spans,
           summary, discovered_at, last_post_at, created_at, updated_at)
         VALUES (@status, @category, @subItem, @urgency, @district, @street, @place, @score, @heat, @postCount, @matched, @spans,
           @summary, @discovered, @discovered, @discovered, @discovered)`,
      )
      .run({
        status: lead.status ?? 'new',
        category: lead.category ?? 'sanitation',
        subItem: lead.subItem ?? null,
        urgency: lead.urgency ?? 'normal',
        district: lead.district === undefined ? '福田区' : lead.district,
        street: lead.street ?? null,
        place: lead.place ?? null,
        score: lead.score ?? 0.5,
        heat: lead.heat ?? 1,
        postCount: newIds.length,
        matched: JSON.stringify(lead.matched ?? []),
        spans: JSON.stringify(spans),
        summary: lead.posts[0]!.text.slice(0, 80),
        discovered,
      });
    const leadId = Number(info.lastInsertRowid);
    const link = db.prepare('INSERT INTO lead_posts (lead_id, post_id, similarity, added_at) VALUES (?, ?, 1, ?)');
    for (const id of newIds) link.run(leadId, id, discovered);
    return { leadId, postIds: newIds };
  });
}

/** n simple leads with distinct text (`${prefix} #i`), spaced one minute apart. */
export function insertLeads(db: Db, n: number, base: Partial<FixtureLead> = {}, prefix = '路边垃圾堆积无人清理'): number[] {
  const start = Date.parse('2026-11-21T00:00:00.000Z');
  const ids: number[] = [];
  for (let i = 0; i < n; i++) {
    ids.push(insertLead(db, { discoveredAt: new Date(start + i * 60_000).toISOString(), ...base, posts: base.posts ?? [{ text: `${prefix} #${i}` }] }).leadId);
  }
  return ids;
}
