import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import { NonRetryableError, RetryableError } from '../errors.js';
import { checkedLookup, hostOf, privateDestinationMessage, systemResolve, type Resolve } from './destination-check.js';
import { isPrivateAddress } from '../net/private-address.js';

export interface WebhookPost {
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
  /** The origin's allow-list entry has an admin's reason for a private destination. */
  allowPrivate: boolean;
  resolve?: Resolve;
}

/**
 * POSTs one delivery and resolves with the status code. Connects only to addresses it has checked
 * (see checkedLookup), follows no redirect, keeps no pooled socket, and gives up after timeoutMs
 * for the whole exchange. A refused destination is a NonRetryableError.
 */
export function postWebhook(url: string, post: WebhookPost): Promise<number> {
  const target = new URL(url);
  const host = hostOf(target.origin);
  if (!post.allowPrivate && isIP(host) && isPrivateAddress(host)) return Promise.reject(new NonRetryableError(privateDestinationMessage(target.origin, [host])));
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(
      target,
      {
        method: 'POST',
        agent: false,
        headers: { ...post.headers, 'content-length': String(Buffer.byteLength(post.body)) },
        lookup: checkedLookup(target.origin, post.allowPrivate, post.resolve ?? systemResolve),
      },
      (res) => {
        res.resume(); // the answer's body is not used; read it so the exchange completes
        res.on('end', () => done(() => resolve(res.statusCode ?? 0)));
        res.on('error', (err) => done(() => reject(err)));
      },
    );
    const timer = setTimeout(() => {
      done(() => reject(new RetryableError(`timed out after ${post.timeoutMs} ms`)));
      req.destroy();
    }, post.timeoutMs);
    let settled = false;
    const done = (settle: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      settle();
    };
    req.on('error', (err) => done(() => reject(err)));
    req.end(post.body);
  });
}
