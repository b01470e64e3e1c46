/**
 * A Civic Radar webhook receiver to copy: node:http and node:crypto only.
 *
 *   WEBHOOK_SECRET=whsec_... PORT=8080 npx tsx examples/webhook-receiver.ts
 *
 * What makes it safe, in order:
 * 1. Verify X-CivicRadar-Signature (t=<unix seconds>,v1=<hex>) as HMAC-SHA256(secret, `${t}.${raw body}`)
 *    over the raw bytes, comparing in constant time. Anyone can send a POST; only we know the secret.
 * 2. Refuse a timestamp more than 5 minutes from now: a captured request replayed later fails here.
 * 3. Deduplicate on the event `id` inside the signed body, never on a header: headers are not
 *    signed, so a replay inside the window could change them. Delivery is at least once (a retry
 *    carries the same id with a new timestamp), so keep seen ids in your database (a unique key)
 *    for longer than retries last; this example keeps them in memory.
 * 4. Answer 2xx within 10 s; anything else is retried with backoff.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type RequestListener, type ServerResponse } from 'node:http';
import { pathToFileURL } from 'node:url';

export const TOLERANCE_SECONDS = 300;
const MAX_BODY_BYTES = 1_000_000;

export interface WebhookEvent {
  id: string;
  type: string;
  created_at: string;
  data: unknown;
}

/** True when `header` signs `rawBody` with `secret` and its timestamp is within `toleranceSeconds` of `nowSeconds`. */
export function verifySignature(secret: string, rawBody: string, header: string, nowSeconds: number, toleranceSeconds = TOLERANCE_SECONDS): boolean {
  const parts = new Map(header.split(',').map((p) => [p.slice(0, p.indexOf('=')), p.slice(p.indexOf('=') + 1)] as const));
  const t = parts.get('t') ?? '';
  const v1 = parts.get('v1') ?? '';
  if (!/^\d{1,12}$/.test(t) || !/^[0-9a-f]{64}$/.test(v1)) return false;
  if (Math.abs(nowSeconds - Number(t)) > toleranceSeconds) return false;
  const expected = createHmac('sha256', secret).update(`${t}.${rawBody}`).digest();
  return timingSafeEqual(expected, Buffer.from(v1, 'hex'));
}

export interface ReceiverOptions {
  secret: string;
  /** Does the work; throw to have the delivery retried. */
  onEvent: (event: WebhookEvent) => Promise<void> | void;
  /** Event ids already handled; use a table with a unique key in production. */
  seen?: Set<string>;
  nowSeconds?: () => number;
}

function readBody(req: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= MAX_BODY_BYTES) chunks.push(c);
    });
    req.on('end', () => resolve(size <= MAX_BODY_BYTES ? Buffer.concat(chunks).toString('utf8') : undefined));
    req.on('error', reject);
  });
}

function answer(res: ServerResponse, status: number, message: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' }).end(message);
}

/** The request handler: 401 unsigned, forged or outside the time window; 200 a duplicate; 204 handled; 500 onEvent failed (retried). */
export function webhookHandler(opts: ReceiverOptions): RequestListener {
  const seen = opts.seen ?? new Set<string>();
  const now = opts.nowSeconds ?? (() => Math.floor(Date.now() / 1000));
  return (req, res) => {
    void (async () => {
      if (req.method !== 'POST') return answer(res, 405, 'expected POST');
      const body = await readBody(req);
      if (body === undefined) return answer(res, 413, `expected a body of at most ${MAX_BODY_BYTES} bytes`);
      const signature = req.headers['x-civicradar-signature'];
      if (typeof signature !== 'string' || !verifySignature(opts.secret, body, signature, now()))
        return answer(res, 401, `expected X-CivicRadar-Signature signing this body with a timestamp within ${TOLERANCE_SECONDS} s`);
      const event = JSON.parse(body) as WebhookEvent; // signed by Civic Radar, so it is its JSON
      if (seen.has(event.id)) return answer(res, 200, `event ${event.id} already handled`);
      seen.add(event.id); // before the work, so a concurrent retry of the same event is not run twice
      try {
        await opts.onEvent(event);
      } catch (err) {
        seen.delete(event.id);
        throw err;
      }
      res.writeHead(204).end();
    })().catch(() => answer(res, 500, 'handling failed; the delivery will be retried'));
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const secret = process.env.WEBHOOK_SECRET;
  if (!secret) throw new Error('expected WEBHOOK_SECRET (the whsec_... shown when the subscription was created), received nothing');
  const port = Number(process.env.PORT ?? 8080);
  createServer(webhookHandler({ secret, onEvent: (e) => void console.log(e.type, e.id, JSON.stringify(e.data)) })).listen(port, () => console.log(`listening on :${port}`));
}
