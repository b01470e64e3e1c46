import { Worker } from 'node:worker_threads';
import type { AppContext } from '../../context.js';
import { databaseFile } from '../../config/load.js';
import { ValidationError } from '../../errors.js';
import type { ReaderReply, ReaderRequest } from './messages.js';
import { runTask, type TaskArgs, type TaskName, type TaskResult } from './reader-tasks.js';

interface Pending {
  request: ReaderRequest;
  worker: Worker;
  resolve: (result: unknown) => void;
  reject: (err: Error) => void;
}
const BOOT = new URL('../ts-worker-boot.mjs', import.meta.url);
const ENTRY = new URL('./reader-thread.ts', import.meta.url).href;

/**
 * Reads of the store (READER_TASKS) on reader threads, each with its own read-only connection: a
 * WAL reader sees every committed transaction, and the web thread commits before it answers, so a
 * caller always reads its own writes. A request goes to the thread with the fewest waiting. With 0
 * threads, or once a thread has died, tasks run inline on the calling thread: slower under load,
 * never wrong. Pools are separate per use (the queue, the figures) so a month of hotspots never
 * waits in front of a verifier's page.
 */
export class ReaderPool {
  private readonly workers: Worker[] = [];
  private readonly pending = new Map<number, Pending>();
  private readonly load = new Map<Worker, number>();
  private seq = 0;

  constructor(
    private readonly ctx: AppContext,
    /** named in logs: "queue", "figures" */
    readonly name: string,
    threads: number,
  ) {
    const dbFile = databaseFile(ctx.config);
    if (dbFile === ':memory:') return;
    for (let i = 0; i < threads; i++) this.spawn(dbFile);
  }

  private spawn(dbFile: string): void {
    const worker = new Worker(BOOT, { workerData: { entry: ENTRY, dbFile } });
    worker.unref(); // never what keeps the process alive
    worker.on('message', (m: ReaderReply | { ready: true }) => {
      if (!('id' in m)) return;
      const waiting = this.pending.get(m.id);
      if (!waiting) return;
      this.pending.delete(m.id);
      this.load.set(worker, (this.load.get(worker) ?? 1) - 1);
      if (m.error) waiting.reject(m.error.name === 'ValidationError' ? new ValidationError(m.error.detail ?? m.error.message, m.error.field) : new Error(`${this.name} reader: ${m.error.message}`));
      else waiting.resolve(m.result);
    });
    const lost = (err: Error) => {
      if (!this.workers.includes(worker)) return;
      this.ctx.log.error({ err, pool: this.name }, 'reader thread stopped; its requests and the next ones run inline');
      this.workers.splice(this.workers.indexOf(worker), 1);
      this.load.delete(worker);
      for (const [id, waiting] of this.pending) {
        if (waiting.worker !== worker) continue;
        this.pending.delete(id);
        this.inline(waiting.request).then(waiting.resolve, waiting.reject);
      }
    };
    worker.on('error', lost);
    worker.on('exit', (code) => lost(new Error(`exit code ${code}`)));
    this.workers.push(worker);
    this.load.set(worker, 0);
  }

  private inline(r: ReaderRequest): Promise<unknown> {
    try {
      return Promise.resolve(runTask(this.ctx.db, r.task, r.args as never));
    } catch (err) {
      return Promise.reject(err as Error);
    }
  }

  /** The thread with the fewest requests waiting (the first of equals). */
  private idlest(): Worker | undefined {
    let best: Worker | undefined;
    for (const w of this.workers) if (!best || this.load.get(w)! < this.load.get(best)!) best = w;
    return best;
  }

  run<K extends TaskName>(task: K, args: TaskArgs<K>): Promise<TaskResult<K>> {
    const request: ReaderRequest = { id: ++this.seq, task, args };
    const worker = this.idlest();
    if (!worker) return this.inline(request) as Promise<TaskResult<K>>;
    this.load.set(worker, this.load.get(worker)! + 1);
    return new Promise((resolve, reject) => {
      this.pending.set(request.id, { request, worker, resolve: resolve as (r: unknown) => void, reject });
      worker.postMessage(request);
    });
  }

  /** Ends the threads (tests, shutdown); later tasks run inline. */
  async close(): Promise<void> {
    const workers = this.workers.splice(0);
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
