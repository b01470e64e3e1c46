import path from 'node:path';
import ExcelJS from 'exceljs';
import { ValidationError } from '../errors.js';
import { checkHeader, headerNames } from './header-check.js';
import type { RawRow } from './map-row.js';
import type { RowReader } from './row-reader.js';

/** A cell as the mapper takes it: text, number, Date (wall time in its UTC fields) or nothing; rich text, links and formulas give their text or result. */
export function cellValue(v: ExcelJS.CellValue): unknown {
  if (v === null || v === undefined) return undefined;
  if (typeof v !== 'object' || v instanceof Date) return v;
  if ('richText' in v) return v.richText.map((r) => r.text).join('');
  if ('text' in v && typeof v.text === 'string') return v.text;
  if ('result' in v) return cellValue(v.result as ExcelJS.CellValue);
  if ('error' in v) return undefined;
  return String(v);
}

/** .xlsx through exceljs's streaming reader (rows as they are parsed; shared strings cached): the named sheet or the first. */
export const xlsxReader: RowReader = {
  format: 'xlsx',
  async *read(file, source) {
    const name = path.basename(file);
    const wanted = source.format.sheet;
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, { sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', worksheets: 'emit', entries: 'ignore' });
    let found = false;
    const seen: string[] = [];
    try {
      for await (const sheet of reader) {
        const ws = sheet as unknown as AsyncIterable<ExcelJS.Row> & { name: string };
        seen.push(ws.name);
        if (found || (wanted !== undefined && ws.name !== wanted)) {
          for await (const _ of ws); // a sheet must be read through to reach the next
          continue;
        }
        found = true;
        let header: string[] | undefined;
        let rowNo = 0;
        for await (const row of ws) {
          if (row.number < source.format.header_row) continue;
          const cells = Array.isArray(row.values) ? row.values.slice(1) : [];
          if (!header) {
            header = headerNames(cells.map(cellValue));
            checkHeader(header, source, name);
            continue;
          }
          // rows are numbered as in the sheet, less the header: a blank row in between still counts
          rowNo = row.number - Math.max(source.format.header_row, 1);
          const values: RawRow = {};
          let any = false;
          for (let i = 0; i < header.length; i++) {
            if (!header[i]) continue;
            const v = cellValue(cells[i] as ExcelJS.CellValue);
            if (v !== undefined) any = true;
            values[header[i]!] = v;
          }
          if (any) yield { rowNo, values };
        }
        if (!header) throw new ValidationError(`${name}：工作表“${ws.name}”为空，没有表头（第 ${source.format.header_row} 行）`, 'format.header_row');
      }
    } catch (err) {
      if (err instanceof ValidationError) throw err;
      throw new ValidationError(`${name}：不是可读的 .xlsx 工作簿（${(err as Error).message.slice(0, 120)}）`, 'file');
    }
    if (!found) throw new ValidationError(`${name}：没有名为“${wanted}”的工作表；有：${seen.join('、') || '无'}`, 'format.sheet');
  },
};
