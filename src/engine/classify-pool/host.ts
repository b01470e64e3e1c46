import { parentPort, workerData } from 'node:worker_threads';
import { decodeModel } from '../../model/model-file.js';
import { verdictLines } from '../classify-stream.js';
import { loadEngine } from '../engine.js';
import type { BatchRequest, BatchResult, PoolSetup } from './messages.js';

// One worker of the classify pool: its own engine and model, batches in, verdict lines out.
const setup = workerData as PoolSetup;
const engine = loadEngine(setup.rulesDir, { city: setup.city });
const model = setup.model ? { version: setup.model.version, model: decodeModel(Buffer.from(setup.model.bytes), setup.model.version) } : undefined;

parentPort!.on('message', (batch: BatchRequest) => {
  const result: BatchResult = { seq: batch.seq, ...verdictLines(batch.lines, batch.firstLineNo, engine, model) };
  parentPort!.postMessage(result);
});
