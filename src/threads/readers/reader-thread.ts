// A reader thread: its own read-only connection, answering task requests in order.
import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from '../../storage/database.js';
import type { ReaderReply, ReaderRequest } from './messages.js';
import { runTask } from './reader-tasks.js';

const db = openDatabase((workerData as { dbFile: string }).dbFile, { readonly: true });
parentPort!.on('message', (m: ReaderRequest) => {
  let reply: ReaderReply;
  try {
    reply = { id: m.id, result: runTask(db, m.task, m.args as never) };
  } catch (e) {
    const err = e as Error & { detail?: string; field?: string };
    reply = { id: m.id, error: { name: err.name, message: err.message, detail: err.detail, field: err.field } };
  }
  parentPort!.postMessage(reply);
});
parentPort!.postMessage({ ready: true });
