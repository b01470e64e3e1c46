import { SYSTEM } from '../audit/actor.js';
import { recordAudit } from '../audit/audit-log.js';
import type { Db } from '../storage/database.js';
import { inTransaction } from '../storage/database.js';
import {
  insertLink, leadForCollision, leadsIn, leadText, markCollided, refreshRelations, ticketForCollision, ticketsToCollide, ticketText, unlinkedTicketsIn, type CollisionRow,
} from '../storage/ticket-links.js';
import { getWorkOrderByLead } from '../storage/work-orders.js';
import { recordWorkOrderChange } from '../workorders/record-change.js';
import type { CollisionPolicy } from './collision-policy.js';
import { scorePair, type CollisionSide, type PairParts } from './pair-score.js';
import { bigramSet } from './text-similarity.js';

const DAY = 86_400_000;

/**
 * A row as the matcher's side. Its text is read and its bigrams computed only if the hard rules
 * let the pair through (most candidates stop there), so a candidate costs one row of an index scan.
 */
function side(r: CollisionRow, policy: CollisionPolicy, text: (id: number) => string): CollisionSide {
  let bigrams: ReadonlySet<string> | undefined;
  return {
    category: r.category, subItem: r.sub_item, district: r.district, street: r.street, place: r.place, at: r.at,
    get bigrams() {
      return (bigrams ??= bigramSet(text(r.id), policy.textChars, [r.place, r.street, r.district]));
    },
  };
}

function range(r: CollisionRow, policy: CollisionPolicy) {
  const at = Date.parse(r.at);
  return { category: r.category!, district: r.district!, from: new Date(at - policy.windowDays * DAY).toISOString(), to: new Date(at + policy.windowDays * DAY).toISOString(), place: r.place };
}

type Scored = { row: CollisionRow; score: number; parts: PairParts; relation: 'ticket_before' | 'ticket_after' };

/** The candidates that match `subject`, best first (ties: the earlier one). */
function matches(db: Db, subject: CollisionSide, candidates: readonly CollisionRow[], policy: CollisionPolicy, subjectIsLead: boolean): Scored[] {
  const out: Scored[] = [];
  const text = subjectIsLead ? (id: number) => ticketText(db, id) : (id: number) => leadText(db, id);
  for (const row of candidates) {
    const other = side(row, policy, text);
    const s = subjectIsLead ? scorePair(subject, other, policy) : scorePair(other, subject, policy);
    if (s.match && 'score' in s) out.push({ row, score: s.score, parts: s.parts, relation: s.relation });
  }
  return out.sort((a, b) => b.score - a.score || a.row.at.localeCompare(b.row.at) || a.row.id - b.row.id);
}

/** Inserts the link (unless the pair or the ticket is taken), audits it on the lead, and tells pullers of the lead's work order. */
function link(db: Db, leadId: number, ticket: CollisionRow, m: Omit<Scored, 'row'>, now: string): boolean {
  if (!insertLink(db, { leadId, ticketId: ticket.id, score: m.score, parts: m.parts, relation: m.relation, linkedBy: 'system', now })) return false;
  const after = { ticket_no: ticket.ticket_no ?? null, relation: m.relation, score: m.score };
  recordAudit(db, { actor: SYSTEM, entity: 'lead', entityId: leadId, action: 'ticket_link', after });
  // The department pulling /api/v1/work-orders sees the linked ticket with the order's next change.
  const order = getWorkOrderByLead(db, leadId);
  if (order) recordWorkOrderChange(db, order.id, { actor: SYSTEM, at: now, action: 'ticket_link', events: [] });
  return true;
}

/**
 * A screened ticket: linked to the best matching live lead (first post within the window either
 * side), unless it already has a live link or a person undid that pair. Call it in the transaction
 * that saved the reading, or on its own. Returns the lead linked to, if any.
 */
export function collideTicket(db: Db, ticketId: number, policy: CollisionPolicy, now: string): number | undefined {
  const ticket = ticketForCollision(db, ticketId);
  if (!ticket) return undefined;
  const subject = side(ticket, policy, (id) => ticketText(db, id));
  for (const m of matches(db, subject, leadsIn(db, range(ticket, policy)), policy, false)) {
    if (link(db, m.row.id, ticket, m, now)) return m.row.id;
  }
  return undefined;
}

/**
 * The hook for the ticket import: after a batch of readings is saved (same transaction or the
 * next), each ticket is matched. Returns how many were linked.
 */
export function collideTickets(db: Db, ticketIds: readonly number[], policy: CollisionPolicy, now: string): number {
  let linked = 0;
  for (const id of ticketIds) if (collideTicket(db, id, policy, now) !== undefined) linked++;
  return linked;
}

/**
 * A lead (new, or a post joined it): every unlinked ticket of the window that matches is linked to
 * it. A ticket received before the lead's first post makes it 已诉. Returns how many were linked.
 */
export function collideLead(db: Db, leadId: number, policy: CollisionPolicy, now: string): number {
  const lead = leadForCollision(db, leadId);
  if (!lead || !lead.category || !lead.district) return 0;
  let linked = 0;
  for (const m of matches(db, side(lead, policy, (id) => leadText(db, id)), unlinkedTicketsIn(db, range(lead, policy)), policy, true)) {
    if (link(db, leadId, m.row, m, now)) linked++;
  }
  return linked;
}

export interface CollidePassResult {
  tickets: number;
  linked: number;
  relationsChanged: number;
}

/**
 * The pass over stored tickets: the ones whose current reading the matcher has not seen (the
 * service every 30 s, `tickets collide`), or with `all` every ticket again and every link's
 * relation recomputed (`tickets collide --all`). Idempotent: a second run links nothing new.
 */
export function collidePass(db: Db, policy: CollisionPolicy, now: string, opts: { all?: boolean; batch?: number; onBatch?: (r: CollidePassResult) => void } = {}): CollidePassResult {
  const all = opts.all ?? false;
  const result: CollidePassResult = { tickets: 0, linked: 0, relationsChanged: all ? inTransaction(db, () => refreshRelations(db)) : 0 };
  for (let after = 0; ;) {
    const batch = ticketsToCollide(db, after, opts.batch ?? 1000, all);
    if (batch.length === 0) return result;
    result.linked += inTransaction(db, () => {
      const linked = collideTickets(db, batch.map((t) => t.id), policy, now);
      for (const t of batch) markCollided(db, t.id, t.screened_at, now);
      return linked;
    });
    result.tickets += batch.length;
    after = batch.at(-1)!.id;
    opts.onBatch?.(result);
  }
}
