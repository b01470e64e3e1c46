import type { Db } from './database.js';
import { stmt } from './statements.js';

/** A lead or a ticket as the collision matcher reads it: where, what, when, and the start of its text. */
export interface CollisionRow {
  id: number;
  category: string | null;
  sub_item: string | null;
  district: string | null;
  street: string | null;
  place: string | null;
  /** Lead: first post time (posted_at, else discovered_at). Ticket: received_at. */
  at: string;
  /** Tickets only: the hotline's number. */
  ticket_no?: string;
}

export interface CandidateRange {
  category: string;
  district: string;
  from: string;
  to: string;
  /** The subject's place: candidates naming another place are left in the index (null: no filter). */
  place: string | null;
}

// Two named places that neither contains the other are two problems (the matcher's hard rule,
// `samePlaceKey`); checked here on a cheap key (no spaces, '·', '-', case) so that the rows the
// matcher would turn away are never read. A superset of the matcher's own check, which follows.
const key = (col: string) => `lower(replace(replace(replace(${col}, ' ', ''), '·', ''), '-', ''))`;
const placeCompatible = (col: string) => `(${col} IS NULL OR @place IS NULL OR instr(${key(col)}, ${key('@place')}) > 0 OR instr(${key('@place')}, ${key(col)}) > 0)`;

const TEXT_CHARS = 400;
const LEAD_TIME = 'coalesce(l.posted_at, l.discovered_at)';
// Where, what and when: enough for the matcher's hard rules, which turn most candidates away before any text is read.
const LEAD_COLUMNS = `l.id, l.category, l.sub_item, l.district, l.street, l.place, ${LEAD_TIME} AS at`;
const TICKET_COLUMNS = 't.id, t.ticket_no, t.category, t.sub_item, t.district, t.street, t.place, t.received_at AS at';
/** Leads the matcher links tickets to: in the queue or confirmed (a rejected or merged lead is not a problem of its own). */
const LIVE_LEAD = "l.status IN ('new', 'confirmed')";

/** The lead's own words: its first post (title and text), or the summary of a lead a person created. */
export function leadText(db: Db, leadId: number): string {
  return stmt(db, `SELECT coalesce((SELECT coalesce(p.title || ' ', '') || substr(p.text, 1, ${TEXT_CHARS}) FROM lead_posts lp JOIN posts p ON p.id = lp.post_id
      WHERE lp.lead_id = l.id ORDER BY lp.post_id LIMIT 1), l.summary, '') FROM leads l WHERE l.id = ?`).pluck().get(leadId) as string | undefined ?? '';
}

/** The start of a ticket's title and text. */
export function ticketText(db: Db, ticketId: number): string {
  return stmt(db, `SELECT coalesce(title || ' ', '') || substr(text, 1, ${TEXT_CHARS}) FROM tickets WHERE id = ?`).pluck().get(ticketId) as string | undefined ?? '';
}

export function leadForCollision(db: Db, leadId: number): CollisionRow | undefined {
  return stmt(db, `SELECT ${LEAD_COLUMNS} FROM leads l WHERE l.id = ? AND ${LIVE_LEAD}`).get(leadId) as CollisionRow | undefined;
}

const NO_LIVE_LINK = "NOT EXISTS (SELECT 1 FROM ticket_links k WHERE k.ticket_id = t.id AND k.state <> 'undone')";

/** A screened ticket the engine placed and categorised, not linked yet (the others have nothing to match). */
export function ticketForCollision(db: Db, ticketId: number): CollisionRow | undefined {
  return stmt(db, `SELECT ${TICKET_COLUMNS} FROM tickets t WHERE t.id = ? AND t.screened_at IS NOT NULL AND t.category IS NOT NULL AND t.district IS NOT NULL AND ${NO_LIVE_LINK}`)
    .get(ticketId) as CollisionRow | undefined;
}

/** Tickets without a live link, same category and district, received in [from, to] (index tickets_place_time), place not conflicting. */
export function unlinkedTicketsIn(db: Db, r: CandidateRange): CollisionRow[] {
  // The inner search reads only the covering index tickets_collision (migration 987); rows are read for the few that pass.
  return stmt(db, `SELECT ${TICKET_COLUMNS} FROM tickets t
    WHERE t.id IN (SELECT c.id FROM tickets c WHERE c.category = @category AND c.district = @district AND c.received_at BETWEEN @from AND @to
      AND c.screened_at IS NOT NULL AND ${placeCompatible('c.place')}) AND ${NO_LIVE_LINK}`).all(r) as CollisionRow[];
}

/** Live leads of the same category and district whose first post time is in [from, to] (index leads_collision), place not conflicting. */
export function leadsIn(db: Db, r: CandidateRange): CollisionRow[] {
  return stmt(db, `SELECT ${LEAD_COLUMNS} FROM leads l
    WHERE l.category = @category AND l.district = @district AND ${LEAD_TIME} BETWEEN @from AND @to AND ${LIVE_LEAD} AND ${placeCompatible('l.place')}`).all(r) as CollisionRow[];
}

export interface NewLink {
  leadId: number;
  ticketId: number;
  score: number;
  parts: { place: number; subItem: number; time: number; text: number };
  relation: 'ticket_before' | 'ticket_after';
  linkedBy: string;
  now: string;
}

/**
 * Inserts a link unless the pair exists (an undone pair stays undone) or the ticket already has a
 * live link; returns whether it was inserted.
 */
export function insertLink(db: Db, l: NewLink): boolean {
  return stmt(db, `INSERT INTO ticket_links (lead_id, ticket_id, score, place_score, category_score, time_score, text_score, relation, linked_by, linked_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`)
    .run(l.leadId, l.ticketId, l.score, l.parts.place, l.parts.subItem, l.parts.time, l.parts.text, l.relation, l.linkedBy, l.now).changes === 1;
}

/**
 * Screened tickets without a live link after `afterId`, in id order: those the matcher has not
 * seen in their current reading (`all`: every one), with the reading's time for the mark.
 */
export function ticketsToCollide(db: Db, afterId: number, limit: number, all: boolean): { id: number; screened_at: string }[] {
  return stmt(db, `SELECT t.id, t.screened_at FROM tickets t LEFT JOIN ticket_collisions c ON c.ticket_id = t.id
    WHERE t.id > @afterId AND t.screened_at IS NOT NULL AND (@all = 1 OR c.ticket_id IS NULL OR c.engine_screened_at <> t.screened_at) AND ${NO_LIVE_LINK}
    ORDER BY t.id LIMIT @limit`).all({ afterId, limit, all: all ? 1 : 0 }) as { id: number; screened_at: string }[];
}

/** The matcher has seen this reading of the ticket. */
export function markCollided(db: Db, ticketId: number, engineScreenedAt: string, now: string): void {
  stmt(db, `INSERT INTO ticket_collisions (ticket_id, engine_screened_at, collided_at) VALUES (?, ?, ?)
    ON CONFLICT (ticket_id) DO UPDATE SET engine_screened_at = excluded.engine_screened_at, collided_at = excluded.collided_at`).run(ticketId, engineScreenedAt, now);
}

/** Recomputes every link's relation (a joining post can make a lead's first post time earlier); returns how many changed. */
export function refreshRelations(db: Db): number {
  return stmt(db, `UPDATE ticket_links SET relation = (
      SELECT CASE WHEN t.received_at < ${LEAD_TIME} THEN 'ticket_before' ELSE 'ticket_after' END
      FROM tickets t, leads l WHERE t.id = ticket_links.ticket_id AND l.id = ticket_links.lead_id)
    WHERE relation <> (SELECT CASE WHEN t.received_at < ${LEAD_TIME} THEN 'ticket_before' ELSE 'ticket_after' END
      FROM tickets t, leads l WHERE t.id = ticket_links.ticket_id AND l.id = ticket_links.lead_id)`).run().changes;
}

/** A link with the ticket fields people read (number, received, the hotline's category, status, reply). */
export interface LinkedTicketRow {
  link_id: number;
  lead_id: number;
  ticket_id: number;
  score: number;
  place_score: number;
  category_score: number;
  time_score: number;
  text_score: number;
  relation: 'ticket_before' | 'ticket_after';
  state: 'linked' | 'confirmed' | 'undone';
  linked_by: string;
  linked_at: string;
  decided_by: number | null;
  decided_at: string | null;
  ticket_no: string;
  source: string;
  received_at: string;
  title: string | null;
  text: string;
  category_raw: string | null;
  status_raw: string | null;
  reply: string | null;
  replied_at: string | null;
}

const LINK_COLUMNS = `k.id AS link_id, k.lead_id, k.ticket_id, k.score, k.place_score, k.category_score, k.time_score, k.text_score, k.relation, k.state,
  k.linked_by, k.linked_at, k.decided_by, k.decided_at, t.ticket_no, t.source, t.received_at, t.title, t.text, t.category_raw, t.status_raw, t.reply, t.replied_at`;

/** The links of some leads (undone ones too, when asked), oldest ticket first, grouped by lead. */
export function linksOfLeads(db: Db, leadIds: readonly number[], withUndone = false): Map<number, LinkedTicketRow[]> {
  const out = new Map<number, LinkedTicketRow[]>();
  if (leadIds.length === 0) return out;
  const rows = db.prepare(`SELECT ${LINK_COLUMNS} FROM ticket_links k JOIN tickets t ON t.id = k.ticket_id
    WHERE k.lead_id IN (SELECT value FROM json_each(?)) ${withUndone ? '' : "AND k.state <> 'undone'"} ORDER BY t.received_at, k.id`)
    .all(JSON.stringify(leadIds)) as LinkedTicketRow[];
  for (const r of rows) {
    const list = out.get(r.lead_id);
    if (list) list.push(r);
    else out.set(r.lead_id, [r]);
  }
  return out;
}

export function getLink(db: Db, linkId: number): LinkedTicketRow | undefined {
  return stmt(db, `SELECT ${LINK_COLUMNS} FROM ticket_links k JOIN tickets t ON t.id = k.ticket_id WHERE k.id = ?`).get(linkId) as LinkedTicketRow | undefined;
}

export function setLinkState(db: Db, linkId: number, state: 'confirmed' | 'undone', userId: number, now: string): void {
  stmt(db, 'UPDATE ticket_links SET state = ?, decided_by = ?, decided_at = ? WHERE id = ?').run(state, userId, now, linkId);
}

/** One lead of the 未诉先办 report: its category, first post time, and its live links' ticket times by relation. */
export interface HeadStartRow {
  id: number;
  category: string;
  at: string;
  /** Earliest live-linked ticket received before the lead (null: 未诉). */
  first_before: string | null;
  /** Earliest live-linked ticket received after the lead. */
  first_after: string | null;
}

/** Live leads whose first post time falls in [start, end), optionally in one district. */
export function headStartRows(db: Db, start: string, end: string, district: string | null): HeadStartRow[] {
  return stmt(db, `SELECT l.id, l.category, ${LEAD_TIME} AS at,
      (SELECT min(t.received_at) FROM ticket_links k JOIN tickets t ON t.id = k.ticket_id WHERE k.lead_id = l.id AND k.state <> 'undone' AND k.relation = 'ticket_before') AS first_before,
      (SELECT min(t.received_at) FROM ticket_links k JOIN tickets t ON t.id = k.ticket_id WHERE k.lead_id = l.id AND k.state <> 'undone' AND k.relation = 'ticket_after') AS first_after
    FROM leads l WHERE ${LIVE_LEAD} AND ${LEAD_TIME} >= @start AND ${LEAD_TIME} < @end AND (@district IS NULL OR l.district = @district)`)
    .all({ start, end, district }) as HeadStartRow[];
}
