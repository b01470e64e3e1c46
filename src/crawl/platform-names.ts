import path from 'node:path';
import { loadDefinitions } from './loader.js';

/** crawlers/demo/: demo-only platform files (demo: true), never read by the production scheduler. */
export const DEMO_CRAWLERS = path.resolve(import.meta.dirname, '../../crawlers/demo');

/** Keys that have no crawler file: hand-entered leads, and platform keys of imported or older posts. */
const WITHOUT_FILE: Record<string, string> = {
  manual: '人工录入', weibo: '微博', douyin: '抖音', xiaohongshu: '小红书', zhihu: '知乎', bilibili: '哔哩哔哩', tieba: '百度贴吧',
  kuaishou: '快手', toutiao: '今日头条', wechat: '微信', weixin: '微信',
};

/**
 * Platform key (posts.platform) → the name people read: the crawler file's displayName (production
 * and demo files), else a known key's name, else the key. Read per call: files change at runtime.
 */
export function platformNames(crawlersDir: string): (platform: string) => string {
  const names = new Map(Object.entries(WITHOUT_FILE));
  for (const dir of [DEMO_CRAWLERS, path.resolve(crawlersDir)]) {
    for (const d of loadDefinitions(dir).definitions) if (d.displayName) names.set(d.name, d.displayName);
  }
  return (platform) => names.get(platform) ?? platform;
}
