import { promises as dns, type LookupAddress } from 'node:dns';

/** A host's addresses; tests pass their own to play a rebinding DNS server. */
export type Resolve = (host: string) => Promise<LookupAddress[]>;
export const systemResolve: Resolve = (host) => dns.lookup(host, { all: true, verbatim: true });

/** The host of an origin or URL, brackets off an IPv6 literal. */
export function hostOf(origin: string): string {
  return new URL(origin).hostname.replace(/^\[(.*)\]$/, '$1');
}
