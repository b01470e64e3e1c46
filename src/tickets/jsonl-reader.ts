import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { RowReader } from './row-reader.js';

/** JSON Lines: one object per line, keys as column names; a line that is not an object is a rejected row (rows are line numbers). */
export const jsonlReader: RowReader = {
  format: 'jsonl',
  async *read(file) {
    const lines = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
    let rowNo = 0;
    for await (const line of lines) {
      rowNo++;
      if (line.trim() === '') continue;
      let value: unknown;
      try {
        value = JSON.parse(rowNo === 1 ? line.replace(/^\uFEFF/, '') : line);
      } catch (err) {
        yield { rowNo, problem: { field: null, expected: '一个 JSON 对象', received: '无法解析的 JSON', message: `第 ${rowNo} 行不是有效的 JSON（${(err as Error).message.slice(0, 80)}）` } };
        continue;
      }
      if (value === null || typeof value !== 'object' || Array.isArray(value)) {
        yield { rowNo, problem: { field: null, expected: '一个 JSON 对象', received: Array.isArray(value) ? '数组' : typeof value, message: `第 ${rowNo} 行应为一个 JSON 对象（键为列名）` } };
        continue;
      }
      yield { rowNo, values: value as Record<string, unknown> };
    }
  },
};
