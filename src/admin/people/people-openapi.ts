import { z } from 'zod';
import { errorResponses, jsonBody, jsonResponse } from '../../web/openapi/helpers.js';
import { createUserBody, resetPasswordBody, setupCodeView, updateUserBody, userView } from './people-schemas.js';

const tags = ['people'];
const idParam = { name: 'id', in: 'path', required: true, schema: { type: 'integer' }, example: 4 };
const user = { id: 4, name: 'lisi', display_name: '李四', role: 'verifier', disabled: false, created_at: '2026-12-07T01:00:00.000Z', last_login_at: '2026-12-07T02:30:00.000Z', setup_code_expires_at: null };
const code = { code: 'K7QM-4XZP-9HTR', expires_at: '2026-12-10T01:00:00.000Z' };
const e = errorResponses;

export const peopleOpenapi: Record<string, unknown> = {
  '/api/admin/users': {
    get: { tags, summary: '全部用户：角色、是否停用、最近登录、未使用的一次性代码何时过期', responses: { '200': jsonResponse('users', z.object({ items: z.array(userView) }), { items: [user] }), ...e(401, 403) } },
    post: {
      tags, summary: '新建用户；不给密码时返回一次性代码（只显示这一次），本人用它在登录页设置密码',
      description: '给出 password 时按密码规则检查；推荐不给，由本人设置。一次性代码 72 小时内有效，只保存其摘要。',
      requestBody: jsonBody(createUserBody, { name: 'lisi', display_name: '李四', role: 'verifier' }),
      responses: { '201': jsonResponse('created', z.object({ user: userView, setup_code: setupCodeView.nullable() }), { user: { ...user, last_login_at: null, setup_code_expires_at: code.expires_at }, setup_code: code }), ...e(400, 401, 403, 409) },
    },
  },
  '/api/admin/users/{id}': {
    patch: {
      tags, summary: '改角色、停用 / 启用、改显示名；不能停用或降级最后一位启用的管理员',
      description: '停用会结束此人的全部会话；新角色从此人的下一个请求起生效。',
      parameters: [idParam], requestBody: jsonBody(updateUserBody, { role: 'supervisor' }),
      responses: { '200': jsonResponse('updated', userView, { ...user, role: 'supervisor' }), ...e(400, 401, 403, 404, 409) },
    },
  },
  '/api/admin/users/{id}/password-reset': {
    post: {
      tags, summary: '重置密码：旧密码立即失效、会话全部结束，返回只显示一次的一次性代码',
      description: '请求体再写一遍用户名，以免按错编号。此人用代码在登录页设置新密码；记入审计日志。',
      parameters: [idParam], requestBody: jsonBody(resetPasswordBody, { name: 'lisi' }),
      responses: { '201': jsonResponse('code issued', setupCodeView, code), ...e(400, 401, 403, 404) },
    },
  },
};
