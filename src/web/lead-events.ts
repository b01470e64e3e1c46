import type { Request, Response } from 'express';
import type { AppContext } from '../context.js';
import { isSessionLive } from '../auth/session-store.js';
import { queueStats } from '../storage/lead-queue.js';
import { sessionOf } from './auth/guards.js';

/**
 * Server-sent events for the queue page: one poll of the store every `intervalMs` per app (not per
 * browser), started by the first listener and stopped with the last, broadcasting when a lead is
 * added or changed. EventSource is same-origin, so CSP connect-src 'self' allows it.
 *
 * A stream lives only as long as its session: every poll ends the streams whose session was
 * logged out, expired or whose user was disabled (also by another process, e.g. the CLI).
 */
export function createLeadEvents(ctx: AppContext, intervalMs = 2000) {
  const clients = new Map<Response, string>(); // stream → its session id
  let timer: NodeJS.Timeout | undefined;
  let last = '';
  let ticks = 0;

  const tick = () => {
    try {
      for (const [res, sessionId] of clients) {
        if (isSessionLive(ctx.db, sessionId)) continue;
        drop(res);
        res.end();
      }
      const stats = queueStats(ctx.db);
      const key = `${stats.maxLeadId}:${stats.maxLeadChange}:${stats.pending}`;
      ticks += 1;
      if (key !== last) {
        last = key;
        broadcast(`event: queue\ndata: ${JSON.stringify(stats)}\n\n`);
      } else if (ticks % 10 === 0) {
        broadcast(': keep-alive\n\n'); // proxies close idle streams
      }
    } catch (err) {
      ctx.log.warn({ err }, 'queue events poll failed');
    }
  };
  const drop = (res: Response) => {
    clients.delete(res);
    if (clients.size === 0 && timer) {
      clearInterval(timer);
      timer = undefined;
      last = '';
    }
  };
  const broadcast = (chunk: string) => {
    for (const res of clients.keys()) res.write(chunk);
  };

  return {
    handler(req: Request, res: Response) {
      res.set({ 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', Connection: 'keep-alive', 'X-Accel-Buffering': 'no' });
      res.flushHeaders();
      res.write('retry: 3000\n\n');
      res.write(`event: queue\ndata: ${JSON.stringify(queueStats(ctx.db))}\n\n`);
      clients.set(res, sessionOf(res)!.sessionId); // the route's guard let only a session in
      if (!timer) {
        timer = setInterval(tick, intervalMs);
        timer.unref();
      }
      req.on('close', () => drop(res));
    },
  };
}
