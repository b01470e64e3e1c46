import type { AppContext } from '../context.js';
import { markInterruptedRuns } from '../storage/crawl-runs.js';

/** Is this process still running? (EPERM: it is, under another user.) */
export function processAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Marks the runs of processes that are gone (a CLI crawl killed mid-way, a crashed service) as
 * interrupted. Called at the start of every command and of the service; returns their platforms.
 */
export function markAbandonedRuns(ctx: Pick<AppContext, 'db' | 'log'>): string[] {
  const platforms = markInterruptedRuns(ctx.db, processAlive);
  if (platforms.length > 0) ctx.log.info({ platforms }, 'crawl runs of a process that is gone marked interrupted');
  return platforms;
}
