import type { Db } from '../../src/storage/database.js';

export interface TicketFixture {
  source?: string;
  ticketNo?: string;
  receivedAt?: string;
  title?: string | null;
  text: string;
  categoryRaw?: string | null;
  address?: string | null;
  districtRaw?: string | null;
  department?: string | null;
  statusRaw?: string | null;
  reply?: string | null;
  repliedAt?: string | null;
  /** the engine's reading; screenedAt null: not read yet */
  screenedAt?: string | null;
  isLead?: boolean;
  category?: string | null;
  subItem?: string | null;
  urgency?: 'urgent' | 'normal' | null;
  district?: string | null;
  street?: string | null;
  place?: string | null;
  domains?: string[];
}

let counter = 0;

/** A hotline ticket as the import and the engine's reading leave it (test data written for the tests, never real text). */
export function insertTicket(db: Db, t: TicketFixture): number {
  const now = new Date().toISOString();
  counter++;
  return Number(db.prepare(`INSERT INTO tickets (source, ticket_no, received_at, title, text, category_raw, address, district_raw, department, status_raw, reply, replied_at,
      row_hash, screened_at, is_lead, category, sub_item, urgency, district, street, place, domains, created_at, updated_at)
    VALUES (@source, @ticket_no, @received_at, @title, @text, @category_raw, @address, @district_raw, @department, @status_raw, @reply, @replied_at,
      @row_hash, @screened_at, @is_lead, @category, @sub_item, @urgency, @district, @street, @place, @domains, @now, @now) RETURNING id`).pluck().get({
    source: t.source ?? 'sz12345', ticket_no: t.ticketNo ?? `T${Date.now()}${counter}`, received_at: t.receivedAt ?? now, title: t.title ?? null, text: t.text,
    category_raw: t.categoryRaw ?? null, address: t.address ?? null, district_raw: t.districtRaw ?? null, department: t.department ?? null, status_raw: t.statusRaw ?? null,
    reply: t.reply ?? null, replied_at: t.repliedAt ?? null, row_hash: `h${counter}`, screened_at: t.screenedAt === undefined ? now : t.screenedAt,
    is_lead: t.isLead === undefined ? null : t.isLead ? 1 : 0, category: t.category ?? null, sub_item: t.subItem ?? null, urgency: t.urgency ?? null,
    district: t.district ?? null, street: t.street ?? null, place: t.place ?? null, domains: JSON.stringify(t.domains ?? []), now,
  }));
}
