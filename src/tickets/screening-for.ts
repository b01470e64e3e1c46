import type { AppContext } from '../context.js';
import { judgeContext } from '../leads/lead-step.js';
import { readingParts } from './reading-parts.js';
import { TicketScreening } from './screen-tickets.js';
import { ScreeningPool } from './screening-pool/screening-pool.js';
import { readBatch } from './ticket-reading.js';

/**
 * The engine pass an import runs with: on `workers` worker threads (each loads the rules and the
 * model: ~1 s), or on this thread. `close` stops the workers.
 */
export function screeningFor(ctx: AppContext, workers: number | 'this-thread'): { screening: TicketScreening; close: () => Promise<void> } {
  if (workers === 'this-thread') {
    const parts = readingParts(ctx);
    const onError = (id: number, err: Error) => ctx.log.error({ ticketId: id, err: err.message }, 'the engine failed on a ticket; stored as no lead');
    return { screening: new TicketScreening(ctx.db, async (t) => readBatch(t, parts, onError)), close: async () => {} };
  }
  const pool = new ScreeningPool({ rulesDir: ctx.config.rulesDir, city: ctx.config.city, model: judgeContext(ctx).models?.current, workers });
  return { screening: new TicketScreening(ctx.db, (t) => pool.read(t), 1000, workers * 2), close: () => pool.close() };
}
