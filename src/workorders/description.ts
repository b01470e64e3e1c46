import { CATEGORIES, type Category } from '../domain/categories.js';
import type { SourcePostRow } from '../storage/work-orders.js';
import { beijingTime } from '../text/beijing-time.js';

const MAX_POST_CHARS = 300;
const MAX_POSTS = 3;

/** A first draft for the department, in plain text (staff edit it later); crawled text is kept as text. */
export function draftDescription(
  lead: { category: string; district: string | null; street: string | null; place: string | null; summary: string | null; discovered_at: string },
  subItemName: string | null,
  posts: readonly SourcePostRow[],
  platformName: (platform: string) => string,
): string {
  const category = CATEGORIES[lead.category as Category] ?? lead.category;
  const where = [lead.district, lead.street, lead.place].filter(Boolean).join(' ') || '地点未明（请核实）';
  const lines = [`【${category}${subItemName ? ` / ${subItemName}` : ''}】${where}`];
  if (posts.length === 0 && lead.summary) lines.push(`线索摘要：${lead.summary}`);
  const platforms = [...new Set(posts.map((p) => platformName(p.platform)))];
  if (posts.length) lines.push(`网络反映：共 ${posts.length} 条公开帖子（${platforms.join('、')}），节选如下（发布时间为北京时间）：`);
  for (const p of posts.slice(0, MAX_POSTS)) {
    const text = p.text.replace(/\s+/g, ' ').trim();
    const cut = [...text].length > MAX_POST_CHARS ? `${[...text].slice(0, MAX_POST_CHARS).join('')}…` : text;
    lines.push(`- ${platformName(p.platform)}，${beijingTime(p.published_at ?? p.first_seen_at)} 发布：${cut}`);
  }
  if (posts.length > MAX_POSTS) lines.push(`（另有 ${posts.length - MAX_POSTS} 条，见来源帖子）`);
  lines.push('请核实现场情况并按时限处置反馈。');
  return lines.join('\n');
}
