import { createReadStream } from 'node:fs';
import path from 'node:path';
import { ValidationError } from '../errors.js';
import { CsvParser } from './csv-parser.js';
import { checkHeader, headerNames } from './header-check.js';
import type { RawRow } from './map-row.js';
import type { ReadRow, RowReader } from './row-reader.js';
import { decoderFor, type ChunkDecoder } from './text-decoding.js';

/** CSV as hotlines export it: RFC 4180, UTF-8 (BOM or not) or GBK from Excel, header on `header_row`. */
export const csvReader: RowReader = {
  format: 'csv',
  async *read(file, source) {
    const parser = new CsvParser(source.format.delimiter);
    let decoder: ChunkDecoder | undefined;
    let header: string[] | undefined;
    let recordNo = 0;
    let rowNo = 0;
    const name = path.basename(file);
    function* rows(records: string[][]): Generator<ReadRow> {
      for (const record of records) {
        recordNo++;
        if (recordNo < source.format.header_row) continue;
        if (!header) {
          header = headerNames(record);
          checkHeader(header, source, name);
          continue;
        }
        if (record.length === 1 && record[0]!.trim() === '') continue; // a blank line
        rowNo++;
        const values: RawRow = {};
        for (let i = 0; i < header.length; i++) if (header[i]) values[header[i]!] = record[i];
        yield { rowNo, values };
      }
    }
    let bytesRead = 0;
    for await (const chunk of createReadStream(file, { highWaterMark: 256 * 1024 }) as AsyncIterable<Buffer>) {
      decoder ??= decoderFor(source.format.encoding, chunk);
      let text: string;
      try {
        text = decoder.write(chunk);
      } catch {
        throw new ValidationError(`${name}：第 ${bytesRead} 字节之后不是有效的 UTF-8（已导入之前的行）；若文件由 Excel 另存为 CSV，请在来源文件中设 format.encoding: gbk`, 'format.encoding');
      }
      bytesRead += chunk.length;
      yield* rows(parser.push(text));
    }
    if (decoder) yield* rows(parser.push(decoder.end()));
    yield* rows(parser.end());
    if (!header) throw new ValidationError(`${name}：文件为空，没有表头（第 ${source.format.header_row} 行）`, 'format.header_row');
  },
};
