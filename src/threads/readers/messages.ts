import type { TaskName } from './reader-tasks.js';

/** Between the calling thread and a reader thread (structured clone both ways). */
export interface ReaderRequest {
  id: number;
  task: TaskName;
  args: unknown;
}

export type ReaderReply =
  | { id: number; result: unknown; error?: undefined }
  | { id: number; result?: undefined; error: { name: string; message: string; detail?: string; field?: string } };
