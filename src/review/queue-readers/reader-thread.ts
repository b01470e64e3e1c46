// A queue reader's thread: its own read-only connection, answering listQueue requests in order.
import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from '../../storage/database.js';
import { listQueue } from '../queue.js';
import type { ReaderReply, ReaderRequest } from './messages.js';

const db = openDatabase((workerData as { dbFile: string }).dbFile, { readonly: true });
parentPort!.on('message', (m: ReaderRequest) => {
  let reply: ReaderReply;
  try {
    reply = { id: m.id, result: listQueue(db, m.query, m.categoryNames, new Date(m.now)) };
  } catch (e) {
    const err = e as Error & { field?: string };
    reply = { id: m.id, error: { name: err.name, message: err.message, field: err.field } };
  }
  parentPort!.postMessage(reply);
});
parentPort!.postMessage({ ready: true });
