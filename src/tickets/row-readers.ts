import path from 'node:path';
import { ValidationError } from '../errors.js';
import { csvReader } from './csv-reader.js';
import { jsonlReader } from './jsonl-reader.js';
import type { RowReader } from './row-reader.js';
import { xlsxReader } from './xlsx-reader.js';

/** The file formats by extension: one line per format. */
const READERS: Record<string, RowReader> = {
  '.csv': csvReader,
  '.txt': csvReader,
  '.xlsx': xlsxReader,
  '.jsonl': jsonlReader,
  '.ndjson': jsonlReader,
};

/** The reader for a file name; ValidationError naming the extensions known. */
export function readerFor(fileName: string): RowReader {
  const ext = path.extname(fileName).toLowerCase();
  const reader = READERS[ext];
  if (!reader) throw new ValidationError(`不支持的文件类型“${ext || '无扩展名'}”（${fileName}）；应为 ${Object.keys(READERS).join('、')} 之一（.xls 请在 Excel 中另存为 .xlsx）`, 'file');
  return reader;
}
