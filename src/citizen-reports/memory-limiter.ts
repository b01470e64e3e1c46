/**
 * A fixed-window counter per key in memory, for cheap public reads (place suggestions, status
 * lookups): a restart forgives, which is fine for reads. Submissions use the persisted limits.
 */
export class WindowLimiter {
  private windows = new Map<string, { start: number; n: number }>();

  constructor(private readonly max: number, private readonly windowMs: number) {}

  /** Counts one request; returns 0 when allowed, else the seconds until the window frees. */
  take(key: string, now = Date.now()): number {
    if (this.windows.size > 10_000) for (const [k, w] of this.windows) if (now - w.start >= this.windowMs) this.windows.delete(k);
    const w = this.windows.get(key);
    if (!w || now - w.start >= this.windowMs) {
      this.windows.set(key, { start: now, n: 1 });
      return 0;
    }
    if (w.n >= this.max) return Math.max(1, Math.ceil((w.start + this.windowMs - now) / 1000));
    w.n++;
    return 0;
  }
}
