import { availableParallelism } from 'node:os';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { Worker } from 'node:worker_threads';
import { encodeModel } from '../../model/model-file.js';
import { verdictLines, type StreamStats } from '../classify-stream.js';
import type { Engine } from '../engine.js';
import type { ActiveModel } from '../judge.js';
import type { BatchRequest, BatchResult, PoolSetup } from './messages.js';

export interface PoolOptions {
  engine: Engine;
  model?: ActiveModel;
  rulesDir: string;
  city: string;
  /** Worker threads (default: the machine's cores, at most 4). 1 classifies on this thread. */
  workers?: number;
  /** Lines per batch; an input shorter than one batch never starts a worker. */
  batchLines?: number;
}

export const defaultWorkers = () => Math.max(1, Math.min(4, availableParallelism()));

/**
 * `classify` on every core: lines go in batches to worker threads (each with its own engine and
 * model), verdicts come back and are written strictly in input order. Memory stays bounded:
 * reading pauses while two batches per worker are in flight or the output is full. A short input
 * is classified on this thread (starting workers would cost more than it saves).
 */
export function classifyPooled(input: Readable, output: Writable, o: PoolOptions, onProgress?: (s: StreamStats) => void): Promise<StreamStats> {
  const workers = o.workers ?? defaultWorkers();
  const batchLines = o.batchLines ?? 1000;
  const stats: StreamStats = { lines: 0, leads: 0, errors: 0 };
  const rl = createInterface({ input, crlfDelay: Infinity });
  return new Promise((resolve, reject) => {
    let pool: Worker[] | null = null;
    let buffer: string[] = [];
    let bufferStart = 1;
    let lineNo = 0;
    let sent = 0;
    let written = 0;
    let closed = false;
    let outputFull = false;
    let failed = false;
    const results = new Map<number, BatchResult>();
    let progressAt = 100_000;

    const fail = (err: Error) => {
      if (failed) return;
      failed = true;
      for (const w of pool ?? []) void w.terminate();
      reject(err);
    };
    const throttle = () => {
      const busy = sent - written >= (pool?.length ?? 1) * 2 || outputFull;
      if (busy) rl.pause();
      else if (!closed) rl.resume();
    };
    const finishIfDone = () => {
      if (!closed || written < sent || failed) return;
      for (const w of pool ?? []) void w.terminate();
      resolve(stats);
    };
    const receive = (r: BatchResult) => {
      results.set(r.seq, r);
      while (results.has(written)) {
        const next = results.get(written)!;
        results.delete(written);
        written++;
        stats.lines += next.lines;
        stats.leads += next.leads;
        stats.errors += next.errors;
        if (!output.write(next.out)) {
          outputFull = true;
          output.once('drain', () => {
            outputFull = false;
            throttle();
          });
        }
        if (onProgress && stats.lines >= progressAt) {
          progressAt += 100_000;
          onProgress(stats);
        }
      }
      throttle();
      finishIfDone();
    };
    const start = (): Worker[] => {
      const setup: PoolSetup = {
        entry: new URL('./host.ts', import.meta.url).href,
        rulesDir: o.rulesDir,
        city: o.city,
        model: o.model ? { version: o.model.version, bytes: encodeModel(o.model.model) } : null,
      };
      return Array.from({ length: workers }, () => {
        const w = new Worker(new URL('../../threads/ts-worker-boot.mjs', import.meta.url), { workerData: setup });
        w.on('message', receive);
        w.on('error', (err) => fail(new Error(`a classify worker failed: ${err.message}`)));
        w.on('exit', (code) => {
          if (code !== 0 && !closed) fail(new Error(`a classify worker stopped (exit code ${code}); run again with --workers 1`));
        });
        return w;
      });
    };
    const send = () => {
      const batch: BatchRequest = { seq: sent, firstLineNo: bufferStart, lines: buffer };
      pool![sent % pool!.length]!.postMessage(batch);
      sent++;
      buffer = [];
      bufferStart = lineNo + 1;
      throttle();
    };

    rl.on('line', (line) => {
      lineNo++;
      buffer.push(line);
      if (buffer.length < batchLines || workers <= 1) {
        // one thread: classify as lines come, in batches, with the same ordering and backpressure
        if (workers <= 1 && buffer.length >= batchLines) {
          receive({ seq: sent++, ...verdictLines(buffer, bufferStart, o.engine, o.model) });
          buffer = [];
          bufferStart = lineNo + 1;
        }
        return;
      }
      pool ??= start();
      send();
    });
    rl.on('close', () => {
      closed = true;
      if (buffer.length > 0) {
        if (pool) send();
        else receive({ seq: sent++, ...verdictLines(buffer, bufferStart, o.engine, o.model) });
      }
      finishIfDone();
    });
    input.on('error', fail);
    output.on('error', fail);
  });
}
