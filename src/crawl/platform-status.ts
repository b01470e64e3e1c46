import path from 'node:path';
import type { AppContext } from '../context.js';
import { allCrawlHealth } from '../storage/crawl-health.js';
import { recentCrawlRuns } from '../storage/crawl-runs.js';
import { platformActivity } from '../storage/platform-activity.js';
import { beijingDay, dayStart, weekOf } from '../analytics/period.js';
import { loadDefinitions } from './loader.js';
import { nextCronRun } from './next-run.js';

/**
 * Every configured platform with its health and last runs, plus the crawler files that do not
 * load: what `civic-radar platforms` prints and `GET /api/admin/platforms` returns. A file that
 * does not load stays in the list as its platform (valid: false) with its error per field; while
 * the scheduler runs its last good version, the health says so and the state stays that run's.
 */
export function platformStatus(ctx: Pick<AppContext, 'config' | 'db'>, runs: number, now: Date = new Date()) {
  const dir = path.resolve(ctx.config.crawlersDir);
  const { definitions, errors, invalid } = loadDefinitions(dir);
  const health = new Map(allCrawlHealth(ctx.db).map((h) => [h.platform, h]));
  const today = beijingDay(now.getTime());
  const week = weekOf(today);
  const activity = platformActivity(ctx.db, { today, week, todayStart: dayStart(today), weekStart: dayStart(week) });
  const counts = (platform: string) => activity.get(platform) ?? { postsToday: 0, postsWeek: 0, leadsToday: 0, leadsWeek: 0 };
  const valid = definitions.map((d) => {
    const h = health.get(d.name);
    const state = !d.enabled ? 'disabled' : (h?.state ?? 'ok');
    // a platform backing off (or behind a wall) skips the cron ticks before its next attempt
    const next = d.enabled ? nextCronRun(d.schedule.cron, h?.next_attempt_at ? new Date(Math.max(now.getTime(), Date.parse(h.next_attempt_at))) : now) : null;
    return { platform: d.name, displayName: d.displayName ?? null, engine: d.engine, cron: d.schedule.cron, demo: d.demo, state, valid: true, error: null, health: h ?? null, lastRunAt: h?.last_run_at ?? null, nextRunAt: next?.toISOString() ?? null, activity: counts(d.name), runs: recentCrawlRuns(ctx.db, d.name, runs), file: d.file };
  });
  const broken = invalid.map((i) => {
    const h = health.get(i.platform);
    const error = { message: i.error.message, issues: i.error.issues.length > 0 ? i.error.issues : [{ field: i.error.field ?? '', message: i.error.message }] };
    return { platform: i.platform, displayName: i.displayName, engine: null, cron: null, demo: false, state: h?.state ?? 'invalid', valid: false, error, health: h ?? null, lastRunAt: h?.last_run_at ?? null, nextRunAt: null, activity: counts(i.platform), runs: recentCrawlRuns(ctx.db, i.platform, runs), file: i.file };
  });
  const platforms = [...valid, ...broken].sort((a, b) => a.platform.localeCompare(b.platform));
  return { dir, platforms, invalidFiles: errors.map((e) => ({ file: e.file, error: e.message })) };
}
