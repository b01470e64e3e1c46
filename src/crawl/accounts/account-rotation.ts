import type { AccountSecrets } from './platform-accounts.js';

/** How long an account that met a login wall is left out: a stale cookie rarely comes back by itself. */
export const LOGIN_WALL_PAUSE_MS = 6 * 3600_000;

export interface RotatedAccount {
  id: number;
  secrets: AccountSecrets;
  /** When it last met a login wall (platform_accounts.login_wall_at), or null. */
  loginWallAt: string | null;
}

/**
 * Our own round robin over a platform's enabled accounts, one per request, rather than Crawlee's
 * session pool: the pool would take over 401/403/429 (retiring sessions, retrying) that our backoff
 * and block detection already decide. An account that met a login wall is skipped for
 * LOGIN_WALL_PAUSE_MS; `onLoginWall` records that (so later runs skip it too).
 */
export class AccountRotation {
  private turn = 0;
  private readonly pausedUntil = new Map<number, number>();

  constructor(
    private readonly accounts: RotatedAccount[],
    private readonly onLoginWall: (id: number) => void,
    private readonly now: () => number = Date.now,
  ) {
    for (const a of accounts) if (a.loginWallAt) this.pausedUntil.set(a.id, Date.parse(a.loginWallAt) + LOGIN_WALL_PAUSE_MS);
  }

  /** The next usable account; null without accounts, or when every one is paused (the request then meets the wall, and the health says so). */
  next(): RotatedAccount | null {
    for (let i = 0; i < this.accounts.length; i++) {
      const a = this.accounts[this.turn++ % this.accounts.length]!;
      if (this.usable(a.id)) return a;
    }
    return null;
  }

  /** An account met a login wall: paused and recorded. True when another account is left to retry with. */
  loginWall(id: number): boolean {
    if (!this.pausedUntil.has(id) || this.usable(id)) this.onLoginWall(id);
    this.pausedUntil.set(id, this.now() + LOGIN_WALL_PAUSE_MS);
    return this.accounts.some((a) => this.usable(a.id));
  }

  private usable(id: number): boolean {
    return (this.pausedUntil.get(id) ?? 0) <= this.now();
  }
}

/** Request headers with an account's on top (names lowercased); its cookies follow the file's own `request.cookies`. */
export function withAccount(base: Record<string, string>, secrets: AccountSecrets): Record<string, string> {
  const out = { ...base };
  for (const [name, value] of Object.entries(secrets)) {
    const key = name.toLowerCase();
    out[key] = key === 'cookie' && base.cookie ? `${base.cookie}; ${value}` : value;
  }
  return out;
}
