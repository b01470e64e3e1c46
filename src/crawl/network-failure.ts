/**
 * What a failed fetch says about the host. Crawlee turns ECONNREFUSED and ECONNRESET into a
 * "session error" that it retries up to 10 times whatever maxRetries says (it takes them for a
 * blocked proxy), with our backoff between tries: ~3 minutes per URL for a host that is simply
 * down. Read here from the error's code or message (Crawlee keeps only the message; Playwright
 * says net::ERR_*), so that a host that is down fails at once and says so.
 */
export type NetworkFailureKind = 'dns' | 'refused' | 'unreachable' | 'connect-timeout' | 'tls' | 'reset';

export interface NetworkFailure {
  kind: NetworkFailureKind;
  /** The host will not answer this run: give up on it now instead of retrying. */
  hostDown: boolean;
  /** For people: what happened and what to check. */
  message: string;
}

const PATTERNS: [RegExp, NetworkFailureKind][] = [
  [/ENOTFOUND|EAI_AGAIN|EAI_NONAME|EAI_NODATA|ERR_NAME_NOT_RESOLVED|ERR_NAME_RESOLUTION_FAILED/, 'dns'],
  [/ECONNREFUSED|ERR_CONNECTION_REFUSED/, 'refused'],
  [/EHOSTUNREACH|ENETUNREACH|EHOSTDOWN|ENETDOWN|ERR_ADDRESS_UNREACHABLE|ERR_INTERNET_DISCONNECTED/, 'unreachable'],
  [/connect ETIMEDOUT|ERR_CONNECTION_TIMED_OUT|connect timed out/, 'connect-timeout'],
  [/CERT_|ERR_SSL|ERR_CERT|SSL routines|self[- ]signed certificate|unable to verify the first certificate/i, 'tls'],
  [/ECONNRESET|socket hang up|EPIPE|ERR_CONNECTION_RESET|ERR_CONNECTION_CLOSED|ERR_EMPTY_RESPONSE/, 'reset'],
];

const MESSAGES: Record<NetworkFailureKind, string> = {
  dns: 'host unreachable: its name does not resolve (DNS); check the host name in the URL',
  refused: 'host unreachable: connection refused (nothing listens at that address and port); check the URL and that the service runs',
  unreachable: 'host unreachable: no route to the host; check the address and the network',
  'connect-timeout': 'host unreachable: no answer to the connection (timed out); check the address, the network or a firewall',
  tls: 'the host\'s TLS certificate was refused; check the https address',
  reset: 'the connection was reset by the host',
};

/** The network failure behind an error (its code, message and cause), or null for anything else. */
export function classifyNetworkFailure(error: unknown): NetworkFailure | null {
  const text = describe(error);
  for (const [pattern, kind] of PATTERNS) {
    if (pattern.test(text)) return { kind, hostDown: kind !== 'reset', message: MESSAGES[kind] };
  }
  return null;
}

/** A network failure's message with the system's own words kept: the line that says it ("connect ECONNREFUSED 127.0.0.1:1200"). */
export function networkFailureMessage(failure: NetworkFailure, error: unknown): string {
  const pattern = PATTERNS.find(([, kind]) => kind === failure.kind)![0];
  const lines = describe(error).split('\n').map((l) => l.trim());
  const detail = lines.find((l) => pattern.test(l)) ?? lines[0];
  return detail ? `${failure.message} (${detail})` : failure.message;
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error ?? '');
  const e = error as Error & { code?: unknown; cause?: unknown };
  const cause = e.cause instanceof Error ? ` ${describe(e.cause)}` : '';
  const code = typeof e.code === 'string' && !e.message.includes(e.code) ? `${e.code} ` : '';
  return `${code}${e.message}${cause}`;
}
