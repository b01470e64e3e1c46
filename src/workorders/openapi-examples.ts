import { linkedTicketExample } from '../collision/linked-ticket-view.js';

/** Example values shared by the OpenAPI documents of the staff and downstream endpoints. */
export const workOrderExample = {
  number: 'GD20261121-000123',
  status: 'dispatched',
  status_label: '已派发',
  allowed_transitions: ['accepted', 'returned'],
  category: 'municipal',
  category_label: '市政公用',
  sub_item: 'municipal.manhole',
  sub_item_label: '井盖缺失破损',
  department: '宝安区城市管理和综合执法局',
  urgency: 'urgent',
  location: { district: '宝安区', street: '西乡街道', place: '固戍地铁站A出口', coordinates: { lat: 22.5553, lon: 113.883, precision: 'district' } },
  description: '【市政公用 / 井盖缺失破损】宝安区 西乡街道 固戍地铁站A出口\n网络反映：共 2 条公开帖子（微博、抖音）……',
  lead_id: 4182,
  deadlines: {
    discovered_at: '2026-11-21T00:31:00.000Z',
    dispatch: '2026-11-21T01:01:00.000Z',
    dispatched_at: '2026-11-21T00:44:10.000Z',
    current_step_due: '2026-11-21T01:44:10.000Z',
    overdue: false,
    resolved_at: null,
  },
  created_at: '2026-11-21T00:44:10.000Z',
  updated_at: '2026-11-21T00:44:10.000Z',
  version: 2,
  change_seq: 88231,
};

export const sourcePostExample = {
  platform: 'weibo',
  url: 'https://weibo.com/1234567890/PqRsTuVwX',
  author: '西乡街坊',
  title: null,
  text: '固戍地铁站A出口旁边的井盖没了，晚上黑漆漆的，已经有人差点踩空！',
  published_at: '2026-11-21T00:29:00.000Z',
  first_seen_at: '2026-11-21T00:31:00.000Z',
  ip_location: '广东',
};

export const historyExample = [
  { kind: 'status', from_status: null, to_status: 'created', department: '宝安区城市管理和综合执法局', note: '由线索 4182 确认生成', actor: 'user:3', at: '2026-11-21T00:44:10.000Z' },
  { kind: 'status', from_status: 'created', to_status: 'dispatched', department: '宝安区城市管理和综合执法局', note: '按责任清单（分类「市政公用」）派发至 宝安区城市管理和综合执法局', actor: 'user:3', at: '2026-11-21T00:44:10.000Z' },
];

export const fullWorkOrderExample = { ...workOrderExample, source_posts: [sourcePostExample], history: historyExample, linked_tickets: [linkedTicketExample], domains: [{ code: 'work_safety', name: '安全生产' }] };
