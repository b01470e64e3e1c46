import { csvDocument, localTime } from '../downstream/exports.js';
import type { ListRowView } from './supervision-view.js';

const COLUMNS: [string, (r: ListRowView) => unknown][] = [
  ['工单编号', (r) => r.number],
  ['状态', (r) => r.status_label],
  ['分类', (r) => r.category_label],
  ['事项', (r) => r.sub_item_label],
  ['责任单位', (r) => r.department],
  ['紧急程度', (r) => (r.urgency === 'urgent' ? '紧急' : '一般')],
  ['区', (r) => r.location.district],
  ['街道', (r) => r.location.street],
  ['地点', (r) => r.location.place],
  ['立单时间', (r) => localTime(r.created_at)],
  ['当前环节时限', (r) => localTime(r.current_step_due)],
  ['是否超时', (r) => (r.overdue ? '是' : '否')],
  ['办结时间', (r) => localTime(r.resolved_at)],
  ['退回次数', (r) => r.returns],
  ['办结后重复投诉', (r) => r.recurrence?.count],
  ['最近重复投诉时间', (r) => localTime(r.recurrence?.last_at ?? null)],
  ['市民不满意说明', (r) => r.feedback?.note],
  ['督办', (r) => (r.supervision ? (r.supervision.open ? '督办中' : '督办已结束') : '')],
];

/** A list as CSV for Excel: UTF-8 with a BOM, CRLF, formula-neutralised cells (the exports' csvCell). */
export function listCsv(rows: readonly ListRowView[]): string {
  return csvDocument(COLUMNS, rows);
}
