import { statSync } from 'node:fs';
import path from 'node:path';
import { definitionFiles, loadDefinitions } from './loader.js';

/** crawlers/demo/: demo-only platform files (demo: true), never read by the production scheduler. */
export const DEMO_CRAWLERS = path.resolve(import.meta.dirname, '../../crawlers/demo');

/** Keys that have no crawler file: hand-entered leads, residents' own reports (src/citizen-reports/), and platform keys of imported or older posts. */
const WITHOUT_FILE: Record<string, string> = {
  manual: '人工录入', citizen: '市民随手拍', weibo: '微博', douyin: '抖音', xiaohongshu: '小红书', zhihu: '知乎', bilibili: '哔哩哔哩', tieba: '百度贴吧',
  kuaishou: '快手', toutiao: '今日头条', wechat: '微信', weixin: '微信',
};

/** The names of the last directory read, with the files' names, sizes and mtimes they were read from. */
let cache: { crawlersDir: string; stamp: string; names: Map<string, string> } | undefined;

/** Which files the directories hold and when each last changed: a save, an added or a removed file changes it. */
function filesStamp(dirs: string[]): string {
  return dirs.flatMap((dir) => definitionFiles(dir).map((f) => {
    try {
      const s = statSync(f);
      return `${f}:${s.ino}:${s.size}:${s.mtimeMs}`;
    } catch {
      return `${f}:gone`;
    }
  })).join('|');
}

/**
 * Platform key (posts.platform) → the name people read: the crawler file's displayName (production
 * and demo files), else a known key's name, else the key. Files change at runtime (the 采集平台
 * console saves them), so each call checks the files' mtimes and reads them again only when one
 * changed: parsing every file costs ~90 ms, and the analytics pages ask on every request.
 */
export function platformNames(crawlersDir: string): (platform: string) => string {
  const dirs = [DEMO_CRAWLERS, path.resolve(crawlersDir)];
  const stamp = filesStamp(dirs);
  let names = cache && cache.crawlersDir === dirs[1] && cache.stamp === stamp ? cache.names : undefined;
  if (!names) {
    names = new Map(Object.entries(WITHOUT_FILE));
    for (const dir of dirs) for (const d of loadDefinitions(dir).definitions) if (d.displayName) names.set(d.name, d.displayName);
    cache = { crawlersDir: dirs[1]!, stamp, names };
  }
  const read = names;
  return (platform) => read.get(platform) ?? platform;
}
