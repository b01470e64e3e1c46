import type { AppContext } from '../context.js';
import { inTransaction, nowIso } from '../storage/database.js';
import { deleteTicketLead, markTicketScreened, screenedTicketsAfter, ticketLeadsOfTicket, ticketsToScreen, upsertTicketLead, type ScreenableTicket } from '../storage/ticket-leads.js';
import { screenTicket, type ScreeningInput } from './screen-ticket.js';
import { screeningTopicsFor, type ScreeningTopics } from './screening-topics.js';

export interface ScreeningSummary {
  tickets: number;
  added: number;
  /** hits that no longer hold and were still 待核查: removed (a reviewed hit stays, with its decision) */
  removed: number;
  /** per topic code: hits added */
  byTopic: Record<string, number>;
}

const BATCH = 500;

function screeningInput(t: ScreenableTicket): ScreeningInput {
  let domains: string[] = [];
  try {
    const parsed: unknown = JSON.parse(t.domains);
    if (Array.isArray(parsed)) domains = parsed.filter((d): d is string => typeof d === 'string');
  } catch {
    // a malformed domains column reads as none: the other filters still apply
  }
  return { ...t, domains };
}

/** Screens one ticket against the topics inside the caller's transaction: adds new hits, refreshes known ones, drops pending ones that no longer hold. */
function screenOne(ctx: AppContext, topics: ScreeningTopics, t: ScreenableTicket, now: string, sum: ScreeningSummary): void {
  const hits = screenTicket(topics, screeningInput(t));
  const known = new Map(ticketLeadsOfTicket(ctx.db, t.id).map((l) => [l.topic, l]));
  for (const hit of hits) {
    if (!known.has(hit.topic)) {
      sum.added++;
      sum.byTopic[hit.topic] = (sum.byTopic[hit.topic] ?? 0) + 1;
    }
    upsertTicketLead(ctx.db, { ticket_id: t.id, topic: hit.topic, received_at: t.received_at, district: t.district ?? t.district_raw, category: t.category, reasons: JSON.stringify(hit.reasons), spans: JSON.stringify(hit.spans), now });
    known.delete(hit.topic);
  }
  for (const stale of known.values()) {
    if (stale.status !== 'pending') continue;
    deleteTicketLead(ctx.db, stale.id);
    sum.removed++;
  }
  markTicketScreened(ctx.db, t.id, t.screened_at!, topics.sha, now);
}

/**
 * 过筛子: runs after the engine has read a ticket (screened_at set). Pending tickets (never screened
 * against topics, or read again by the engine) or, with `all`, every screened ticket (the topics
 * changed). Batches of 500, each one transaction; rerunning never duplicates a hit (unique key).
 * A reading is marked with its screened_at, so a ticket the engine reads again is screened again.
 */
export function screenTicketTopics(ctx: AppContext, opts: { all?: boolean } = {}): ScreeningSummary {
  const topics = screeningTopicsFor(ctx.config.rulesDir);
  const sum: ScreeningSummary = { tickets: 0, added: 0, removed: 0, byTopic: {} };
  let after: ScreenableTicket | null = null;
  for (;;) {
    // --all walks every screened ticket by id; otherwise the pending ones by (screened_at, id)
    const batch: ScreenableTicket[] = opts.all ? screenedTicketsAfter(ctx.db, after?.id ?? 0, BATCH) : ticketsToScreen(ctx.db, after && { screened_at: after.screened_at!, id: after.id }, BATCH);
    if (batch.length === 0) break;
    const now = nowIso();
    inTransaction(ctx.db, () => {
      for (const t of batch) screenOne(ctx, topics, t, now, sum);
    });
    sum.tickets += batch.length;
    after = batch[batch.length - 1]!;
  }
  return sum;
}
