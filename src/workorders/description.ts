import { CATEGORIES, type Category } from '../domain/categories.js';
import type { SourcePostRow } from '../storage/work-orders.js';

const PLATFORM_NAMES: Record<string, string> = {
  weibo: '微博', douyin: '抖音', xiaohongshu: '小红书', zhihu: '知乎', bilibili: '哔哩哔哩', tieba: '百度贴吧',
  kuaishou: '快手', toutiao: '今日头条', wechat: '微信', weixin: '微信',
};

export function platformName(platform: string): string {
  return PLATFORM_NAMES[platform] ?? platform;
}

const MAX_POST_CHARS = 300;
const MAX_POSTS = 3;

/** A first draft for the department, in plain text (staff edit it later); crawled text is kept as text. */
export function draftDescription(
  lead: { category: string; district: string | null; street: string | null; place: string | null; summary: string | null; discovered_at: string },
  subItemName: string | null,
  posts: readonly SourcePostRow[],
): string {
  const category = CATEGORIES[lead.category as Category] ?? lead.category;
  const where = [lead.district, lead.street, lead.place].filter(Boolean).join(' ') || '地点未明（请核实）';
  const lines = [`【${category}${subItemName ? ` / ${subItemName}` : ''}】${where}`];
  if (posts.length === 0 && lead.summary) lines.push(`线索摘要：${lead.summary}`);
  const platforms = [...new Set(posts.map((p) => platformName(p.platform)))];
  if (posts.length) lines.push(`网络反映：共 ${posts.length} 条公开帖子（${platforms.join('、')}），节选如下：`);
  for (const p of posts.slice(0, MAX_POSTS)) {
    const text = p.text.replace(/\s+/g, ' ').trim();
    const cut = [...text].length > MAX_POST_CHARS ? `${[...text].slice(0, MAX_POST_CHARS).join('')}…` : text;
    lines.push(`- ${platformName(p.platform)} ${p.published_at ?? p.first_seen_at}：${cut}`);
  }
  if (posts.length > MAX_POSTS) lines.push(`（另有 ${posts.length - MAX_POSTS} 条，见来源帖子）`);
  lines.push('请核实现场情况并按时限处置反馈。');
  return lines.join('\n');
}
