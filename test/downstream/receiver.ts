import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  deliveryId: string;
  event: string;
  signature: string;
  body: string;
}

/** A local webhook receiver whose behaviour a test switches: answer with a status, or hang. */
export class Receiver {
  readonly received: Received[] = [];
  mode: 'ok' | 'hang' | number = 'ok';
  private server: Server;
  private hanging: ServerResponse[] = [];
  url = '';
  origin = '';

  constructor() {
    this.server = createServer((req: IncomingMessage, res: ServerResponse) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        this.received.push({
          deliveryId: String(req.headers['x-civicradar-delivery']),
          event: String(req.headers['x-civicradar-event']),
          signature: String(req.headers['x-civicradar-signature']),
          body: Buffer.concat(chunks).toString('utf8'),
        });
        if (this.mode === 'hang') return void this.hanging.push(res);
        if (this.mode === 'ok') return void res.writeHead(204).end();
        if (this.mode >= 300 && this.mode < 400) return void res.writeHead(this.mode, { location: 'http://127.0.0.1:9/elsewhere' }).end();
        res.writeHead(this.mode).end('try later');
      });
    });
  }

  async start(): Promise<this> {
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    const { port } = this.server.address() as AddressInfo;
    this.origin = `http://127.0.0.1:${port}`;
    this.url = `${this.origin}/hooks/civic-radar`;
    return this;
  }

  async close(): Promise<void> {
    for (const res of this.hanging) res.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((r) => this.server.close(() => r()));
  }
}

export async function waitFor(cond: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
