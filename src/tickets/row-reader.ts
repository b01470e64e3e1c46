import type { RawRow, RowReject } from './map-row.js';
import type { TicketSource } from './source-mapping.js';

/** One data row of a file (1-based, header not counted) with its cells by column name, or why it could not be read. */
export type ReadRow = { rowNo: number; values: RawRow } | { rowNo: number; problem: RowReject };

/**
 * A file format: reads a file row by row (an async iterable, so memory holds one chunk, not the
 * file). A problem with the whole file (no such column, not a workbook) throws ValidationError;
 * a bad row is yielded as a problem and reading goes on.
 */
export interface RowReader {
  format: 'csv' | 'xlsx' | 'jsonl';
  read(file: string, source: TicketSource): AsyncIterable<ReadRow>;
}
