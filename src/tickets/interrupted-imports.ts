import { processAlive } from '../crawl/interrupted-runs.js';
import type { Db } from '../storage/database.js';
import { nowIso } from '../storage/database.js';
import { markInterruptedImports } from '../storage/ticket-imports.js';

/**
 * Marks imports of processes that are gone (a CLI import killed mid-way, a web process that
 * stopped) interrupted: before an import starts and before the history is shown. Rerunning the
 * same file completes it (tickets are keyed by source and number).
 */
export function markAbandonedImports(db: Db): number[] {
  return markInterruptedImports(db, processAlive, nowIso());
}
