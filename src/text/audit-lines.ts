import { auditTrail } from '../audit/audit-log.js';
import type { AppContext } from '../context.js';
import { CATEGORIES, type Category } from '../domain/categories.js';
import { LEAD_STATUS_LABELS, REJECT_REASONS, type LeadStatus, type RejectReason } from '../domain/lead-status.js';
import { WORK_ORDER_STATUS_LABELS, type WorkOrderStatus } from '../domain/work-order-status.js';
import { ruleNames } from '../engine/rule-names.js';
import { apiKeyById } from '../storage/api-keys.js';
import type { Db } from '../storage/database.js';
import { userDisplayName } from '../storage/lead-review.js';
import { subItemName } from '../workorders/responsibility.js';
import { beijingTime } from './beijing-time.js';
import { LINK_STATE_LABELS, RELATION_LABELS } from '../collision/linked-ticket-view.js';

type Entity = 'lead' | 'work_order';

/** One audit entry as people read it: who (a name), what (a Chinese verb), and the changed fields in words. */
export interface AuditLine {
  id: number;
  at: string;
  /** The stored actor reference ('user:3', 'key:2', 'system'), for tools. */
  actor: string;
  who: string;
  action: string;
  what: string;
  changes: { field: string; label: string; from: string | null; to: string | null }[];
}

const ACTIONS: Record<string, string> = {
  created: '系统发现', create: '创建', post_added: '归入新帖子', reclassified: '重新分类', edit: '修改', confirm: '确认并生成工单',
  reject: '驳回', merge: '合并到其他线索', absorb: '并入其他线索的帖子', reopen: '重新打开', release_claim: '释放他人的认领',
  reroute: '修改并改派', reassign: '改派',
  'feedback:satisfied': '回报市民评价：满意', 'feedback:unsatisfied': '回报市民评价：不满意', supervise: '列入督办',
  transfer: '移送检察机关', transfer_update: '更新移送结果',
  // watched topics (create, delete) and crawler platform files (create, edit and these)
  delete: '删除', restore: '恢复旧版本', enable: '启用', disable: '停用', run: '立即运行', dry_run: '试运行',
  // rule files (rule_file)
  activate: '启用', rollback: '回滚', test: '测试修改',
  // 12345 hotline tickets linked to a lead (src/collision/)
  ticket_link: '关联 12345 热线工单', ticket_link_confirm: '确认热线工单关联', ticket_link_undo: '撤销热线工单关联',
};

/** The Chinese verb of an audited action. */
export function actionName(action: string): string {
  return ACTIONS[action] ?? '其他操作';
}

/** 'system' → 系统, 'user:3' → the person's display name, 'key:2' → API 密钥「name」. */
export function actorName(db: Db, ref: string, storedName?: string | null): string {
  const [kind, idText] = ref.split(':');
  const id = Number(idText);
  if (kind === 'user') return userDisplayName(db, id) ?? storedName ?? `已删除的用户（${id}）`;
  if (kind === 'key') return `API 密钥「${apiKeyById(db, id)?.name ?? storedName ?? id}」`;
  return '系统';
}

/** The audit trail of a lead or a work order, in words (the UI shows these as text). */
export function auditLines(ctx: AppContext, entity: Entity, entityId: number): AuditLine[] {
  const show = formatter(ctx, entity);
  return auditTrail(ctx.db, entity, entityId).map((a) => {
    const before = (a.before ?? {}) as Record<string, unknown>;
    const after = (a.after ?? {}) as Record<string, unknown>;
    const creating = a.action === 'create' || a.action === 'created';
    const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((k) => k in FIELDS && (!creating || SHOWN_ON_CREATE.has(k)));
    return {
      id: a.id, at: a.at, actor: a.actor, who: actorName(ctx.db, a.actor, a.actor_name), action: a.action,
      what: a.action.startsWith('status:') ? `改为「${show('status', a.action.slice(7))}」` : actionName(a.action),
      changes: fields.map((k) => ({ field: k, label: FIELDS[k]![0], from: k in before ? show(k, before[k]) : null, to: k in after ? show(k, after[k]) : null })),
    };
  });
}

type Kind = 'link_state' | 'relation' | 'text' | 'status' | 'category' | 'sub_item' | 'urgency' | 'reason' | 'rules' | 'lead' | 'user' | 'time' | 'number' | 'count' | 'cluster' | 'yes';

/** Fields worth a line, with their Chinese label; ids, versions, spans and the like are left out. */
const FIELDS: Record<string, [string, Kind]> = {
  status: ['状态', 'status'], category: ['分类', 'category'], sub_item: ['事项', 'sub_item'], subItem: ['事项', 'sub_item'], urgency: ['紧急程度', 'urgency'],
  district: ['区', 'text'], street: ['街道', 'text'], place: ['地点', 'text'], text: ['内容', 'text'], url: ['链接', 'text'],
  heat: ['热度', 'number'], post_count: ['帖子数', 'number'], score: ['得分', 'number'], matched: ['命中规则', 'rules'],
  reject_reason: ['驳回原因', 'reason'], reject_note: ['驳回说明', 'text'], note: ['说明', 'text'],
  merged_into: ['合并到', 'lead'], into: ['合并到', 'lead'], source: ['来自线索', 'lead'], posts_added: ['移入帖子', 'count'], posts_moved: ['移出帖子', 'count'],
  reason: ['归并依据', 'cluster'], from_missed: ['来自可能遗漏', 'yes'], work_order: ['工单', 'text'],
  reviewed_by: ['核实人', 'user'], reviewed_at: ['核实时间', 'time'], last_post_at: ['最新帖子时间', 'time'], claimed_by: ['认领人', 'user'], claim_expires_at: ['认领至', 'time'],
  department: ['责任部门', 'text'], description: ['描述', 'text'], lead_id: ['来源线索', 'lead'], discovered_at: ['发现时间', 'time'],
  recipient: ['移送至', 'text'], outcome: ['移送结果', 'text'],
  ticket_no: ['热线工单', 'text'], link_state: ['关联状态', 'link_state'], relation: ['先后', 'relation'],
  dispatch_deadline: ['派发时限', 'time'], dispatched_at: ['派发时间', 'time'], due_at: ['当前环节时限', 'time'], resolved_at: ['办结时间', 'time'],
};
/** A creation records the whole row; its line names only what a person decides on. */
const SHOWN_ON_CREATE = new Set(['status', 'category', 'sub_item', 'subItem', 'urgency', 'district', 'street', 'place', 'text', 'department', 'score', 'matched', 'from_missed', 'lead_id']);
const CLUSTER: Record<string, string> = { near_duplicate: '转发或重复内容', same_incident: '同一地点的同类问题' };

function formatter(ctx: AppContext, entity: Entity): (field: string, value: unknown) => string {
  const ruleName = ruleNames(ctx.config.rulesDir);
  return (field, value) => {
    if (value === null || value === undefined || value === '') return '空';
    const v = String(value);
    switch (FIELDS[field]?.[1] ?? 'text') {
      case 'status': return (entity === 'lead' ? LEAD_STATUS_LABELS[v as LeadStatus] : WORK_ORDER_STATUS_LABELS[v as WorkOrderStatus]) ?? v;
      case 'category': return CATEGORIES[v as Category] ?? v;
      case 'sub_item': return subItemName(ctx.config.rulesDir, v) ?? v;
      case 'urgency': return v === 'urgent' ? '紧急' : '一般';
      case 'reason': return REJECT_REASONS[v as RejectReason] ?? v;
      case 'rules': return Array.isArray(value) ? [...new Set(value.map((r) => ruleName(String(r))))].join('、') : v;
      case 'lead': return `线索 #${v}`;
      case 'link_state': return LINK_STATE_LABELS[v as keyof typeof LINK_STATE_LABELS] ?? v;
      case 'relation': return RELATION_LABELS[v as keyof typeof RELATION_LABELS] ?? v;
      case 'user': return userDisplayName(ctx.db, Number(value)) ?? `用户 ${v}`;
      case 'time': return beijingTime(v);
      case 'number': return typeof value === 'number' ? String(Math.round(value * 100) / 100) : v;
      case 'count': return Array.isArray(value) ? `${value.length} 条` : v;
      case 'cluster': return CLUSTER[v] ?? v;
      case 'yes': return '是';
      default: return v;
    }
  };
}
