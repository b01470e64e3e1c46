import { parentPort, workerData } from 'node:worker_threads';
import { decodeModel } from '../../model/model-file.js';
import { partsFor } from '../reading-parts.js';
import { readBatch } from '../ticket-reading.js';
import type { ScreeningRequest, ScreeningResult, ScreeningSetup } from './messages.js';

// One worker of the screening pool: its own engine, model, domain rules and districts; tickets in, readings out.
const setup = workerData as ScreeningSetup;
const model = setup.model ? { version: setup.model.version, model: decodeModel(Buffer.from(setup.model.bytes), setup.model.version) } : undefined;
const parts = partsFor(setup.rulesDir, setup.city, model);

parentPort!.on('message', (req: ScreeningRequest) => {
  let result: ScreeningResult;
  try {
    result = { seq: req.seq, readings: readBatch(req.tickets, parts) };
  } catch (err) {
    result = { seq: req.seq, error: (err as Error).message };
  }
  parentPort!.postMessage(result);
});
