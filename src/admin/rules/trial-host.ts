import { parentPort, workerData } from 'node:worker_threads';
import { runTrial } from './trial-run.js';
import type { TrialSetup } from './trial-messages.js';

// The rule trial's thread: loads both engines and judges every post, off the web thread.
parentPort!.postMessage(runTrial(workerData as TrialSetup));
