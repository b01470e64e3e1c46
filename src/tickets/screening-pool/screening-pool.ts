import { Worker } from 'node:worker_threads';
import type { ActiveModel } from '../../engine/judge.js';
import { encodeModel } from '../../model/model-file.js';
import type { TicketForScreening, TicketReading } from '../../storage/tickets.js';
import type { ScreeningRequest, ScreeningResult, ScreeningSetup } from './messages.js';

/**
 * The engine pass on other cores: worker threads, each with its own engine and model (as the
 * classify pool), reading batches of tickets while the main thread goes on reading and storing
 * the file. Batches go round robin; each answer resolves its own promise.
 */
export class ScreeningPool {
  private readonly workers: Worker[];
  private readonly waiting = new Map<number, { resolve: (r: TicketReading[]) => void; reject: (e: Error) => void }>();
  private seq = 0;
  private failure: Error | null = null;

  constructor(o: { rulesDir: string; city: string; model?: ActiveModel; workers: number }) {
    const setup: ScreeningSetup = {
      entry: new URL('./host.ts', import.meta.url).href,
      rulesDir: o.rulesDir,
      city: o.city,
      model: o.model ? { version: o.model.version, bytes: encodeModel(o.model.model) } : null,
    };
    this.workers = Array.from({ length: o.workers }, () => {
      const w = new Worker(new URL('../../threads/ts-worker-boot.mjs', import.meta.url), { workerData: setup });
      w.on('message', (r: ScreeningResult) => {
        const waiter = this.waiting.get(r.seq);
        this.waiting.delete(r.seq);
        if ('error' in r) waiter?.reject(new Error(`a screening worker failed: ${r.error}`));
        else waiter?.resolve(r.readings);
      });
      w.on('error', (err) => this.fail(new Error(`a screening worker failed: ${err.message}`)));
      w.on('exit', (code) => {
        if (code !== 0) this.fail(new Error(`a screening worker stopped (exit code ${code})`));
      });
      return w;
    });
  }

  read(tickets: TicketForScreening[]): Promise<TicketReading[]> {
    if (this.failure) return Promise.reject(this.failure);
    const seq = this.seq++;
    const request: ScreeningRequest = { seq, tickets };
    return new Promise((resolve, reject) => {
      this.waiting.set(seq, { resolve, reject });
      this.workers[seq % this.workers.length]!.postMessage(request);
    });
  }

  async close(): Promise<void> {
    this.failure ??= new Error('the screening pool is closed');
    await Promise.all(this.workers.map((w) => w.terminate()));
  }

  private fail(err: Error): void {
    if (this.failure) return;
    this.failure = err;
    for (const w of this.waiting.values()) w.reject(err);
    this.waiting.clear();
  }
}
