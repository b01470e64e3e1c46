import { Router } from 'express';
import { z } from 'zod';
import { READERS, requireRole } from '../web/auth/guards.js';
import { parseInput } from '../web/http-errors.js';
import { errorResponses, jsonResponse } from '../web/openapi/helpers.js';
import type { RouteModule } from '../web/route-module.js';
import { knownPlatforms } from '../storage/lead-queue.js';
import { platformNames } from './platform-names.js';
import { platformStatus } from './platform-status.js';

const query = z.object({ runs: z.coerce.number().int().min(0).max(50).default(3) }).strict();

const example = {
  dir: '/srv/civic-radar/crawlers',
  platforms: [
    {
      platform: 'weibo-search', displayName: '微博搜索', engine: 'cheerio', cron: '*/10 * * * *', demo: false, state: 'backing_off', valid: true, error: null,
      health: {
        platform: 'weibo-search', state: 'backing_off', definition_file: 'weibo-search.yaml', last_run_at: '2026-11-22T03:40:00.000Z',
        last_success_at: '2026-11-22T03:20:00.000Z', consecutive_failures: 2, next_attempt_at: '2026-11-22T04:40:00.000Z',
        last_error: 'the platform asked to wait until 2026-11-22T04:40:00.000Z (Retry-After); backing off.', updated_at: '2026-11-22T03:40:02.000Z',
      },
      lastRunAt: '2026-11-22T03:40:00.000Z', nextRunAt: '2026-11-22T04:40:00.000Z', activity: { postsToday: 212, postsWeek: 1804, leadsToday: 6, leadsWeek: 41 },
      runs: [{ id: 812, platform: 'weibo-search', trigger: 'schedule', status: 'failed', started_at: '2026-11-22T03:40:00.000Z', ended_at: '2026-11-22T03:40:02.000Z', pages: 0, new_posts: 0, seen_posts: 0, errors: 1, error_summary: 'HTTP 429 from https://m.weibo.cn/api/container/getIndex?… (Retry-After 3600 s)' }],
      file: 'weibo-search.yaml',
    },
  ],
  invalidFiles: [{ file: 'tieba-old.yaml', error: 'tieba-old.yaml: field "extract.items": Required' }],
};

/**
 * Crawler health for admins and monitoring (every platform's state, last error and recent runs, and
 * the files that do not load), and for staff the names people read for the platform keys of posts.
 */
export const platformRoutes: RouteModule = {
  name: 'platforms',
  mount(app, ctx) {
    const router = Router();
    router.get('/api/platforms', requireRole(...READERS), (_req, res) => {
      const name = platformNames(ctx.config.crawlersDir);
      res.json({ platforms: knownPlatforms(ctx.db).map((code) => ({ code, name: name(code) })) });
    });
    router.get('/api/admin/platforms', requireRole('admin'), (req, res) => {
      const q = parseInput(query, req.query, 'query');
      res.json(platformStatus(ctx, q.runs));
    });
    app.use(router);
  },
  openapiPaths: {
    '/api/platforms': {
      get: {
        tags: ['crawlers'],
        summary: '已存帖子的平台标识及显示名称（采集配置的 displayName）',
        responses: { '200': jsonResponse('platforms', undefined, { platforms: [{ code: 'weibo-search', name: '微博实时搜索' }, { code: 'manual', name: '人工录入' }] }), ...errorResponses(401) },
      },
    },
    '/api/admin/platforms': {
      get: {
        tags: ['crawlers'],
        summary: '已配置的平台及其健康状况（ok、failing、backing_off、disabled、invalid）、最近与下次运行、今日与本周的帖子数和线索数、最近错误和最近几次运行；无法加载的采集配置文件',
        parameters: [{ name: 'runs', in: 'query', required: false, schema: { type: 'integer', minimum: 0, maximum: 50, default: 3 }, example: 3 }],
        responses: { '200': jsonResponse('platforms', undefined, example), ...errorResponses(400, 401, 403) },
      },
    },
  },
};
