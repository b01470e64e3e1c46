import type { Db } from './database.js';
import { stmt } from './statements.js';
import type { TicketRow } from './tickets.js';

/** A ticket as screening and the 热线线索 pages read it (the hotline's fields and the engine's reading). */
export type ScreenableTicket = Omit<TicketRow, 'row_hash' | 'first_import_id' | 'last_import_id' | 'created_at' | 'updated_at'>;

const TICKET_COLUMNS = `t.id, t.source, t.ticket_no, t.received_at, t.title, t.text, t.category_raw, t.address, t.district_raw, t.department, t.status_raw, t.reply, t.replied_at,
  t.satisfaction, t.screened_at, t.is_lead, t.category, t.sub_item, t.urgency, t.district, t.street, t.place, t.domains`;

/** Every ticket the engine has read, after `afterId` in id order: screening again after the topics changed. */
export function screenedTicketsAfter(db: Db, afterId: number, limit: number): ScreenableTicket[] {
  return stmt(db, `SELECT ${TICKET_COLUMNS} FROM tickets t WHERE t.id > ? AND t.screened_at IS NOT NULL ORDER BY t.id LIMIT ?`).all(afterId, limit) as ScreenableTicket[];
}

/** How far back a pass looks before the newest reading it has screened: writers in other processes may commit a little late. */
const LATE_COMMIT_MS = 5 * 60_000;

/**
 * Tickets never screened against the topics or read again by the engine since: a range on
 * screened_at from the newest reading already screened (minus a margin), not a scan of every ticket.
 */
export function ticketsToScreen(db: Db, after: { screened_at: string; id: number } | null, limit: number): ScreenableTicket[] {
  if (!after) {
    const newest = stmt(db, 'SELECT max(engine_screened_at) FROM ticket_topic_screens').pluck().get() as string | null;
    after = { screened_at: newest ? new Date(Date.parse(newest) - LATE_COMMIT_MS).toISOString() : '', id: 0 };
  }
  // keyset on (screened_at, id) within a pass: batches never walk over the tickets marked before them
  return stmt(db, `SELECT ${TICKET_COLUMNS} FROM tickets t LEFT JOIN ticket_topic_screens s ON s.ticket_id = t.id
    WHERE t.screened_at >= @at AND (t.screened_at > @at OR t.id > @id) AND (s.ticket_id IS NULL OR s.engine_screened_at <> t.screened_at)
    ORDER BY t.screened_at, t.id LIMIT @limit`).all({ at: after.screened_at, id: after.id, limit }) as ScreenableTicket[];
}

export function screenableTicket(db: Db, id: number): ScreenableTicket | undefined {
  return stmt(db, `SELECT ${TICKET_COLUMNS} FROM tickets t WHERE t.id = ?`).get(id) as ScreenableTicket | undefined;
}

export interface TicketLeadRow {
  id: number;
  ticket_id: number;
  topic: string;
  received_at: string;
  reasons: string;
  spans: string;
  status: string;
  dismiss_reason: string | null;
  recipient: string | null;
  note: string | null;
  reviewed_by: number | null;
  reviewed_at: string | null;
  created_at: string;
  updated_at: string;
}

export function ticketLeadsOfTicket(db: Db, ticketId: number): TicketLeadRow[] {
  return stmt(db, 'SELECT * FROM ticket_leads WHERE ticket_id = ? ORDER BY id').all(ticketId) as TicketLeadRow[];
}

export function getTicketLead(db: Db, id: number): TicketLeadRow | undefined {
  return stmt(db, 'SELECT * FROM ticket_leads WHERE id = ?').get(id) as TicketLeadRow | undefined;
}

/** Inserts a hit, or refreshes what it copies of the ticket and why it fired (its review stays); the unique (ticket, topic) key keeps one row. */
export function upsertTicketLead(db: Db, hit: { ticket_id: number; topic: string; received_at: string; district: string | null; category: string | null; reasons: string; spans: string; now: string }): void {
  stmt(db, `INSERT INTO ticket_leads (ticket_id, topic, received_at, district, category, reasons, spans, created_at, updated_at)
    VALUES (@ticket_id, @topic, @received_at, @district, @category, @reasons, @spans, @now, @now)
    ON CONFLICT (ticket_id, topic) DO UPDATE SET received_at = excluded.received_at, district = excluded.district, category = excluded.category,
      reasons = excluded.reasons, spans = excluded.spans,
      updated_at = CASE WHEN reasons = excluded.reasons AND spans = excluded.spans THEN updated_at ELSE excluded.updated_at END`).run(hit);
}

export function deleteTicketLead(db: Db, id: number): void {
  stmt(db, 'DELETE FROM ticket_leads WHERE id = ?').run(id);
}

export function markTicketScreened(db: Db, ticketId: number, engineScreenedAt: string, topicsSha: string, now: string): void {
  stmt(db, `INSERT INTO ticket_topic_screens (ticket_id, engine_screened_at, topics_sha, screened_at) VALUES (?, ?, ?, ?)
    ON CONFLICT (ticket_id) DO UPDATE SET engine_screened_at = excluded.engine_screened_at, topics_sha = excluded.topics_sha, screened_at = excluded.screened_at`).run(ticketId, engineScreenedAt, topicsSha, now);
}

export function updateTicketLeadReview(db: Db, id: number, r: { status: string; dismiss_reason: string | null; recipient: string | null; note: string | null; reviewed_by: number; reviewed_at: string }): void {
  stmt(db, `UPDATE ticket_leads SET status = @status, dismiss_reason = @dismiss_reason, recipient = @recipient, note = @note,
    reviewed_by = @reviewed_by, reviewed_at = @reviewed_at, updated_at = @reviewed_at WHERE id = @id`).run({ ...r, id });
}

export interface TicketLeadFilter {
  topic?: string;
  status?: string;
  district?: string;
  category?: string;
  /** received_at range, ISO, from inclusive, to exclusive */
  from?: string;
  to?: string;
  /** the ticket's title, text or address contains */
  q?: string;
}

/** A hit with the ticket's fields the list shows. */
export interface TicketLeadListRow
  extends TicketLeadRow,
    Pick<ScreenableTicket, 'source' | 'ticket_no' | 'title' | 'text' | 'category_raw' | 'category' | 'sub_item' | 'urgency' | 'district' | 'district_raw' | 'street' | 'place' | 'address' | 'department' | 'status_raw'> {}

// Filters over the hit (district and category are copied from the ticket) and, for a keyword, its
// ticket; topic is a separate condition so counts per topic can leave it out.
const HIT_FILTER_SQL = `(@status IS NULL OR l.status = @status)
  AND (@district IS NULL OR l.district = @district)
  AND (@category IS NULL OR l.category = @category)
  AND (@from IS NULL OR l.received_at >= @from) AND (@to IS NULL OR l.received_at < @to)`;
const FILTER_SQL = `${HIT_FILTER_SQL}
  AND (@q IS NULL OR instr(coalesce(t.title, '') || char(10) || t.text || char(10) || coalesce(t.address, ''), @q) > 0)`;

const params = (f: TicketLeadFilter) => ({
  status: f.status ?? null, district: f.district ?? null, category: f.category ?? null, from: f.from ?? null, to: f.to ?? null,
});

/** One page of hits, newest received first; `before` is the last row of the previous page (keyset on received_at, id). */
export function ticketLeadPage(db: Db, f: TicketLeadFilter, before: { received_at: string; id: number } | null, limit: number): TicketLeadListRow[] {
  return stmt(db, `SELECT l.*, t.source, t.ticket_no, t.title, t.text, t.category_raw, t.category, t.sub_item, t.urgency, t.district, t.district_raw, t.street, t.place,
      t.address, t.department, t.status_raw
    FROM ticket_leads l JOIN tickets t ON t.id = l.ticket_id
    WHERE (@topic IS NULL OR l.topic = @topic) AND ${FILTER_SQL}
      AND (@beforeAt IS NULL OR l.received_at < @beforeAt OR (l.received_at = @beforeAt AND l.id < @beforeId))
    ORDER BY l.received_at DESC, l.id DESC LIMIT @limit`).all({ ...params(f), q: f.q ?? null, topic: f.topic ?? null, beforeAt: before?.received_at ?? null, beforeId: before?.id ?? 0, limit }) as TicketLeadListRow[];
}

/** How many hits each topic has under the other filters (the topic filter left out), and how many are 待核查. */
export function ticketLeadCounts(db: Db, f: TicketLeadFilter): { topic: string; total: number; pending: number }[] {
  // without a keyword, the hits' own columns answer (no join: 314 → 55 ms at 150,000 hits)
  const own = f.q === undefined;
  const from = own ? 'ticket_leads l' : 'ticket_leads l JOIN tickets t ON t.id = l.ticket_id';
  return stmt(db, `SELECT l.topic, count(*) AS total, sum(l.status = 'pending') AS pending FROM ${from}
    WHERE ${own ? HIT_FILTER_SQL : FILTER_SQL} GROUP BY l.topic ORDER BY l.topic`).all(own ? params(f) : { ...params(f), q: f.q }) as { topic: string; total: number; pending: number }[];
}
