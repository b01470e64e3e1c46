// A worker thread's entry: loads its TypeScript host (workerData.entry) through tsx, as the main thread is (tsx
// registers per thread, and vitest's transform does not reach worker threads).
import { workerData } from 'node:worker_threads';
import { tsImport } from 'tsx/esm/api';

await tsImport(workerData.entry, import.meta.url);
