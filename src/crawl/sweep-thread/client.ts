import { Worker } from 'node:worker_threads';
import { NonRetryableError } from '../../errors.js';
import { BlockedPageError } from '../accounts/blocked-page.js';
import type { SerialisedError, StoredEvent, SweepCall, SweepReply, SweepThreadMessage } from './messages.js';
import type { SweepTotals } from '../sweep.js';

/** A run's totals and first errors so far, as the sweep thread answered them. */
interface RunState {
  totals?: SweepTotals;
  errorMessages?: string[];
}

interface Pending {
  resolve(value: RunState & { value: unknown }): void;
  reject(err: Error): void;
}

/** Errors come back by class name: NonRetryableError must stay one, or Crawlee would retry a page that cannot parse; a wall keeps its kind. */
function revive(error: SerialisedError): Error {
  if (error.block) return new BlockedPageError(error.block, error.message);
  const err = error.name === 'NonRetryableError' ? new NonRetryableError(error.message) : new Error(error.message);
  if (error.name !== 'NonRetryableError') err.name = error.name;
  return err;
}

/**
 * The main thread's side of the sweep thread: one worker per process, started on the first
 * run and kept (unreferenced, so it never holds the process open) while no run needs it.
 * If it dies, its pending calls fail and the next run starts a new one.
 */
export class SweepThread {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly listeners = new Map<string, (event: StoredEvent) => void>();
  private active = 0;
  /** Counts thread starts: a run's sweep lives in the thread it was opened in, and dies with it. */
  private generation = 0;

  /**
   * A run begins: the thread must keep the process alive until it ends. Returns the thread's
   * generation, which the run's calls carry.
   */
  acquire(run: string, onStored: (event: StoredEvent) => void): number {
    this.listeners.set(run, onStored);
    const worker = this.started();
    if (this.active++ === 0) worker.ref();
    return this.generation;
  }

  release(run: string): void {
    this.listeners.delete(run);
    if (--this.active === 0) this.worker?.unref();
  }

  /** A call for a run opened in thread `generation`; fails at once (not retryable) if that thread has stopped since. */
  call<T>(call: SweepCall, generation: number): Promise<RunState & { value: T }> {
    const worker = this.worker;
    if (!worker || generation !== this.generation) {
      return Promise.reject(new NonRetryableError(`the sweep thread this run was using has stopped; pages stored so far are safe and the next run resumes from the frontier`));
    }
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as Pending['resolve'], reject });
      worker.postMessage({ id, call });
    });
  }

  /** The thread's heap in bytes, or null when it is not running (the soak samples it next to the main thread's). */
  async heapUsed(): Promise<number | null> {
    if (!this.worker) return null;
    return (await this.call<number>({ op: 'heapUsed' }, this.generation)).value;
  }

  /** Stops the thread (service shutdown, after the runs ended); calls still pending fail. */
  async stop(): Promise<void> {
    const worker = this.worker;
    if (!worker) return;
    this.lost(worker, 'stopped');
    await worker.terminate();
  }

  private started(): Worker {
    if (this.worker) return this.worker;
    this.generation++;
    const worker = new Worker(new URL('../../threads/ts-worker-boot.mjs', import.meta.url), {
      workerData: { entry: new URL('./host.ts', import.meta.url).href },
    });
    worker.on('message', (m: SweepThreadMessage) => this.receive(m));
    worker.on('error', (err) => this.lost(worker, err.message));
    worker.on('exit', (code) => this.lost(worker, `exit code ${code}`));
    if (this.active === 0) worker.unref();
    this.worker = worker;
    return worker;
  }

  /** The thread is gone (stopped, crashed): its pending calls fail, the next run starts a new one. */
  private lost(worker: Worker, reason: string): void {
    if (this.worker !== worker) return;
    this.worker = null;
    for (const p of this.pending.values()) p.reject(new NonRetryableError(`the sweep thread stopped (${reason}); pages stored so far are safe and the next run resumes from the frontier`));
    this.pending.clear();
  }

  private receive(m: SweepThreadMessage): void {
    if ('event' in m) {
      this.listeners.get(m.run)?.(m);
      return;
    }
    const p = this.pending.get(m.id);
    if (!p) return;
    this.pending.delete(m.id);
    const reply = m as SweepReply;
    if (reply.ok) p.resolve({ value: reply.value, totals: reply.totals, errorMessages: reply.errorMessages });
    else p.reject(revive(reply.error));
  }
}

/** The process's sweep thread. */
export const sweepThread = new SweepThread();
