import { ValidationError } from '../errors.js';
import { FIELD_LABELS } from './map-row.js';
import { columnsOf, REQUIRED_FIELDS, type TicketSource } from './source-mapping.js';

/** A file whose header lacks a required field's every column cannot import a row: say so once, naming the field, its columns and the header. */
export function checkHeader(header: readonly string[], source: TicketSource, file: string): void {
  for (const field of REQUIRED_FIELDS) {
    const cols = columnsOf(source, field);
    if (!cols.some((c) => header.includes(c))) {
      throw new ValidationError(
        `${file}：表头中没有“${FIELD_LABELS[field]}”的列（来源 ${source.key} 的 fields.${field} 应为 ${cols.join(' / ')} 之一），表头为：${header.filter(Boolean).join('、') || '空'}`,
        `fields.${field}`,
      );
    }
  }
}

/** The column names of a header row: trimmed, BOM removed. */
export function headerNames(cells: readonly unknown[]): string[] {
  return cells.map((c) => (c === undefined || c === null ? '' : String(c).replace(/^\uFEFF/, '').trim()));
}
