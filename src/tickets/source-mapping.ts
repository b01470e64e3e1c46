import { z } from 'zod';

/**
 * The schema of a ticket source file in rules/ticket-sources/<key>.yaml: how one hotline's export
 * (CSV, .xlsx, JSON Lines) or push batch maps onto a ticket. Like a crawler file, each field names
 * its column, or a list of columns tried in order (exports rename columns between versions).
 * Validated at load; errors name the file and the field (source-loader.ts).
 */

export const TICKET_FIELDS = ['ticket_no', 'received_at', 'title', 'text', 'category', 'address', 'district', 'department', 'status', 'reply', 'replied_at', 'satisfaction'] as const;
export type TicketField = (typeof TICKET_FIELDS)[number];
export const REQUIRED_FIELDS = ['ticket_no', 'received_at', 'text'] as const satisfies readonly TicketField[];

const column = z.string().min(1);
/** A column name, or a list of names tried in order until one has a value. */
const columns = z.union([column, z.array(column).min(1)]).describe('column name (CSV/xlsx header, JSON key), or a list of names tried in order');

const fieldsSchema = z
  .object(Object.fromEntries(TICKET_FIELDS.map((f) => [f, (REQUIRED_FIELDS as readonly string[]).includes(f) ? columns : columns.optional()])) as Record<TicketField, typeof columns>)
  .strict();

const timeFormat = z
  .string()
  .min(1)
  .refine((f) => /YYYY/.test(f) && /MM?/.test(f.replace(/mm/g, '')) && /DD?/.test(f), { message: 'a time format needs YYYY, M or MM, and D or DD (H, HH, mm, ss optional)' })
  .describe('e.g. "YYYY/M/D H:mm", "YYYY-MM-DD HH:mm:ss", "YYYY年M月D日 HH:mm"');

export const ticketSourceSchema = z
  .object({
    name: z.string().min(1).describe('the hotline as people read it, e.g. 示范市12345热线'),
    format: z
      .object({
        delimiter: z.string().length(1).default(',').describe('CSV field separator (one character)'),
        encoding: z.enum(['auto', 'utf-8', 'gbk']).default('auto').describe('CSV: auto = UTF-8 unless the bytes are not valid UTF-8 (Excel on a Chinese Windows writes GBK)'),
        header_row: z.number().int().min(1).max(50).default(1).describe('the line (CSV) or row (xlsx) holding the column names; lines above it are skipped'),
        sheet: z.string().min(1).optional().describe('xlsx: the sheet to read (default: the first)'),
      })
      .strict()
      .default({ delimiter: ',', encoding: 'auto', header_row: 1 }),
    time: z
      .object({
        timezone: z.string().regex(/^[+-](0\d|1[0-4]):[0-5]\d$/, 'expected an offset like +08:00').default('+08:00').describe('the offset of times written without one (Beijing time: +08:00)'),
        formats: z.array(timeFormat).min(1).default(['YYYY-MM-DD HH:mm:ss', 'YYYY/M/D H:mm']).describe('tried in order; ISO 8601 with an offset and Excel serial dates are always understood'),
      })
      .strict()
      .default({ timezone: '+08:00', formats: ['YYYY-MM-DD HH:mm:ss', 'YYYY/M/D H:mm'] }),
    fields: fieldsSchema,
    values: z
      .object({
        status: z.record(z.string().min(1), z.string().min(1)).optional().describe('exported status → the wording kept (e.g. 办结: 已办结); values not listed are kept as they are'),
        satisfaction: z.record(z.string().min(1), z.enum(['satisfied', 'unsatisfied'])).optional().describe('exported satisfaction → satisfied | unsatisfied (e.g. 基本满意: satisfied); a value not listed rejects the row'),
      })
      .strict()
      .default({}),
  })
  .strict();

export type TicketSourceFile = z.infer<typeof ticketSourceSchema>;
/** A loaded source: its key (the file name) and its file. */
export type TicketSource = TicketSourceFile & { key: string; file: string };

/** The columns a field is read from, in order. */
export function columnsOf(source: Pick<TicketSource, 'fields'>, field: TicketField): string[] {
  const c = source.fields[field];
  return c === undefined ? [] : Array.isArray(c) ? c : [c];
}
