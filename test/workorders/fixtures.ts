import type { Db } from '../../src/storage/database.js';

let seq = 0;

export function insertUser(db: Db, name: string, role: 'verifier' | 'admin' = 'verifier'): number {
  const at = new Date().toISOString();
  return db
    .prepare("INSERT INTO users (name, name_key, role, password_hash, created_at, updated_at) VALUES (@name, user_name_key(@name), @role, 'x', @at, @at) RETURNING id")
    .pluck()
    .get({ name, role, at }) as number;
}

export interface LeadSpec {
  category?: string;
  sub_item?: string | null;
  urgency?: 'urgent' | 'normal';
  district?: string | null;
  street?: string | null;
  place?: string | null;
  discovered_at?: string;
  posts?: { platform?: string; text: string; url?: string; published_at?: string }[];
}

/** A `new` lead with its posts, written the way the rules engine writes them. */
export function insertLead(db: Db, spec: LeadSpec = {}): number {
  const at = spec.discovered_at ?? '2026-11-21T02:00:00.000Z';
  const posts = spec.posts ?? [{ text: '固戍地铁站A出口的井盖没了，晚上很危险' }];
  return db.transaction(() => {
    const leadId = db
      .prepare(
        `INSERT INTO leads (category, sub_item, urgency, district, street, place, summary, discovered_at, last_post_at, created_at, updated_at, post_count)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
      )
      .pluck()
      .get(
        spec.category ?? 'municipal', spec.sub_item === undefined ? 'municipal.manhole' : spec.sub_item, spec.urgency ?? 'urgent',
        spec.district === undefined ? '宝安区' : spec.district, spec.street === undefined ? '西乡街道' : spec.street,
        spec.place === undefined ? '固戍地铁站A出口' : spec.place, posts[0]!.text.slice(0, 60), at, at, at, at, posts.length,
      ) as number;
    for (const p of posts) {
      seq++;
      const postId = db
        .prepare(
          `INSERT INTO posts (platform, platform_post_id, url, text, published_at, raw, first_seen_at, last_seen_at)
           VALUES (?, ?, ?, ?, ?, '{}', ?, ?) RETURNING id`,
        )
        .pluck()
        .get(p.platform ?? 'weibo', `${process.pid}-${Date.now()}-${seq}`, p.url ?? `https://weibo.com/p/${seq}`, p.text, p.published_at ?? at, at, at) as number;
      db.prepare('INSERT INTO lead_posts (lead_id, post_id, added_at) VALUES (?, ?, ?)').run(leadId, postId, at);
    }
    return leadId;
  })();
}
