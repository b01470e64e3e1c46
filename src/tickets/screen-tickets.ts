import type { Logger } from '../log.js';
import type { Db } from '../storage/database.js';
import { nowIso } from '../storage/database.js';
import { saveReadings, unscreenedTickets, type TicketReading } from '../storage/tickets.js';
import { ticketReading, type ReadingParts } from './ticket-reading.js';

/**
 * The engine pass over tickets: every ticket not yet read (new, or changed in what the engine
 * reads) gets its reading, a batch per transaction; `screened_at` is the progress mark, so a
 * killed run resumes where it stopped. A ticket the engine fails on is logged and stored as no
 * lead (it never blocks the others). Returns how many were read.
 */
export function screenTickets(db: Db, parts: ReadingParts, log?: Logger, batch = 1000): number {
  let done = 0;
  let after = 0;
  for (;;) {
    const tickets = unscreenedTickets(db, batch, after);
    if (tickets.length === 0) return done;
    const readings = tickets.map((t): TicketReading => {
      try {
        return ticketReading(t, parts);
      } catch (err) {
        log?.error({ ticketId: t.id, err: (err as Error).message }, 'the engine failed on a ticket; stored as no lead');
        return { id: t.id, is_lead: false, category: null, sub_item: null, urgency: null, district: parts.district(t.district_raw), street: null, place: null, domains: [] };
      }
    });
    saveReadings(db, readings, nowIso());
    done += tickets.length;
    after = tickets.at(-1)!.id;
  }
}
