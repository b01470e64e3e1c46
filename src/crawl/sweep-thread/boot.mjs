// The sweep thread's entry: loads the TypeScript host through tsx, as the main thread is (tsx
// registers per thread, and vitest's transform does not reach worker threads).
import { workerData } from 'node:worker_threads';
import { tsImport } from 'tsx/esm/api';

await tsImport(workerData.entry, import.meta.url);
