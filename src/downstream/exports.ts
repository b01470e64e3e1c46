import { CATEGORIES, type Category } from '../domain/categories.js';
import { LEAD_STATUS_LABELS, REJECT_REASONS, type LeadStatus, type RejectReason } from '../domain/lead-status.js';
import { WORK_ORDER_STATUS_LABELS } from '../domain/work-order-status.js';
import { domainsOfLead } from '../public-interest/domain-names.js';
import type { Db } from '../storage/database.js';
import { firstPostUrl, iterateLeadsForExport, type LeadExportRow } from '../storage/lead-exports.js';
import { iterateWorkOrders, type WorkOrderRow } from '../storage/work-orders.js';
import { subItemCatalogue } from '../workorders/sub-item-catalogue.js';
import { districtCoordinates } from './district-coordinates.js';

export type ExportKind = 'work-orders' | 'leads';
export type ExportFormat = 'csv' | 'geojson';

/**
 * A CSV cell: quoted when needed, and a text starting with = + - @ tab or CR gets a leading
 * apostrophe so spreadsheet programs never run crawled text as a formula (CSV injection).
 */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  let s = String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** Rows as CSV for Excel: UTF-8 with a BOM, CRLF, a header line, formula-neutralised cells. */
export function csvDocument<R>(columns: readonly (readonly [header: string, value: (r: R) => unknown])[], rows: readonly R[]): string {
  const line = (cells: unknown[]) => `${cells.map(csvCell).join(',')}\r\n`;
  return `\uFEFF${line(columns.map(([h]) => h))}${rows.map((r) => line(columns.map(([, f]) => f(r)))).join('')}`;
}

/** Beijing time as Excel shows it: "2026-11-21 08:44:10". */
export function localTime(iso: string | null): string | null {
  return iso ? new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ') : null;
}

interface Column<R> {
  header: string;
  /** Property name in GeoJSON (GIS tools prefer ASCII names). */
  key: string;
  value: (r: R) => unknown;
}

function columns(db: Db, rulesDir: string, now: string) {
  const items = subItemCatalogue(rulesDir);
  const cat = (c: string) => CATEGORIES[c as Category] ?? c;
  const sub = (s: string | null) => (s ? (items.get(s)?.name ?? s) : null);
  const urgency = (u: string) => (u === 'urgent' ? '紧急' : '一般');
  const domains = (leadId: number) => domainsOfLead(db, rulesDir, leadId).map((d) => d.name).join('、') || null;
  const workOrders: Column<WorkOrderRow>[] = [
    { header: '工单编号', key: 'number', value: (o) => o.number },
    { header: '状态', key: 'status', value: (o) => WORK_ORDER_STATUS_LABELS[o.status] },
    { header: '分类', key: 'category', value: (o) => cat(o.category) },
    { header: '事项', key: 'sub_item', value: (o) => sub(o.sub_item) },
    { header: '责任单位', key: 'department', value: (o) => o.department },
    { header: '紧急程度', key: 'urgency', value: (o) => urgency(o.urgency) },
    { header: '区', key: 'district', value: (o) => o.district },
    { header: '街道', key: 'street', value: (o) => o.street },
    { header: '地点', key: 'place', value: (o) => o.place },
    { header: '描述', key: 'description', value: (o) => o.description },
    { header: '发现时间（北京时间）', key: 'discovered_at', value: (o) => localTime(o.discovered_at) },
    { header: '派发时限', key: 'dispatch_deadline', value: (o) => localTime(o.dispatch_deadline) },
    { header: '派发时间', key: 'dispatched_at', value: (o) => localTime(o.dispatched_at) },
    { header: '当前环节时限', key: 'current_step_due', value: (o) => localTime(o.due_at) },
    { header: '是否超时', key: 'overdue', value: (o) => (o.due_at !== null && o.due_at < now ? '是' : '否') },
    { header: '办结时间', key: 'resolved_at', value: (o) => localTime(o.resolved_at) },
    { header: '创建时间', key: 'created_at', value: (o) => localTime(o.created_at) },
    { header: '更新时间', key: 'updated_at', value: (o) => localTime(o.updated_at) },
    { header: '来源链接', key: 'source_url', value: (o) => firstPostUrl(db, o.lead_id) },
    { header: '公益诉讼领域', key: 'public_interest_domains', value: (o) => domains(o.lead_id) },
  ];
  const leads: Column<LeadExportRow>[] = [
    { header: '线索ID', key: 'lead_id', value: (l) => l.id },
    { header: '状态', key: 'status', value: (l) => LEAD_STATUS_LABELS[l.status as LeadStatus] ?? l.status },
    { header: '分类', key: 'category', value: (l) => cat(l.category) },
    { header: '事项', key: 'sub_item', value: (l) => sub(l.sub_item) },
    { header: '紧急程度', key: 'urgency', value: (l) => urgency(l.urgency) },
    { header: '区', key: 'district', value: (l) => l.district },
    { header: '街道', key: 'street', value: (l) => l.street },
    { header: '地点', key: 'place', value: (l) => l.place },
    { header: '评分', key: 'score', value: (l) => Math.round(l.score * 1000) / 1000 },
    { header: '热度', key: 'heat', value: (l) => Math.round(l.heat * 100) / 100 },
    { header: '帖子数', key: 'post_count', value: (l) => l.post_count },
    { header: '摘要', key: 'summary', value: (l) => l.summary },
    { header: '发现时间（北京时间）', key: 'discovered_at', value: (l) => localTime(l.discovered_at) },
    { header: '最新帖子时间', key: 'last_post_at', value: (l) => localTime(l.last_post_at) },
    { header: '驳回原因', key: 'reject_reason', value: (l) => (l.reject_reason ? (REJECT_REASONS[l.reject_reason as RejectReason] ?? l.reject_reason) : null) },
    { header: '工单编号', key: 'work_order', value: (l) => l.work_order },
    { header: '来源链接', key: 'source_url', value: (l) => l.first_url },
    { header: '公益诉讼领域', key: 'public_interest_domains', value: (l) => domains(l.id) },
  ];
  return { workOrders, leads };
}

function feature(coords: { lat: number; lon: number }, properties: Record<string, unknown>) {
  return { type: 'Feature', geometry: { type: 'Point', coordinates: [coords.lon, coords.lat] }, properties: { ...properties, location_precision: 'district' } };
}

/**
 * Streams an export through `write` (chunks of about 64 KB). CSV: UTF-8 with a BOM and CRLF so
 * Excel opens Chinese text correctly. GeoJSON: only items whose coordinates are known (for now
 * the district centres of a curated table; precision "district").
 */
export function writeExport(
  db: Db,
  opts: { kind: ExportKind; format: ExportFormat; from: string; to: string; rulesDir: string },
  write: (chunk: string) => void,
): number {
  const now = new Date().toISOString();
  const cols = columns(db, opts.rulesDir, now);
  let buffer = '';
  let count = 0;
  const push = (s: string) => {
    buffer += s;
    if (buffer.length > 65_536) {
      write(buffer);
      buffer = '';
    }
  };
  const rows: Iterable<WorkOrderRow | LeadExportRow> = opts.kind === 'work-orders' ? iterateWorkOrders(db, opts.from, opts.to) : iterateLeadsForExport(db, opts.from, opts.to);
  const columnList = (opts.kind === 'work-orders' ? cols.workOrders : cols.leads) as Column<WorkOrderRow | LeadExportRow>[];
  if (opts.format === 'csv') {
    push(`\uFEFF${columnList.map((c) => csvCell(c.header)).join(',')}\r\n`);
    for (const r of rows) {
      push(`${columnList.map((c) => csvCell(c.value(r))).join(',')}\r\n`);
      count++;
    }
  } else {
    push('{"type":"FeatureCollection","features":[');
    for (const r of rows) {
      const coords = districtCoordinates(r.district);
      if (!coords) continue;
      const props = Object.fromEntries(columnList.map((c) => [c.key, c.value(r)]));
      push(`${count ? ',' : ''}\n${JSON.stringify(feature(coords, props))}`);
      count++;
    }
    push('\n]}\n');
  }
  if (buffer) write(buffer);
  return count;
}
