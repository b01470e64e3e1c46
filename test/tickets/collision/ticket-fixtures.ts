import type { Db } from '../../../src/storage/database.js';

/** A screened hotline ticket inserted with plain SQL (the engine's reading given), as the import would leave it. */
export interface FixtureTicket {
  ticketNo: string;
  receivedAt: string;
  text: string;
  category: string | null;
  subItem?: string | null;
  district: string | null;
  street?: string | null;
  place?: string | null;
  categoryRaw?: string;
  statusRaw?: string;
  reply?: string | null;
}

export function insertTicket(db: Db, t: FixtureTicket): number {
  const now = '2026-12-01T00:00:00.000Z';
  return Number(db.prepare(`INSERT INTO tickets (source, ticket_no, received_at, text, category_raw, status_raw, reply, row_hash, screened_at, is_lead,
      category, sub_item, urgency, district, street, place, created_at, updated_at)
    VALUES ('fixture', ?, ?, ?, ?, ?, ?, 'h', ?, 1, ?, ?, 'normal', ?, ?, ?, ?, ?)`)
    .run(t.ticketNo, t.receivedAt, t.text, t.categoryRaw ?? '城市管理', t.statusRaw ?? '已办结', t.reply ?? null, now,
      t.category, t.subItem ?? null, t.district, t.street ?? null, t.place ?? null, now, now).lastInsertRowid);
}
