import { isIP, Socket } from 'node:net';
import { isPrivateAddress } from '../net/private-address.js';
import { hostOf, systemResolve, type Resolve } from '../net/resolve.js';
import { classifyNetworkFailure, networkFailureMessage } from './network-failure.js';

export interface TargetCheckOptions {
  /** The file says why it may reach private addresses (privateNetwork.reason); without it they are refused. */
  allowPrivate: boolean;
  connectTimeoutMs: number;
  /** Requests go through a proxy: it connects and resolves, so no direct probe, and a name that does not resolve here passes. */
  viaProxy: boolean;
  resolve?: Resolve;
}

/**
 * Each origin a run fetches from is checked once, before its first request: its addresses are
 * resolved, loopback/private/link-local/metadata ones refused unless the file says why, and one TCP
 * connection is tried. A host that is down is reported in seconds, as what it is (DNS, refused,
 * no route, no answer), whatever the robots setting. Returns why a URL may not be fetched, or null.
 */
export class TargetCheck {
  private readonly byOrigin = new Map<string, Promise<string | null>>();

  constructor(private readonly options: TargetCheckOptions) {}

  refusal(url: string): Promise<string | null> {
    let origin: URL;
    try {
      origin = new URL(new URL(url).origin);
    } catch {
      return Promise.resolve(`not a URL: ${url}`);
    }
    let result = this.byOrigin.get(origin.href);
    if (!result) {
      result = this.check(origin);
      this.byOrigin.set(origin.href, result);
    }
    return result;
  }

  private async check(origin: URL): Promise<string | null> {
    const host = hostOf(origin.href);
    let addresses = [host];
    if (!isIP(host)) {
      try {
        addresses = (await withTimeout((this.options.resolve ?? systemResolve)(host), this.options.connectTimeoutMs, `DNS lookup of ${host} timed out`)).map((a) => a.address);
      } catch (err) {
        if (this.options.viaProxy) return null;
        return describe(err);
      }
    }
    const found = addresses.filter(isPrivateAddress);
    if (found.length > 0 && !this.options.allowPrivate) {
      return (
        `${origin.host} is on a loopback, private, link-local or cloud-metadata address (${found.join(', ')}); crawler targets there are refused. ` +
        'If that is intended (a self-hosted RSSHub, a test site), say why in the file: privateNetwork: { allow: true, reason: "..." }'
      );
    }
    if (this.options.viaProxy) return null;
    const port = Number(origin.port || (origin.protocol === 'https:' ? 443 : 80));
    try {
      await connectOnce(addresses[0]!, port, this.options.connectTimeoutMs);
      return null;
    } catch (err) {
      return describe(err);
    }
  }
}

function describe(err: unknown): string {
  const failure = classifyNetworkFailure(err);
  return failure ? networkFailureMessage(failure, err) : (err as Error).message;
}

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error(message), { code: 'EAI_AGAIN' })), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** One TCP connection, closed at once: does anything answer at that address and port? */
function connectOnce(address: string, port: number, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = new Socket();
    socket.setTimeout(timeoutMs, () => {
      socket.destroy();
      reject(new Error(`connect timed out after ${Math.round(timeoutMs / 1000)} s (${address}:${port})`));
    });
    socket.once('error', (err) => {
      socket.destroy();
      reject(err);
    });
    socket.connect(port, address, () => {
      socket.destroy();
      resolve();
    });
  });
}
