import cron, { type ScheduledTask } from 'node-cron';
import type { AppContext, Service } from '../context.js';
import { ConfigError } from '../errors.js';
import { lastFullWeek } from './period.js';
import { generateWeeklyReport } from './weekly-report.js';

/** 每周一议 on a schedule: last week's (Monday–Sunday, Beijing) report, whole city, on WEEKLY_REPORT_CRON in Beijing time. */
export function createWeeklyReportService(ctx: AppContext): Service {
  let task: ScheduledTask | undefined;
  return {
    name: 'weekly-report',
    async start() {
      if (!ctx.config.weeklyReport) return;
      if (!cron.validate(ctx.config.weeklyReportCron)) {
        throw new ConfigError(`expected a cron expression such as "0 8 * * 1" (Mondays 08:00), received "${ctx.config.weeklyReportCron}"`, undefined, 'weeklyReportCron');
      }
      task = cron.schedule(ctx.config.weeklyReportCron, async () => {
        try {
          const report = await generateWeeklyReport(ctx, { ...lastFullWeek(new Date()), district: null }, 'schedule');
          ctx.log.info({ report: report.id, from: report.period.from, to: report.period.to }, 'weekly report generated');
        } catch (err) {
          ctx.log.error({ err }, 'weekly report failed');
        }
      }, { name: 'weekly-report', timezone: 'Asia/Shanghai', noOverlap: true });
    },
    async stop() {
      await task?.stop();
      task = undefined;
    },
  };
}
