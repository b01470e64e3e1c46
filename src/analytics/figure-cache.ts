import type { AppContext } from '../context.js';
import { figureState } from '../storage/analytics.js';
import type { Db } from '../storage/database.js';
import { ReaderPool } from '../threads/readers/reader-pool.js';
import type { TaskArgs, TaskResult } from '../threads/readers/reader-tasks.js';
import { readAtState, type AtState } from './state-read.js';

/** The reader tasks whose answer is a figure read at a store state. */
type FigureTask = 'cityHotspots' | 'periodOrders';
type Value<K extends FigureTask> = TaskResult<K> extends AtState<infer T> ? T : never;

/** Entries kept per store: the periods and districts supervisors look at (this week, this month, by district). */
const LIMIT = 256;
/** A changed figure is read again in the background at most this often (a busy store changes every second). */
const REFRESH_MS = 5_000;
const caches = new WeakMap<Db, Map<string, { state: string; value: unknown; readAt: number }>>();
const flights = new WeakMap<Db, Map<string, { state: string; promise: Promise<Kept<unknown>> }>>();
const pools = new WeakMap<AppContext, ReaderPool>();

function mapOf<V>(maps: WeakMap<Db, Map<string, V>>, db: Db): Map<string, V> {
  let m = maps.get(db);
  if (!m) maps.set(db, (m = new Map()));
  return m;
}

/** Keeps a read as the newest entry; the oldest entries go first. */
function keep(db: Db, key: string, entry: { state: string; value: unknown; readAt: number }): void {
  const cache = mapOf(caches, db);
  cache.delete(key);
  cache.set(key, entry);
  if (cache.size > LIMIT) cache.delete(cache.keys().next().value!);
}

/**
 * A few summary reads a page makes on every request (a month of the overview: ~15 ms), kept on this
 * thread while the store state is the one they were read at.
 */
export function keptRead<T>(db: Db, key: string, read: () => T): T {
  const hit = mapOf(caches, db).get(key);
  if (hit?.state === figureState(db)) {
    keep(db, key, hit);
    return hit.value as T;
  }
  const r = readAtState(db, read);
  keep(db, key, { ...r, readAt: Date.now() });
  return r.value;
}

/** The figure reader threads of this context (config.figureReaders), started on first use. */
function figureReaders(ctx: AppContext): ReaderPool {
  let pool = pools.get(ctx);
  if (!pool) pools.set(ctx, (pool = new ReaderPool(ctx, 'figures', ctx.config.figureReaders)));
  return pool;
}

/** A kept figure and the time it describes: now when the store has not changed since it was read, else its read time. */
export interface Kept<T> {
  value: T;
  asOf: string;
}

/**
 * A period's figure, read on a figure reader thread and kept per store state (figureState): a city
 * month of hotspots or orders costs hundreds of milliseconds to read and group, which on the web
 * thread would hold every other request; the pages ask for the same few periods again and again.
 * Requests for a figure already being read wait for that read instead of starting another. After the
 * store changes, a figure read less than FIGURE_MAX_STALE_SECONDS ago is answered at once with its
 * read time (`asOf`), and read again in the background once it is REFRESH_MS old (a busy store
 * changes every few seconds: without this every supervisor's request would wait for a fresh month,
 * and the threads would read without pause); 0 keeps every answer exact. The oldest entries go first.
 */
export async function cachedFigure<K extends FigureTask>(ctx: AppContext, task: K, args: TaskArgs<K>, now: Date = new Date()): Promise<Kept<Value<K>>> {
  const key = `${task}|${JSON.stringify(args)}`;
  const state = figureState(ctx.db);
  const hit = mapOf(caches, ctx.db).get(key);
  if (hit) keep(ctx.db, key, hit);
  if (hit?.state === state) return { value: hit.value as Value<K>, asOf: now.toISOString() };
  const flying = mapOf(flights, ctx.db);
  const flight = flying.get(key);
  const read = (): Promise<Kept<Value<K>>> => {
    const started = Date.now(); // the snapshot is taken after this: the figure describes no earlier moment
    const promise = (figureReaders(ctx).run(task, args) as Promise<AtState<Value<K>>>)
      .then((r) => {
        keep(ctx.db, key, { ...r, readAt: started });
        return { value: r.value, asOf: new Date(started).toISOString() };
      })
      .finally(() => {
        if (flying.get(key)?.promise === promise) flying.delete(key);
      });
    flying.set(key, { state, promise });
    return promise;
  };
  const bound = ctx.config.figureMaxStaleSeconds * 1000;
  const age = hit ? now.getTime() - hit.readAt : Infinity;
  if (age <= bound) {
    // stale but within the bound: answered now; read again unless a read is on its way or this one is very recent
    if (!flight && age >= Math.min(REFRESH_MS, bound / 2)) {
      read().catch((err: unknown) => ctx.log.error({ err, figure: task }, 'reading a figure again in the background failed; the last one is answered until a read succeeds'));
    }
    return { value: hit!.value as Value<K>, asOf: new Date(hit!.readAt).toISOString() };
  }
  // nothing to answer with: wait for a read. One on its way serves when it began at this state, or, with
  // staleness allowed, at an earlier one (it began moments ago; starting another per change would pile reads up)
  if (flight && (flight.state === state || bound > 0)) return flight.promise as Promise<Kept<Value<K>>>;
  return read();
}

/** Ends this context's figure threads (tests; the threads never keep a process alive). */
export async function closeFigureReaders(ctx: AppContext): Promise<void> {
  await pools.get(ctx)?.close();
  pools.delete(ctx);
}
