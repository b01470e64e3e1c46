import type { QueueQuery } from '../queue.js';

/** Between the web thread and a queue reader (structured clone: a page of ≤ 200 items). */
export interface ReaderRequest {
  id: number;
  query: QueueQuery;
  categoryNames: Record<string, string>;
  now: string;
}

export type ReaderReply =
  | { id: number; result: unknown; error?: undefined }
  | { id: number; result?: undefined; error: { name: string; message: string; field?: string } };
