import { csvCell } from '../downstream/exports.js';
import type { RejectRow } from '../storage/ticket-imports.js';
import { FIELD_LABELS } from './map-row.js';
import type { TicketField } from './source-mapping.js';

/** The rejected-rows report as CSV for Excel (UTF-8 with BOM, CRLF, formula-neutralised cells): row, field, expected, received, message. */
export function rejectsCsv(rows: readonly RejectRow[]): string {
  const line = (cells: unknown[]) => `${cells.map(csvCell).join(',')}\r\n`;
  let out = `\uFEFF${line(['行号', '字段', '应为', '实际', '说明'])}`;
  for (const r of rows) out += line([r.row_no, r.field ? `${FIELD_LABELS[r.field as TicketField] ?? r.field}（${r.field}）` : '', r.expected, r.received, r.message]);
  return out;
}
