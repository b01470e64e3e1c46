/**
 * Seeds a review store for the queue bench: `posts` posts (most of them chatter that never became a
 * lead) and `leads` leads of 1–5 posts each, in one transaction with prepared statements; the
 * full-text index is rebuilt once at the end instead of row by row.
 */
import type { Db } from '../src/storage/database.js';

let seed = 7;
export const rand = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
export const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;

export const PLACES = ['深南大道', '华强北', '科技园', '西乡街道', '坂田', '民治', '东门老街', '蛇口', '梅林', '车公庙', '布吉', '龙华大道', '宝安机场', '前海', '大梅沙'];
export const ISSUES = ['垃圾堆积没人清理', '噪音扰民睡不着', '路灯不亮很危险', '井盖缺失', '积水严重车过不去', '违章停车堵路', '油烟扰民', '施工噪音到半夜', '占道经营', '水管漏水', '电梯故障困人', '外卖电动车乱停', '污水直排河道', '树木倒伏压车', '小区停水两天'];
const CHATTER = ['今天天气真好', '周末去哪里玩', '这家店的奶茶好喝', '打卡网红餐厅', '深圳湾看日落', '地铁上人好多', '新手机到了', '健身第三十天'];
export const CATS = ['sanitation', 'noise', 'municipal', 'road', 'traffic', 'pollution', 'property', 'city_order'];
export const DISTRICTS = ['福田区', '罗湖区', '南山区', '盐田区', '宝安区', '龙岗区', '龙华区', '坪山区', '光明区', '大鹏新区'];
export const PLATFORMS = ['weibo', 'douyin', 'xiaohongshu', 'zhihu', 'tieba', 'bilibili'];

export function seedQueueStore(db: Db, posts: number, leads: number, progress: (msg: string) => void): void {
  db.pragma('foreign_keys = OFF'); // lead_posts go in before their leads, so the per-row FTS trigger has nothing to update
  db.pragma('synchronous = OFF');
  const base = Date.parse('2026-10-22T00:00:00Z');
  const insertPost = db.prepare(
    `INSERT INTO posts (id, platform, platform_post_id, url, author, text, published_at, ip_location, raw, first_seen_at, last_seen_at, processed_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, '广东', '{}', ?, ?, ?)`,
  );
  const insertLink = db.prepare('INSERT INTO lead_posts (lead_id, post_id, similarity, added_at) VALUES (?, ?, 0.9, ?)');
  const insertLead = db.prepare(
    `INSERT INTO leads (id, status, category, urgency, district, place, score, heat, post_count, summary, discovered_at, last_post_at, created_at, updated_at, spans, reject_reason, posted_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  db.transaction(() => {
    let postId = 0;
    const t0 = Date.now();
    // Leads first in id order with their posts, then chatter posts up to `posts`.
    for (let lead = 1; lead <= leads; lead++) {
      const n = 1 + Math.floor(rand() * 5);
      const place = pick(PLACES);
      const issue = pick(ISSUES);
      const at = new Date(base + rand() * 30 * 86_400_000).toISOString();
      let summary = '';
      let postedAt: string | null = null;
      for (let k = 0; k < n && postId < posts; k++) {
        postId += 1;
        // Written up to 20 days before it was found (from the id, so the random stream is unchanged).
        const published = new Date(Date.parse(at) - ((postId * 2654435761) % 1000) * 1_728_000).toISOString();
        if (postedAt === null || published < postedAt) postedAt = published;
        const text = `${place}${k ? '这边又' : ''}${issue}，${pick(['已经好几天了', '希望有关部门管管', '太影响生活了', '打了电话也没人管'])}。#${place}#`;
        if (!summary) summary = text.slice(0, 80);
        insertPost.run(postId, pick(PLATFORMS), `b${postId}`, `https://example.com/p/${postId}`, `网友${postId % 9973}`, text, published, at, at, at);
        insertLink.run(lead, postId, at);
      }
      const r = rand();
      const status = r < 0.6 ? 'new' : r < 0.8 ? 'confirmed' : r < 0.95 ? 'rejected' : 'merged';
      insertLead.run(lead, status, pick(CATS), rand() < 0.1 ? 'urgent' : 'normal', pick(DISTRICTS), place, Math.round(rand() * 1000) / 1000,
        1 + Math.floor(rand() * 20), n, summary, at, at, at, at, '[]', status === 'rejected' ? 'not_civic' : null, postedAt);
      if (lead % 20_000 === 0) progress(`  ${lead} leads, ${postId} posts (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
    }
    while (postId < posts) {
      postId += 1;
      const at = new Date(base + rand() * 30 * 86_400_000).toISOString();
      insertPost.run(postId, pick(PLATFORMS), `b${postId}`, `https://example.com/p/${postId}`, `网友${postId % 9973}`, `${pick(CHATTER)}，${pick(PLACES)}${postId}`, at, at, at, at);
      if (postId % 200_000 === 0) progress(`  ${postId} posts (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
    }
    progress('  rebuilding the search text and its full-text index');
    // lead_text's triggers keep lead_search in step row by row; for a bulk load, the text is
    // rewritten with them set aside and the index rebuilt once from it (one merged segment).
    const triggers = db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'lead_text'").all() as { name: string; sql: string }[];
    for (const t of triggers) db.exec(`DROP TRIGGER ${t.name}`);
    db.exec(`DELETE FROM lead_text;
      INSERT INTO lead_text (lead_id, body)
        SELECT l.id, coalesce(l.summary, '') || ' ' || coalesce(l.place, '') || ' ' || coalesce(group_concat(coalesce(p.title, '') || ' ' || p.text || ' ', ' '), '')
        FROM leads l LEFT JOIN lead_posts lp ON lp.lead_id = l.id LEFT JOIN posts p ON p.id = lp.post_id GROUP BY l.id;`);
    for (const t of triggers) db.exec(t.sql);
    db.exec(`INSERT INTO lead_search (lead_search) VALUES ('rebuild');
      INSERT INTO lead_search (lead_search) VALUES ('optimize');`);
  })();
  db.pragma('foreign_keys = ON');
  db.exec('ANALYZE');
}
