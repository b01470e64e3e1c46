import type { AppContext } from '../context.js';
import { figureState } from '../storage/analytics.js';
import type { Db } from '../storage/database.js';
import { ReaderPool } from '../threads/readers/reader-pool.js';
import type { TaskArgs, TaskResult } from '../threads/readers/reader-tasks.js';
import type { AtState } from './state-read.js';

/** The reader tasks whose answer is a figure read at a store state. */
type FigureTask = 'cityHotspots' | 'periodOrders';
type Value<K extends FigureTask> = TaskResult<K> extends AtState<infer T> ? T : never;

/** Entries kept per store: the periods and districts supervisors look at (this week, this month, by district). */
const LIMIT = 256;
const caches = new WeakMap<Db, Map<string, { state: string; value: unknown }>>();
const flights = new WeakMap<Db, Map<string, { state: string; promise: Promise<unknown> }>>();
const pools = new WeakMap<AppContext, ReaderPool>();

function mapOf<V>(maps: WeakMap<Db, Map<string, V>>, db: Db): Map<string, V> {
  let m = maps.get(db);
  if (!m) maps.set(db, (m = new Map()));
  return m;
}

/** The figure reader threads of this context (config.figureReaders), started on first use. */
function figureReaders(ctx: AppContext): ReaderPool {
  let pool = pools.get(ctx);
  if (!pool) pools.set(ctx, (pool = new ReaderPool(ctx, 'figures', ctx.config.figureReaders)));
  return pool;
}

/**
 * A period's figure, read on a figure reader thread and kept until the store changes (figureState):
 * a city month of hotspots or orders costs hundreds of milliseconds to read and group, which on the
 * web thread would hold every other request; the pages ask for the same few periods again and again.
 * Requests for a figure already being read wait for that read instead of starting another. Exact for
 * the state it was read at; the oldest entries go first.
 */
export async function cachedFigure<K extends FigureTask>(ctx: AppContext, task: K, args: TaskArgs<K>): Promise<Value<K>> {
  const key = `${task}|${JSON.stringify(args)}`;
  const cache = mapOf(caches, ctx.db);
  const state = figureState(ctx.db);
  const hit = cache.get(key);
  if (hit?.state === state) {
    cache.delete(key);
    cache.set(key, hit);
    return hit.value as Value<K>;
  }
  const flying = mapOf(flights, ctx.db);
  const flight = flying.get(key);
  if (flight?.state === state) return flight.promise as Promise<Value<K>>;
  const promise = (figureReaders(ctx).run(task, args) as Promise<AtState<Value<K>>>).then(
    (read) => {
      cache.delete(key);
      cache.set(key, read);
      if (cache.size > LIMIT) cache.delete(cache.keys().next().value!);
      return read.value;
    },
  ).finally(() => {
    if (flying.get(key)?.promise === promise) flying.delete(key);
  });
  flying.set(key, { state, promise });
  return promise;
}

/** Ends this context's figure threads (tests; the threads never keep a process alive). */
export async function closeFigureReaders(ctx: AppContext): Promise<void> {
  await pools.get(ctx)?.close();
  pools.delete(ctx);
}
