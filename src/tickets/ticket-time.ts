/**
 * Times in hotline exports: written in the hotline's local time ("2026/12/7 9:05", "2026-12-07 09:05:00"),
 * ISO 8601 with an offset, or Excel serial dates (a number of days since 1899-12-30, local time).
 * Everything becomes ISO 8601 UTC; anything else is null (the caller rejects the row). Pure.
 */

const TOKEN = /YYYY|MM|M|DD|D|HH|H|mm|ss/g;
const GROUP: Record<string, string> = { YYYY: '(?<Y>\\d{4})', MM: '(?<M>\\d{1,2})', M: '(?<M>\\d{1,2})', DD: '(?<D>\\d{1,2})', D: '(?<D>\\d{1,2})', HH: '(?<h>\\d{1,2})', H: '(?<h>\\d{1,2})', mm: '(?<m>\\d{1,2})', ss: '(?<s>\\d{1,2})' };
const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);
const DAY_MS = 86_400_000;
/** Serial dates from 1954 to 2119: a plain number outside reads as no time at all. */
const SERIAL_MIN = 20_000;
const SERIAL_MAX = 80_000;

export interface TimeReader {
  (value: unknown): string | null;
}

/** A reader for the source's formats and offset (e.g. "+08:00"). Formats compile once. */
export function timeReader(formats: readonly string[], offset: string): TimeReader {
  const patterns = formats.map(compile);
  const offsetMs = offsetMinutes(offset) * 60_000;
  const wall = (y: number, mo: number, d: number, h = 0, mi = 0, s = 0): string | null => {
    if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return null;
    const t = Date.UTC(y, mo - 1, d, h, mi, s);
    if (new Date(t).getUTCDate() !== d) return null; // 2月30日
    return new Date(t - offsetMs).toISOString();
  };
  return (value) => {
    // exceljs gives a date cell as a Date whose UTC fields are the sheet's wall time
    if (value instanceof Date) {
      if (Number.isNaN(value.getTime())) return null;
      return new Date(value.getTime() - offsetMs).toISOString();
    }
    if (typeof value === 'number') return serial(value, offsetMs);
    if (typeof value !== 'string') return null;
    const text = value.trim();
    if (text === '') return null;
    if (ISO_WITH_OFFSET.test(text)) {
      const t = Date.parse(text);
      return Number.isNaN(t) ? null : new Date(t).toISOString();
    }
    if (/^\d+(\.\d+)?$/.test(text)) return serial(Number(text), offsetMs);
    for (const p of patterns) {
      const g = p.exec(text)?.groups;
      if (g) return wall(Number(g.Y), Number(g.M), Number(g.D), Number(g.h ?? 0), Number(g.m ?? 0), Number(g.s ?? 0));
    }
    return null;
  };
}

function serial(days: number, offsetMs: number): string | null {
  if (!Number.isFinite(days) || days < SERIAL_MIN || days > SERIAL_MAX) return null;
  // rounded to the second: Excel stores 9:05 as 0.37847222… of a day
  const wallMs = Math.round((EXCEL_EPOCH + days * DAY_MS) / 1000) * 1000;
  return new Date(wallMs - offsetMs).toISOString();
}

function compile(format: string): RegExp {
  let source = '';
  let last = 0;
  for (const m of format.matchAll(TOKEN)) {
    source += escape(format.slice(last, m.index)) + GROUP[m[0]]!;
    last = m.index + m[0].length;
  }
  source += escape(format.slice(last));
  // a single space in the format takes any run of spaces (Excel pads "2026/12/7  9:05")
  return new RegExp(`^${source.replace(/ /g, '\\s+')}$`);
}

function escape(literal: string): string {
  return literal.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function offsetMinutes(offset: string): number {
  const m = /^([+-])(\d{2}):(\d{2})$/.exec(offset);
  if (!m) return 0;
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
}
