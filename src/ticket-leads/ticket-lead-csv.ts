import { csvDocument, localTime } from '../downstream/exports.js';
import type { ListItemView } from './ticket-lead-view.js';

const COLUMNS: [string, (r: ListItemView) => unknown][] = [
  ['线索编号', (r) => r.id],
  ['专题', (r) => r.topic.name],
  ['核查状态', (r) => r.status_label],
  ['工单来源', (r) => r.ticket.source],
  ['热线工单号', (r) => r.ticket.ticket_no],
  ['受理时间', (r) => localTime(r.received_at)],
  ['标题', (r) => r.ticket.title],
  ['诉求内容（摘要）', (r) => r.ticket.excerpt],
  ['热线分类', (r) => r.ticket.category_raw],
  ['承办单位', (r) => r.ticket.department],
  ['热线办理状态', (r) => r.ticket.status_raw],
  ['引擎分类', (r) => r.reading.category_label],
  ['事项', (r) => r.reading.sub_item_label],
  ['紧急程度', (r) => (r.reading.urgency === 'urgent' ? '紧急' : r.reading.urgency === 'normal' ? '一般' : '')],
  ['区', (r) => r.reading.location.district],
  ['街道', (r) => r.reading.location.street],
  ['地点', (r) => r.reading.location.place],
  ['命中原因', (r) => r.reasons.join('；')],
  ['不予处理原因', (r) => r.dismiss_reason_label],
  ['移送对象', (r) => r.recipient],
  ['核查说明', (r) => r.note],
  ['核查人', (r) => r.reviewed_by],
  ['核查时间', (r) => localTime(r.reviewed_at)],
];

/** The 热线线索 list as CSV (the exports' csvDocument: BOM, CRLF, formula-neutralised). */
export const ticketLeadsCsv = (rows: readonly ListItemView[]): string => csvDocument(COLUMNS, rows);
