import { definitionJsonSchema } from '../definition-issues.js';
import { errorResponses, jsonBody, jsonResponse } from '../../web/openapi/helpers.js';
import { emptyBody, platformEditBody, platformTextBody } from './platform-admin-bodies.js';

const YAML_EXAMPLE = `displayName: 本地论坛
engine: cheerio
startUrls: ["https://bbs.example.cn/forum.php?page={page}"]
pagination: { type: page, maxPages: 2 }
extract:
  type: html
  items: ".post"
  fields: { id: { selector: "", attr: data-id }, text: ".content" }
schedule: { cron: "*/10 * * * *" }
`;
const platform = { name: 'platform', in: 'path', required: true, schema: { type: 'string', pattern: '^[a-z0-9][a-z0-9_-]{0,62}$' }, example: 'city-forum' };
const version = { id: 14, platform: 'city-forum', version: 3, file: 'city-forum.yaml', yaml: YAML_EXAMPLE, action: 'edit', actor: 'user:2', actor_name: 'admin1', created_at: '2026-12-07T02:10:00.000Z' };
const written = { platform: 'city-forum', version };
const issue = { field: 'extract.fields.id', message: 'unknown key "selecter" (did you mean "selector"?); expected one of: path, selector, attr, html, exclude, regex, compute, template, value', line: 8, from: 118, to: 126 };
const refused = {
  description: '平台文件有误，未保存（正在运行的版本不变）：issues 逐字段说明期望什么、收到了什么，以及在文本中的行与位置',
  content: { 'application/json': { schema: { type: 'object' }, example: { error: { message: `平台文件有 1 处问题，未保存：字段 ${issue.field}：${issue.message}`, field: issue.field }, issues: [issue] } } },
};
const writeResponse = (summary: string, status = '200') => ({ [status]: jsonResponse(summary, undefined, written) });
const run = { id: 812, platform: 'city-forum', trigger: 'admin', status: 'ok', started_at: '2026-12-07T02:12:00.000Z', ended_at: '2026-12-07T02:12:04.000Z', pages: 2, new_posts: 17, seen_posts: 3, errors: 0, error_summary: null, pid: 4121, heartbeat_at: '2026-12-07T02:12:04.000Z', warnings: [{ kind: 'field-empty', field: 'extract.fields.publishedAt', message: 'extract.fields.publishedAt is empty on 17 of 17 posts' }] };
const status = {
  platform: 'city-forum', displayName: '本地论坛', engine: 'cheerio', cron: '*/10 * * * *', demo: false, state: 'ok', valid: true, error: null,
  health: { platform: 'city-forum', state: 'ok', definition_file: '/srv/civic-radar/crawlers/city-forum.yaml', last_run_at: '2026-12-07T02:12:04.000Z', last_success_at: '2026-12-07T02:12:04.000Z', consecutive_failures: 0, next_attempt_at: null, last_error: null, updated_at: '2026-12-07T02:12:04.000Z' },
  lastRunAt: '2026-12-07T02:12:04.000Z', nextRunAt: '2026-12-07T02:20:00.000Z', activity: { postsToday: 17, postsWeek: 120, leadsToday: 2, leadsWeek: 9 },
  runs: [run], file: '/srv/civic-radar/crawlers/city-forum.yaml',
};

/** OpenAPI entries of platform-admin-routes.ts. */
export const platformAdminOpenapi: Record<string, unknown> = {
  '/api/admin/platform-schema': {
    get: {
      tags: ['crawlers'],
      summary: '采集平台文件格式的 JSON Schema（编辑器的字段提示与补全）',
      responses: { '200': jsonResponse('JSON Schema', undefined, definitionJsonSchema), ...errorResponses(401, 403) },
    },
  },
  '/api/admin/platforms/validate': {
    post: {
      tags: ['crawlers'],
      summary: '检查编辑中的平台文件（不保存）：逐字段的问题，带行号与位置',
      requestBody: jsonBody(platformTextBody, { platform: 'city-forum', yaml: YAML_EXAMPLE }),
      responses: { '200': jsonResponse('valid 为 true 时可保存；否则 issues 列出每个问题', undefined, { valid: false, issues: [issue] }), ...errorResponses(400, 401, 403) },
    },
  },
  '/api/admin/platforms/dry-run': {
    post: {
      tags: ['crawlers'],
      summary: '试运行编辑中的平台文件：抓取第一页，返回得到的帖子、错误与警告，不保存任何内容',
      requestBody: jsonBody(platformTextBody, { platform: 'city-forum', yaml: YAML_EXAMPLE }),
      responses: {
        '200': jsonResponse('试运行结果', undefined, {
          status: 'ok', totals: { pages: 1, newPosts: 2, seenPosts: 0, errors: 0, items: 2, skippedByRobots: 0 }, errors: [],
          warnings: [{ kind: 'past-cutoff', field: 'cutoff.maxAgeHours', message: '25 item(s) found, all published before the cut-off (72 h); set cutoff.maxAgeHours to take them' }], durationMs: 840,
          posts: [{ id: '1001', title: '南山大道路灯不亮', text: '南山大道和桂庙路交叉口的路灯已经一周不亮了', url: 'https://bbs.example.cn/thread-1001-1-1.html', author: '老街坊', publishedAt: '2026-12-07T01:30:00.000Z', ipLocation: '广东', likes: 3, comments: 1, shares: null, views: 120 }],
        }),
        '400': refused, ...errorResponses(401, 403),
      },
    },
  },
  '/api/admin/platforms': {
    post: {
      tags: ['crawlers'],
      summary: '新建采集平台：写入 <platform>.yaml（原子写入），记为版本 1 并记入审计日志',
      requestBody: jsonBody(platformTextBody, { platform: 'city-forum', yaml: YAML_EXAMPLE }),
      responses: { ...writeResponse('已创建', '201'), '400': refused, ...errorResponses(401, 403, 409) },
    },
  },
  '/api/admin/platforms/{platform}': {
    get: {
      tags: ['crawlers'],
      summary: '一个采集平台：状态与计数、最近运行（含警告与错误）、当前文件内容及其指纹、全部版本（含谁、何时）',
      parameters: [platform],
      responses: { '200': jsonResponse('平台详情', undefined, { platform: 'city-forum', status, source: { file: 'city-forum.yaml', yaml: YAML_EXAMPLE, sha: '3f9a1c0b7d2e4a55', valid: true }, versions: [version] }), ...errorResponses(400, 401, 403, 404) },
    },
    put: {
      tags: ['crawlers'],
      summary: '修改采集平台文件：baseSha 为打开时内容的指纹（文件已被他人修改则 409）；有误则拒绝并逐字段说明，正在运行的版本不变',
      parameters: [platform],
      requestBody: jsonBody(platformEditBody, { yaml: YAML_EXAMPLE, baseSha: '3f9a1c0b7d2e4a55' }),
      responses: { ...writeResponse('已保存为新版本'), '400': refused, ...errorResponses(401, 403, 404, 409) },
    },
    delete: {
      tags: ['crawlers'],
      summary: '删除采集平台文件（已采集的帖子、运行记录与版本保留；可从版本恢复）',
      parameters: [platform],
      responses: { ...writeResponse('已删除；version 为删除前的内容'), ...errorResponses(400, 401, 403, 404) },
    },
  },
  '/api/admin/platforms/{platform}/enable': {
    post: { tags: ['crawlers'], summary: '启用采集平台（在文件中写入 enabled: true，记为新版本）', parameters: [platform], requestBody: jsonBody(emptyBody, {}), responses: { ...writeResponse('已启用'), ...errorResponses(400, 401, 403, 404, 409) } },
  },
  '/api/admin/platforms/{platform}/disable': {
    post: { tags: ['crawlers'], summary: '停用采集平台（在文件中写入 enabled: false，记为新版本；文件保留）', parameters: [platform], requestBody: jsonBody(emptyBody, {}), responses: { ...writeResponse('已停用'), ...errorResponses(400, 401, 403, 404, 409) } },
  },
  '/api/admin/platforms/{platform}/run': {
    post: {
      tags: ['crawlers'],
      summary: '立即运行一次采集平台（与计划运行相同的流程）；运行进度与结果见平台详情中的运行记录',
      parameters: [platform],
      requestBody: jsonBody(emptyBody, {}),
      responses: { '202': jsonResponse('已开始运行', undefined, { platform: 'city-forum', started: true }), ...errorResponses(400, 401, 403, 404, 409) },
    },
  },
  '/api/admin/platforms/{platform}/versions/{version}/restore': {
    post: {
      tags: ['crawlers'],
      summary: '恢复采集平台文件的某个版本（内容写回文件并记为新版本；有误则拒绝）',
      parameters: [platform, { name: 'version', in: 'path', required: true, schema: { type: 'integer', minimum: 1 }, example: 2 }],
      requestBody: jsonBody(emptyBody, {}),
      responses: { ...writeResponse('已恢复为新版本'), '400': refused, ...errorResponses(401, 403, 404, 409) },
    },
  },
};
