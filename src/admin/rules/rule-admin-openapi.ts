import { errorResponses, jsonBody, jsonResponse } from '../../web/openapi/helpers.js';
import { emptyBody, ruleActivateBody, ruleTextBody, ruleTrialBody } from './rule-admin-bodies.js';
import { ruleJsonSchema } from './rule-files.js';

const YAML_EXAMPLE = `category: noise
name: 噪声扰民
priority: 3
sub_items:
  - item: construction_noise
    name: 施工噪声
    rules:
      - id: night_piling
        weight: 1
        all: [夜间|半夜|凌晨, 打桩|施工|电钻]
`;
const key = { name: 'key', in: 'path', required: true, schema: { type: 'string', pattern: '^[a-z][a-z0-9_]{0,62}$' }, example: 'noise' };
const version = { id: 7, file: 'packs/noise.yaml', version: 3, yaml: YAML_EXAMPLE, action: 'activate', actor: 'user:2', actor_name: 'admin1', created_at: '2026-12-07T02:10:00.000Z' };
const issue = { field: 'sub_items[0].rules[0].weight', message: 'expected a number, received a string ("高")', line: 10, from: 196, to: 199 };
const refused = {
  description: '规则文件有误，未启用（正在运行的规则不变）：issues 逐字段说明期望什么、收到了什么，以及在文本中的行与位置',
  content: { 'application/json': { schema: { type: 'object' }, example: { error: { message: `规则文件有 1 处问题，未启用：字段 ${issue.field}：${issue.message}`, field: issue.field }, issues: [issue] } } },
};
const summary = (p: number, r: number) => ({ precision: p, recall: r, f1: Math.round((2 * p * r / (p + r)) * 10000) / 10000, category: 0.9, district: 0.8, urgentRecall: 0.7, leads: 60, falseLeads: 4 });
const post = { id: 'dev-017', title: null, text: '楼下工地半夜还在打桩，吵得睡不着' };

/** OpenAPI entries of rule-admin-routes.ts. */
export const ruleAdminOpenapi: Record<string, unknown> = {
  '/api/admin/rules': {
    get: {
      tags: ['rules'],
      summary: '规则文件列表：各类别的规则包与排除、信号、紧急程度文件，含名称、规则数、最近修改时间与修改人',
      responses: { '200': jsonResponse('规则文件', undefined, { files: [{ key: 'noise', file: 'packs/noise.yaml', name: '噪声扰民', rules: 14, changedAt: '2026-12-07T02:10:00.000Z', changedBy: 'admin1', version: 3 }] }), ...errorResponses(401, 403) },
    },
  },
  '/api/admin/rules/{key}': {
    get: {
      tags: ['rules'],
      summary: '一个规则文件：当前内容及其指纹、字段说明（JSON Schema）、全部版本（含谁、何时）',
      parameters: [key],
      responses: { '200': jsonResponse('规则文件详情', undefined, { key: 'noise', file: 'packs/noise.yaml', yaml: YAML_EXAMPLE, sha: '3f9a1c0b7d2e4a55', name: '噪声扰民', rules: 1, schema: ruleJsonSchema('packs/noise.yaml'), versions: [version] }), ...errorResponses(400, 401, 403, 404) },
    },
  },
  '/api/admin/rules/{key}/validate': {
    post: {
      tags: ['rules'],
      summary: '检查编辑中的规则文件（不启用）：逐字段的问题，带行号与位置',
      parameters: [key],
      requestBody: jsonBody(ruleTextBody, { yaml: YAML_EXAMPLE }),
      responses: { '200': jsonResponse('valid 为 true 时通过格式检查；否则 issues 列出每个问题', undefined, { valid: false, issues: [issue] }), ...errorResponses(400, 401, 403, 404) },
    },
  },
  '/api/admin/rules/{key}/test': {
    post: {
      tags: ['rules'],
      summary: '测试此修改（不启用）：在另一线程中用现行规则与修改后的规则分别判断每个标注集和最近 posts 条帖子，返回每个集合仅规则的精确率、召回率、F1（前 → 后）以及新判对、新判错的帖子',
      parameters: [key],
      requestBody: jsonBody(ruleTrialBody, { yaml: YAML_EXAMPLE, posts: 2000 }),
      responses: {
        '200': jsonResponse('测试结果；stored 集合中 gained 为新判为线索的帖子，lost 为不再判为线索的帖子', undefined, {
          ok: true, durationMs: 8123,
          sets: [
            { set: 'dev', kind: 'labelled', posts: 150, before: summary(0.9, 0.8), after: summary(0.9, 0.82), gainedCount: 1, lostCount: 0, gained: [post], lost: [] },
            { set: 'stored', kind: 'stored', posts: 2000, before: { leads: 311 }, after: { leads: 312 }, gainedCount: 1, lostCount: 0, gained: [{ ...post, id: '48211' }], lost: [] },
          ],
        }),
        '400': refused, ...errorResponses(401, 403, 404, 409),
      },
    },
  },
  '/api/admin/rules/{key}/activate': {
    post: {
      tags: ['rules'],
      summary: '启用修改：整套规则能加载才写入（原子写入），记为新版本（谁、何时、内容）并记入审计日志；运行中的规则在下一批帖子时换用；baseSha 为打开时内容的指纹（文件已被他人修改则 409）',
      parameters: [key],
      requestBody: jsonBody(ruleActivateBody, { yaml: YAML_EXAMPLE, baseSha: '3f9a1c0b7d2e4a55' }),
      responses: { '200': jsonResponse('已启用为新版本', undefined, { key: 'noise', version }), '400': refused, ...errorResponses(401, 403, 404, 409) },
    },
  },
  '/api/admin/rules/{key}/versions/{version}/rollback': {
    post: {
      tags: ['rules'],
      summary: '回滚到某个版本：该版本的内容写回文件并记为新版本（有误则拒绝）',
      parameters: [key, { name: 'version', in: 'path', required: true, schema: { type: 'integer', minimum: 1 }, example: 2 }],
      requestBody: jsonBody(emptyBody, {}),
      responses: { '200': jsonResponse('已回滚为新版本', undefined, { key: 'noise', version: { ...version, version: 4, action: 'rollback' } }), '400': refused, ...errorResponses(401, 403, 404, 409) },
    },
  },
};
