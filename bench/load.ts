import http from 'node:http';
import autocannon from 'autocannon';

/**
 * The load a bench puts on a server, `LOAD=open` (default) or `LOAD=burst`.
 *
 * open: request i is due at start + i / rate, whether or not earlier ones have
 * answered, and its latency counts from when it was due (so a stalled server is charged for the
 * requests it kept waiting: no coordinated omission). This is what "N requests/s" means for a
 * service used by many people at once. autocannon's `overallRate` is different: each connection
 * sends its share of a second back to back and then waits for the next second, so the requests of
 * a second arrive as a burst of `connections` concurrent ones (see bench/README.md).
 */
export type LoadMode = 'open' | 'burst';

export function loadModes(): LoadMode[] {
  const modes = (process.env.LOAD ?? 'open').split(',').map((m) => m.trim());
  for (const m of modes) if (m !== 'open' && m !== 'burst') throw new Error(`LOAD: expected open, burst or open,burst; received ${m}`);
  return modes as LoadMode[];
}

export interface LoadResult {
  /** latencies in ms, sorted */
  times: number[];
  /** answers other than 200 (and failed connections) */
  bad: number;
}

export async function openLoop(base: string, path: () => string, opts: { rate: number; seconds: number; headers?: Record<string, string> }): Promise<LoadResult> {
  const url = new URL(base);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  const total = Math.round(opts.rate * opts.seconds);
  const times: number[] = [];
  let bad = 0;
  let sent = 0;
  let done = 0;
  const start = performance.now();
  await new Promise<void>((resolve) => {
    const send = (due: number) => {
      const req = http.request({ host: url.hostname, port: url.port, path: path(), agent, headers: opts.headers }, (res) => {
        res.on('data', () => {});
        res.on('end', () => {
          times.push(performance.now() - due);
          if (res.statusCode !== 200) bad += 1;
          if (++done === total) resolve();
        });
      });
      req.on('error', () => {
        bad += 1;
        times.push(performance.now() - due);
        if (++done === total) resolve();
      });
      req.end();
    };
    // A 2 ms tick sends every request that has come due (timers cannot promise sub-millisecond spacing).
    const tick = setInterval(() => {
      const now = performance.now();
      while (sent < total && start + (sent * 1000) / opts.rate <= now) send(start + (sent++ * 1000) / opts.rate);
      if (sent === total) clearInterval(tick);
    }, 2);
  });
  agent.destroy();
  times.sort((a, b) => a - b);
  return { times, bad };
}

/** autocannon at `rate` requests/s over `connections` connections (bursts of `connections` concurrent requests each second). */
export async function burst(base: string, path: () => string, opts: { rate: number; seconds: number; connections: number; headers?: Record<string, string> }): Promise<LoadResult> {
  const times: number[] = [];
  let bad = 0;
  await new Promise<void>((resolve, reject) => {
    const inst = autocannon(
      { url: base, connections: opts.connections, overallRate: opts.rate, duration: opts.seconds, headers: opts.headers, requests: [{ setupRequest: (req: Record<string, unknown>) => ({ ...req, path: path() }) }] },
      (err) => (err ? reject(err) : resolve()),
    );
    inst.on('response', (_c, status, _b, ms) => {
      times.push(ms);
      if (status !== 200) bad += 1;
    });
  });
  times.sort((a, b) => a - b);
  return { times, bad };
}

export function runLoad(mode: LoadMode, base: string, path: () => string, opts: { rate: number; seconds: number; connections: number; headers?: Record<string, string> }): Promise<LoadResult> {
  return mode === 'open' ? openLoop(base, path, opts) : burst(base, path, opts);
}

/** ONLY=a,b: run the scenarios whose name contains any of these (all when unset). */
export function only(name: string): boolean {
  const wanted = process.env.ONLY?.split(',').map((s) => s.trim()).filter(Boolean);
  return !wanted?.length || wanted.some((w) => name.includes(w));
}

/** The value below which a share `p` of the sorted times fall. */
export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
}
