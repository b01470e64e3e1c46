/**
 * A small RFC 4180 CSV parser that takes text in chunks and gives whole records as they complete:
 * quoted fields with the delimiter, doubled quotes and line breaks inside; CRLF or LF; a chunk
 * may end anywhere (inside a quote, between \r and \n). Memory: the current record only.
 */
export class CsvParser {
  private field = '';
  private record: string[] = [];
  private quoted = false;
  /** Inside quotes; a quote seen there may be the end or the first of a doubled pair. */
  private inQuotes = false;
  private quoteSeen = false;
  private crSeen = false;

  constructor(private readonly delimiter = ',') {}

  /** The records completed by this chunk. */
  push(chunk: string): string[][] {
    const out: string[][] = [];
    const d = this.delimiter;
    let i = 0;
    const n = chunk.length;
    while (i < n) {
      if (this.inQuotes) {
        if (this.quoteSeen) {
          this.quoteSeen = false;
          if (chunk[i] === '"') {
            this.field += '"';
            i++;
            continue;
          }
          this.inQuotes = false; // that quote closed the field; read this character outside
          continue;
        }
        const q = chunk.indexOf('"', i);
        if (q === -1) {
          this.field += chunk.slice(i);
          break;
        }
        this.field += chunk.slice(i, q);
        this.quoteSeen = true;
        i = q + 1;
        continue;
      }
      const c = chunk[i]!;
      if (this.crSeen) {
        this.crSeen = false;
        if (c === '\n') {
          i++;
          continue;
        }
      }
      if (c === d) {
        this.endField();
        i++;
      } else if (c === '\n' || c === '\r') {
        this.crSeen = c === '\r';
        this.endField();
        out.push(this.record);
        this.record = [];
        i++;
      } else if (c === '"' && this.field === '' && !this.quoted) {
        this.inQuotes = true;
        this.quoted = true;
        i++;
      } else {
        // a plain run up to the next special character
        let j = i + 1;
        while (j < n) {
          const cj = chunk[j];
          if (cj === d || cj === '\n' || cj === '\r') break;
          j++;
        }
        this.field += chunk.slice(i, j);
        i = j;
      }
    }
    return out;
  }

  /** The last record when the text does not end in a line break. */
  end(): string[][] {
    this.quoteSeen = false;
    this.inQuotes = false;
    if (this.field === '' && this.record.length === 0 && !this.quoted) return [];
    this.endField();
    const last = this.record;
    this.record = [];
    return [last];
  }

  private endField(): void {
    this.record.push(this.field);
    this.field = '';
    this.quoted = false;
  }
}
