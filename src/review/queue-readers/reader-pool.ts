import { Worker } from 'node:worker_threads';
import type { AppContext } from '../../context.js';
import { databaseFile } from '../../config/load.js';
import { ValidationError } from '../../errors.js';
import { listQueue } from '../queue.js';
import type { ReaderReply, ReaderRequest } from './messages.js';

type Page = ReturnType<typeof listQueue>;
interface Pending {
  request: ReaderRequest;
  worker: Worker;
  resolve: (page: Page) => void;
  reject: (err: Error) => void;
}
const BOOT = new URL('../../threads/ts-worker-boot.mjs', import.meta.url);
const ENTRY = new URL('./reader-thread.ts', import.meta.url).href;

/**
 * Review-queue pages listed on reader threads (config.queueReaders), each with its own read-only
 * connection: a WAL reader sees every committed transaction, and the web thread commits before it
 * answers, so a verifier always reads their own writes. With 0 readers, or once a reader thread has
 * died, pages are listed inline on the calling thread: slower under load, never wrong.
 */
export class QueueReaders {
  private readonly workers: Worker[] = [];
  private readonly pending = new Map<number, Pending>();
  private seq = 0;
  private turn = 0;

  constructor(private readonly ctx: AppContext) {
    const dbFile = databaseFile(ctx.config);
    if (dbFile === ':memory:') return;
    for (let i = 0; i < ctx.config.queueReaders; i++) this.spawn(dbFile);
  }

  private spawn(dbFile: string): void {
    const worker = new Worker(BOOT, { workerData: { entry: ENTRY, dbFile } });
    worker.unref(); // never what keeps the process alive
    worker.on('message', (m: ReaderReply | { ready: true }) => {
      if (!('id' in m)) return;
      const waiting = this.pending.get(m.id);
      if (!waiting) return;
      this.pending.delete(m.id);
      if (m.error) waiting.reject(m.error.name === 'ValidationError' ? new ValidationError(m.error.message, m.error.field) : new Error(`queue reader: ${m.error.message}`));
      else waiting.resolve(m.result as Page);
    });
    const lost = (err: Error) => {
      if (!this.workers.includes(worker)) return;
      this.ctx.log.error({ err }, 'queue reader thread stopped; its requests and the next ones are listed inline');
      this.workers.splice(this.workers.indexOf(worker), 1);
      for (const [id, waiting] of this.pending) {
        if (waiting.worker !== worker) continue;
        this.pending.delete(id);
        this.inline(waiting.request).then(waiting.resolve, waiting.reject);
      }
    };
    worker.on('error', lost);
    worker.on('exit', (code) => lost(new Error(`exit code ${code}`)));
    this.workers.push(worker);
  }

  private inline(r: ReaderRequest): Promise<Page> {
    try {
      return Promise.resolve(listQueue(this.ctx.db, r.query, r.categoryNames, new Date(r.now)));
    } catch (err) {
      return Promise.reject(err as Error);
    }
  }

  list(query: ReaderRequest['query'], categoryNames: Record<string, string>, now = new Date()): Promise<Page> {
    const request: ReaderRequest = { id: ++this.seq, query, categoryNames, now: now.toISOString() };
    const worker = this.workers[this.turn++ % Math.max(1, this.workers.length)];
    if (!worker) return this.inline(request);
    return new Promise((resolve, reject) => {
      this.pending.set(request.id, { request, worker, resolve, reject });
      worker.postMessage(request);
    });
  }

  /** Ends the threads (tests, shutdown); later pages are listed inline. */
  async close(): Promise<void> {
    const workers = this.workers.splice(0);
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
