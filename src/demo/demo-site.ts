import { DEMO_POSTS } from './demo-posts.js';
import type { SitePost } from './site-post.js';
import { discuzRoutes, feedRoutes, robotsRoute, weiboRoutes } from './platform-routes.js';
import { startSite, type RunningSite } from './site-server.js';

/** The demo site: Weibo-like JSON, a GBK Discuz! forum and an RSSHub-style feed, serving DEMO_POSTS. */
export async function startDemoSite(now: Date = new Date()): Promise<RunningSite> {
  const toSite = (platform: string): SitePost[] =>
    DEMO_POSTS.filter((p) => p.platform === platform).map((p, i) => ({
      id: p.id,
      text: p.text,
      title: p.title ?? p.text.slice(0, 20),
      author: p.author,
      authorId: String(6000000000 + i),
      createdAt: new Date(now.getTime() - p.minutesAgo * 60_000),
      region: p.region,
      likes: p.likes ?? 0,
      comments: p.comments ?? 0,
      shares: Math.floor((p.likes ?? 0) / 10),
    }));
  return startSite({
    ...weiboRoutes(toSite('weibo'), { pageSize: 10 }),
    ...discuzRoutes(toSite('forum'), { pageSize: 8, now: () => now }),
    ...feedRoutes(toSite('rss')),
    ...robotsRoute('User-agent: *\nDisallow: /admin/\n'),
  });
}
