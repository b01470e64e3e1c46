import { createHash } from 'node:crypto';
import { describeReceived } from '../errors.js';
import { columnsOf, type TicketField, type TicketSource } from './source-mapping.js';
import { timeReader } from './ticket-time.js';

/** A row of an export as the readers give it: column name → cell (string, number, Date or nothing). */
export type RawRow = Record<string, unknown>;

/** A ticket as mapped from one row, before storing (the columns of `tickets` an import writes). */
export interface MappedTicket {
  ticket_no: string;
  received_at: string;
  title: string | null;
  text: string;
  category_raw: string | null;
  address: string | null;
  district_raw: string | null;
  department: string | null;
  status_raw: string | null;
  reply: string | null;
  replied_at: string | null;
  satisfaction: 'satisfied' | 'unsatisfied' | null;
  row_hash: string;
}

/** Why a row was turned down: the field (as the mapping names it), what was expected and received. */
export interface RowReject {
  field: TicketField | null;
  expected: string;
  received: string;
  message: string;
}

export const FIELD_LABELS: Record<TicketField, string> = {
  ticket_no: '工单编号', received_at: '受理时间', title: '标题', text: '诉求内容', category: '类别', address: '地址', district: '所属区',
  department: '承办部门', status: '状态', reply: '答复', replied_at: '答复时间', satisfaction: '满意度',
};

const MAX_CHARS: Partial<Record<TicketField, number>> & { default: number } = { ticket_no: 100, text: 20_000, reply: 20_000, default: 2_000 };

export type RowMapper = (row: RawRow) => { ticket: MappedTicket } | { reject: RowReject };

/** The mapper of a source: column fallbacks, times, value maps and limits compiled once. Pure. */
export function rowMapper(source: TicketSource): RowMapper {
  const readTime = timeReader(source.time.formats, source.time.timezone);
  const cols = Object.fromEntries((Object.keys(FIELD_LABELS) as TicketField[]).map((f) => [f, columnsOf(source, f)])) as Record<TicketField, string[]>;
  const statusMap = source.values.status ?? {};
  const satisfactionMap = source.values.satisfaction ?? {};

  return (row) => {
    let rejected: RowReject | null = null;
    const reject = (field: TicketField, expected: string, value: unknown) => {
      const received = value === undefined || value === null || value === '' ? '空' : describeReceived(value instanceof Date ? value.toISOString() : value);
      rejected ??= { field, expected, received, message: `字段“${FIELD_LABELS[field]}”（${cols[field].join(' / ')}）应为${expected}，实际为${received}` };
    };
    const raw = (f: TicketField): unknown => {
      for (const c of cols[f]) {
        const v = row[c];
        if (v !== undefined && v !== null && !(typeof v === 'string' && v.trim() === '')) return v;
      }
      return undefined;
    };
    const text = (f: TicketField, required = false): string | null => {
      const v = raw(f);
      if (v === undefined) {
        if (required) reject(f, '非空文本', v);
        return null;
      }
      const s = (v instanceof Date ? v.toISOString() : String(v)).trim();
      const max = MAX_CHARS[f] ?? MAX_CHARS.default;
      if (s.length > max) {
        reject(f, `不超过 ${max} 个字的文本`, `${s.length} 个字`);
        return null;
      }
      return s;
    };
    const time = (f: TicketField, required = false): string | null => {
      const v = raw(f);
      if (v === undefined) {
        if (required) reject(f, `时间（${source.time.formats.join('、')}）`, v);
        return null;
      }
      const t = readTime(v);
      if (t === null) reject(f, `时间（${source.time.formats.join('、')}，或带时区的 ISO 8601）`, v);
      return t;
    };

    const ticketNo = text('ticket_no', true);
    const receivedAt = time('received_at', true);
    const body = text('text', true);
    const status = text('status');
    const satisfactionRaw = text('satisfaction');
    let satisfaction: MappedTicket['satisfaction'] = null;
    if (satisfactionRaw !== null) {
      satisfaction = satisfactionMap[satisfactionRaw] ?? (satisfactionRaw === 'satisfied' || satisfactionRaw === 'unsatisfied' ? satisfactionRaw : null);
      if (satisfaction === null) reject('satisfaction', `以下之一：${Object.keys(satisfactionMap).join('、') || 'satisfied、unsatisfied'}`, satisfactionRaw);
    }
    const fields = {
      ticket_no: ticketNo!,
      received_at: receivedAt!,
      title: text('title'),
      text: body!,
      category_raw: text('category'),
      address: text('address'),
      district_raw: text('district'),
      department: text('department'),
      status_raw: status === null ? null : (statusMap[status] ?? status),
      reply: text('reply'),
      replied_at: time('replied_at'),
      satisfaction,
    };
    if (rejected) return { reject: rejected };
    return { ticket: { ...fields, row_hash: rowHash(fields) } };
  };
}

/** Tells an updated row from an unchanged one on re-import: a hash of every mapped field. */
export function rowHash(fields: Omit<MappedTicket, 'row_hash'>): string {
  return createHash('sha1').update(JSON.stringify(fields)).digest('base64url');
}
