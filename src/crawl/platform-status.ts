import path from 'node:path';
import type { AppContext } from '../context.js';
import { allCrawlHealth } from '../storage/crawl-health.js';
import { recentCrawlRuns } from '../storage/crawl-runs.js';
import { loadDefinitions } from './loader.js';

/**
 * Every configured platform with its health and last runs, plus the crawler files that do not
 * load: what `civic-radar platforms` prints and `GET /api/admin/platforms` returns.
 */
export function platformStatus(ctx: Pick<AppContext, 'config' | 'db'>, runs: number) {
  const dir = path.resolve(ctx.config.crawlersDir);
  const { definitions, errors } = loadDefinitions(dir);
  const health = new Map(allCrawlHealth(ctx.db).map((h) => [h.platform, h]));
  const platforms = definitions.map((d) => {
    const h = health.get(d.name);
    const state = !d.enabled ? 'disabled' : (h?.state ?? 'ok');
    return { platform: d.name, displayName: d.displayName ?? null, engine: d.engine, cron: d.schedule.cron, demo: d.demo, state, health: h ?? null, runs: recentCrawlRuns(ctx.db, d.name, runs), file: d.file };
  });
  return { dir, platforms, invalidFiles: errors.map((e) => ({ file: e.file, error: e.message })) };
}
