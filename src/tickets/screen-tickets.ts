import type { Db } from '../storage/database.js';
import { nowIso } from '../storage/database.js';
import { saveReadings, unscreenedTickets, type TicketForScreening, type TicketReading } from '../storage/tickets.js';

/** Reads a batch of tickets: on this thread, or on the screening pool's workers. */
export type BatchReader = (tickets: TicketForScreening[]) => Promise<TicketReading[]>;

/**
 * The engine pass over tickets, pipelined with an import: `pump` sends the tickets not yet read
 * (new, or changed in what the engine reads) in batches, at most `inFlight` at a time, waiting for
 * the oldest when full; each answer is stored in its own transaction with `screened_at`, the
 * progress mark, so a killed run reads again only what was not stored. `drain` reads the rest.
 */
export class TicketScreening {
  private after = 0;
  private readonly pending: Promise<void>[] = [];
  private failure: Error | null = null;
  done = 0;

  constructor(
    private readonly db: Db,
    private readonly read: BatchReader,
    private readonly batch = 1000,
    private readonly inFlight = 4,
  ) {}

  /** Sends what is unread; returns once fewer than `inFlight` batches are out. */
  async pump(): Promise<void> {
    for (;;) {
      while (this.pending.length >= this.inFlight) await this.pending.shift();
      if (this.failure) throw this.failure;
      const tickets = unscreenedTickets(this.db, this.batch, this.after);
      if (tickets.length === 0) return;
      this.after = tickets.at(-1)!.id;
      this.pending.push(
        this.read(tickets).then((readings) => {
          saveReadings(this.db, readings, nowIso());
          this.done += readings.length;
        }, (err: Error) => {
          this.failure ??= err;
        }),
      );
    }
  }

  /** Sends the rest and waits for every answer. */
  async drain(): Promise<number> {
    await this.pump();
    while (this.pending.length > 0) await this.pending.shift();
    if (this.failure) throw this.failure;
    return this.done;
  }
}
