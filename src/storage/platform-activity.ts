import type { Db } from './database.js';
import { stmt } from './statements.js';

export interface PlatformActivity {
  postsToday: number;
  postsWeek: number;
  leadsToday: number;
  leadsWeek: number;
}

/**
 * Posts stored and leads found per platform since the start of a Beijing day and of its week (days
 * as 'YYYY-MM-DD', instants as ISO): posts from post_daily (kept by triggers), leads counted once
 * per platform when any of their posts came from it.
 */
export function platformActivity(db: Db, since: { today: string; week: string; todayStart: string; weekStart: string }): Map<string, PlatformActivity> {
  const out = new Map<string, PlatformActivity>();
  const entry = (platform: string) => {
    let e = out.get(platform);
    if (!e) out.set(platform, (e = { postsToday: 0, postsWeek: 0, leadsToday: 0, leadsWeek: 0 }));
    return e;
  };
  const posts = stmt(db, `SELECT platform, sum(CASE WHEN day >= @today THEN n ELSE 0 END) AS today, sum(n) AS week FROM post_daily WHERE day >= @week GROUP BY platform`)
    .all(since) as { platform: string; today: number; week: number }[];
  for (const p of posts) Object.assign(entry(p.platform), { postsToday: p.today, postsWeek: p.week });
  const leads = stmt(db,
    `SELECT p.platform, count(DISTINCT CASE WHEN l.discovered_at >= @todayStart THEN l.id END) AS today, count(DISTINCT l.id) AS week
     FROM leads l JOIN lead_posts lp ON lp.lead_id = l.id JOIN posts p ON p.id = lp.post_id
     WHERE l.discovered_at >= @weekStart GROUP BY p.platform`,
  ).all(since) as { platform: string; today: number; week: number }[];
  for (const l of leads) Object.assign(entry(l.platform), { leadsToday: l.today, leadsWeek: l.week });
  return out;
}
