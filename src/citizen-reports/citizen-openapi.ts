import { errorResponses, jsonResponse } from '../web/openapi/helpers.js';

const tags = ['citizen reports'];
const ref = 'SZ-20261207-7KQ4M2XD';
const tooMany = { description: '提交或查询太频繁；Retry-After 给出几秒后可重试，message 说明何时（北京时间）', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' }, example: { error: { message: '提交太频繁：同一网络地址每小时最多提交 5 次。请在 12-07 18:30（北京时间）之后再试；紧急情况请拨打 12345 热线。' } } } } };
const tooLarge = { description: '内容超过上限（照片和文字合计）', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' }, example: { error: { message: '提交的内容太大：最多 24.1 MB（照片和文字合计），请减少或压缩照片后再提交' } } } } };
const statusExample = {
  ref, status: 'dispatched', status_label: '已派单', submitted_at: '2026-12-07T02:10:00.000Z', updated_at: '2026-12-07T03:45:00.000Z',
  steps: [{ status: 'received', label: '已受理', reached: true }, { status: 'verifying', label: '核实中', reached: true }, { status: 'dispatched', label: '已派单', reached: true }, { status: 'resolved', label: '已办结', reached: false }],
};
const reportExample = {
  post_id: 5120, ref, submitted_at: '2026-12-07T02:10:00.000Z', status: 'verifying', status_label: '核实中',
  place: { text: '华强北街道（福田区） · 街道', picked: true, kind: 'street', district: '福田区', street: '华强北街道', place: null },
  contact: '13800138000',
  photos: [{ url: '/api/citizen-photos/3f9a0c2e5b7d41a8c6e0f1b2a3d4c5e6.jpg', width: 2048, height: 1536, bytes: 412_345, gps: { lat: 22.54712, lon: 114.08531, district: '福田区', note: '照片 GPS（22.54712, 114.08531）位于福田区境内' } }],
};

export const citizenOpenapi: Record<string, unknown> = {
  '/api/public/reports/form': {
    get: {
      tags, summary: '随手拍表单：一次性表单令牌（提交时放在 form_token 字段，12 小时内有效，用一次）和各项上限；无需登录', security: [],
      responses: { '200': jsonResponse('form token and limits', undefined, { form_token: 'b3Jt4Q2lV9x0c1Zr8pYkS7nW5aTq6eHf', limits: { text_min: 10, text_max: 1000, place_max: 100, contact_max: 100, photos_max: 3, photo_max_bytes: 8_000_000, photo_types: ['image/jpeg', 'image/png', 'image/webp'] } }), '429': tooMany },
    },
  },
  '/api/public/reports': {
    post: {
      tags, security: [],
      summary: '市民随手拍：提交一条反映（无需账号）。按地址每小时、每 24 小时和全市每天限量；照片按内容识别（JPEG、PNG、WebP），重新编码（去掉 EXIF 等一切附加内容，先读取 GPS 作为地点提示），SVG、网页、脚本、夹带脚本的图片、扩展名与内容不符、HEIC 一律拒收',
      description: '以 multipart/form-data 提交（浏览器表单）：text 问题描述（必填）；place_id（从 /api/public/places 选中的地点）或 place_text（自己输入的地点）；contact 手机号、座机或电子邮箱（选填，只有工作人员可见）；form_token；photos 照片文件 0–3 个。返回受理编号，凭编号在 /report/status 查询进度。',
      requestBody: {
        required: true,
        content: {
          'multipart/form-data': {
            schema: {
              type: 'object', required: ['text', 'form_token'], additionalProperties: false,
              properties: {
                text: { type: 'string', minLength: 10, maxLength: 1000 }, place_id: { type: 'string' }, place_text: { type: 'string', maxLength: 100 },
                contact: { type: 'string', maxLength: 100 }, form_token: { type: 'string' }, photos: { type: 'array', maxItems: 3, items: { type: 'string', format: 'binary' } },
              },
            },
            example: { text: '华强北路口垃圾堆了三天没人清理，臭气熏天，晚上还有老鼠', place_id: 'street:福田区:华强北街道', contact: '13800138000', form_token: 'b3Jt4Q2lV9x0c1Zr8pYkS7nW5aTq6eHf' },
          },
        },
      },
      responses: {
        '201': jsonResponse('the reference number', undefined, { ref, status: 'received', status_label: '已受理', submitted_at: '2026-12-07T02:10:00.000Z', photos: 1, status_url: `/report/status?ref=${ref}` }),
        ...errorResponses(400, 403), '413': tooLarge, '429': tooMany,
      },
    },
  },
  '/api/public/reports/{ref}': {
    get: {
      tags, security: [], summary: '凭受理编号查询进度：只有状态（已受理、核实中、已派单、已办结、未予受理）和时间，不含反映内容、联系方式或核实意见；无需登录',
      parameters: [{ name: 'ref', in: 'path', required: true, description: '受理编号（字母不分大小写）', schema: { type: 'string' }, example: ref }],
      responses: { '200': jsonResponse('status', undefined, statusExample), ...errorResponses(404), '429': tooMany },
    },
  },
  '/api/public/places': {
    get: {
      tags, security: [], summary: '地点提示：地名库中名称或别名包含所输文字的地点、社区、街道和区（最多 10 个）；无需登录，按地址限频',
      parameters: [{ name: 'q', in: 'query', required: true, description: '输入的地名（1–40 字）', schema: { type: 'string', maxLength: 40 }, example: '华强北' }],
      responses: { '200': jsonResponse('places', undefined, { items: [{ id: 'street:福田区:华强北街道', label: '华强北街道（福田区） · 街道', district: '福田区', street: '华强北街道' }] }), ...errorResponses(400), '429': tooMany },
    },
  },
  '/api/leads/{id}/citizen-reports': {
    get: {
      tags, summary: '线索中的市民随手拍：受理编号、市民所选或所填地点、联系方式（仅工作人员可见）、照片及其 GPS 地点提示',
      parameters: [{ name: 'id', in: 'path', required: true, description: '线索编号', schema: { type: 'integer' }, example: 1042 }],
      responses: { '200': jsonResponse('reports', undefined, { reports: [reportExample] }), ...errorResponses(400, 401) },
    },
  },
  '/api/citizen-photos/{file}': {
    get: {
      tags, summary: '随手拍照片（工作人员）：重新编码后的 JPEG，Content-Type: image/jpeg、X-Content-Type-Options: nosniff、Content-Disposition: inline、CSP sandbox；只在线索页以 <img> 显示',
      parameters: [{ name: 'file', in: 'path', required: true, description: '照片文件名（32 位随机十六进制 + .jpg）', schema: { type: 'string' }, example: '3f9a0c2e5b7d41a8c6e0f1b2a3d4c5e6.jpg' }],
      responses: { '200': { description: 'the photo', content: { 'image/jpeg': { schema: { type: 'string', format: 'binary' } } } }, ...errorResponses(401, 404) },
    },
  },
};
