import type { MappedTicket } from '../tickets/map-row.js';
import type { Db } from './database.js';
import { inTransaction } from './database.js';
import { stmt } from './statements.js';

export interface UpsertCounts {
  inserted: number;
  updated: number;
  unchanged: number;
}

export type UpsertOutcome = keyof UpsertCounts;

/** What the engine reads of a ticket: a change to any of these sends it through the engine again. */
const READ_BY_ENGINE = ['title', 'text', 'address', 'district_raw'] as const;

/**
 * Stores a batch of a source's tickets in one IMMEDIATE transaction, keyed by (source, ticket_no):
 * a new number is inserted; a known one whose mapped fields changed (status, reply, …) is updated,
 * and re-read by the engine only if what it reads changed; an identical one is left as it is.
 * `also` runs in the same transaction (the import's counts and rejected rows), so a killed import
 * leaves either the whole batch with its counts or none of it.
 */
export function upsertTickets(db: Db, source: string, importId: number, tickets: readonly MappedTicket[], now: string, also?: (counts: UpsertCounts) => void): UpsertCounts & { outcomes: UpsertOutcome[] } {
  return inTransaction(db, () => {
    const counts: UpsertCounts = { inserted: 0, updated: 0, unchanged: 0 };
    const outcomes: UpsertOutcome[] = [];
    const find = stmt(db, 'SELECT id, row_hash, title, text, address, district_raw FROM tickets WHERE source = ? AND ticket_no = ?');
    const insert = stmt(
      db,
      `INSERT INTO tickets (source, ticket_no, received_at, title, text, category_raw, address, district_raw, department, status_raw, reply, replied_at, satisfaction, row_hash, first_import_id, last_import_id, created_at, updated_at)
       VALUES (@source, @ticket_no, @received_at, @title, @text, @category_raw, @address, @district_raw, @department, @status_raw, @reply, @replied_at, @satisfaction, @row_hash, @import_id, @import_id, @now, @now)`,
    );
    const update = stmt(
      db,
      `UPDATE tickets SET received_at = @received_at, title = @title, text = @text, category_raw = @category_raw, address = @address, district_raw = @district_raw,
         department = @department, status_raw = @status_raw, reply = @reply, replied_at = @replied_at, satisfaction = @satisfaction, row_hash = @row_hash,
         last_import_id = @import_id, updated_at = @now, screened_at = CASE WHEN @reread THEN NULL ELSE screened_at END
       WHERE id = @id`,
    );
    for (const t of tickets) {
      const old = find.get(source, t.ticket_no) as ({ id: number; row_hash: string } & Record<(typeof READ_BY_ENGINE)[number], string | null>) | undefined;
      if (!old) {
        insert.run({ ...t, source, import_id: importId, now });
        outcomes.push('inserted');
      } else if (old.row_hash === t.row_hash) {
        outcomes.push('unchanged');
      } else {
        const reread = READ_BY_ENGINE.some((f) => old[f] !== t[f]) ? 1 : 0;
        update.run({ ...t, id: old.id, import_id: importId, now, reread });
        outcomes.push('updated');
      }
      counts[outcomes.at(-1)!]++;
    }
    also?.(counts);
    return { ...counts, outcomes };
  });
}

/** A ticket as the engine reads it. */
export interface TicketForScreening {
  id: number;
  title: string | null;
  text: string;
  address: string | null;
  district_raw: string | null;
}

/** The engine's reading of a ticket (what `screenTickets` writes). */
export interface TicketReading {
  id: number;
  is_lead: boolean;
  category: string | null;
  sub_item: string | null;
  urgency: 'urgent' | 'normal' | null;
  district: string | null;
  street: string | null;
  place: string | null;
  domains: string[];
}

/** Tickets the engine has not read yet (new, or changed in what it reads), oldest first, after `afterId`. */
export function unscreenedTickets(db: Db, limit: number, afterId = 0): TicketForScreening[] {
  return stmt(db, 'SELECT id, title, text, address, district_raw FROM tickets WHERE screened_at IS NULL AND id > ? ORDER BY id LIMIT ?').all(afterId, limit) as TicketForScreening[];
}

/** The tickets of a source with these numbers that the engine has not read yet (a push batch just stored). */
export function unscreenedByNumber(db: Db, source: string, ticketNos: readonly string[]): TicketForScreening[] {
  const find = stmt(db, 'SELECT id, title, text, address, district_raw FROM tickets WHERE source = ? AND ticket_no = ? AND screened_at IS NULL');
  return ticketNos.flatMap((no) => (find.get(source, no) as TicketForScreening | undefined) ?? []);
}

/** Stores the engine's readings of a batch in one transaction; `screened_at` marks them done. */
export function saveReadings(db: Db, readings: readonly TicketReading[], now: string): void {
  inTransaction(db, () => {
    const save = stmt(
      db,
      `UPDATE tickets SET is_lead = @is_lead, category = @category, sub_item = @sub_item, urgency = @urgency, district = @district, street = @street, place = @place,
         domains = @domains, screened_at = @now WHERE id = @id`,
    );
    for (const r of readings) save.run({ ...r, is_lead: r.is_lead ? 1 : 0, domains: JSON.stringify(r.domains), now });
  });
}

export interface TicketRow extends MappedTicket, Omit<TicketReading, 'is_lead' | 'domains'> {
  source: string;
  is_lead: number | null;
  domains: string;
  screened_at: string | null;
  first_import_id: number | null;
  last_import_id: number | null;
  created_at: string;
  updated_at: string;
}

export function getTicket(db: Db, source: string, ticketNo: string): TicketRow | undefined {
  return stmt(db, 'SELECT * FROM tickets WHERE source = ? AND ticket_no = ?').get(source, ticketNo) as TicketRow | undefined;
}

export function countTickets(db: Db, source?: string): number {
  return source === undefined
    ? (stmt(db, 'SELECT count(*) AS n FROM tickets').get() as { n: number }).n
    : (stmt(db, 'SELECT count(*) AS n FROM tickets WHERE source = ?').get(source) as { n: number }).n;
}
