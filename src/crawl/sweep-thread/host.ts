import { parentPort } from 'node:worker_threads';
import { createLogger, type Logger } from '../../log.js';
import { openDatabase, type Db } from '../../storage/database.js';
import { BlockedPageError } from '../accounts/blocked-page.js';
import { Sweep } from '../sweep.js';
import type { SerialisedError, StoredEvent, SweepCall, SweepOutcome, SweepReply, SweepRequest } from './messages.js';

/**
 * The sweep thread: hosts the sweeps of every running crawl of this process. The main thread
 * fetches (Crawlee) and hands over each body; parsing, extraction and the SQLite writes happen
 * here, on the second core. One connection per database file, shared by its runs.
 */
const port = parentPort!;
const sweeps = new Map<string, { sweep: Sweep; dbFile: string }>();
const connections = new Map<string, { db: Db; runs: number }>();
// one logger (and stderr stream) per level for the thread's life, not one per run
const loggers = new Map<string, Logger>();

function connect(file: string): Db {
  let c = connections.get(file);
  if (!c) {
    // the main thread opened (and migrated) the file before starting the run
    c = { db: openDatabase(file, { migrate: false }), runs: 0 };
    connections.set(file, c);
  }
  c.runs++;
  return c.db;
}

function release(file: string): void {
  const c = connections.get(file);
  if (c && --c.runs === 0) {
    c.db.close();
    connections.delete(file);
  }
}

function sweepOf(run: string): Sweep {
  const s = sweeps.get(run);
  if (!s) throw new Error(`no open sweep for run ${run} in the sweep thread (it restarted); the run ends and the next one resumes from the frontier`);
  return s.sweep;
}

async function handle(call: SweepCall): Promise<unknown> {
  switch (call.op) {
    case 'open': {
      const db = connect(call.dbFile);
      let log = loggers.get(call.logLevel);
      if (!log) loggers.set(call.logLevel, (log = createLogger(call.logLevel)));
      const store = { db, log };
      const sweep = new Sweep(store, call.def, call.runId, {
        dryRun: call.dryRun,
        maxPages: call.maxPages,
        userAgent: call.userAgent,
        viaProxy: call.viaProxy,
        afterStore: (newIds) => port.postMessage({ event: 'stored', run: call.run, newIds, totals: sweep.totals } satisfies StoredEvent),
      });
      sweeps.set(call.run, { sweep, dbFile: call.dbFile });
      return null;
    }
    case 'seeds':
      return sweepOf(call.run).seeds();
    case 'listing':
      return sweepOf(call.run).handleListing(call.entry, call.body, call.finalUrl, call.status);
    case 'detail':
      return sweepOf(call.run).handleDetail(call.entry, call.body, call.finalUrl);
    case 'reachedKnownOrCutoff':
      return sweepOf(call.run).reachedKnownOrCutoff(call.body, call.url);
    case 'failure':
      return sweepOf(call.run).handleFailure(call.entry, new Error(call.message), call.block);
    case 'close': {
      const s = sweeps.get(call.run);
      if (!s) return null;
      sweeps.delete(call.run);
      try {
        s.sweep.flush();
      } finally {
        release(s.dbFile);
      }
      return { totals: s.sweep.totals, errorMessages: s.sweep.errorMessages, preview: s.sweep.preview, warnings: s.sweep.warnings(), blocks: s.sweep.blocks } satisfies SweepOutcome;
    }
    case 'heapUsed':
      (globalThis as { gc?: () => void }).gc?.();
      return process.memoryUsage().heapUsed;
  }
}

function serialise(err: unknown): SerialisedError {
  if (err instanceof BlockedPageError) return { name: err.name, message: err.message, block: err.block };
  return err instanceof Error ? { name: err.name, message: err.message } : { name: 'Error', message: String(err) };
}

port.on('message', (request: SweepRequest) => {
  const run = 'run' in request.call ? request.call.run : '';
  // the run's state so far rides on every answer: the main thread shows it while the run goes
  const state = () => {
    const sweep = sweeps.get(run)?.sweep;
    return { totals: sweep?.totals, errorMessages: sweep?.errorMessages };
  };
  handle(request.call).then(
    (value) => port.postMessage({ id: request.id, ok: true, value, ...state() } satisfies SweepReply),
    (err: unknown) => port.postMessage({ id: request.id, ok: false, error: serialise(err), ...state() } satisfies SweepReply),
  );
});
