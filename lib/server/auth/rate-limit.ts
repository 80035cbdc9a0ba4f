import 'server-only';

/**
 * Fixed-window counters keyed by string (an address, a username). Bounded: when the table is full,
 * expired windows are swept and, failing that, the oldest entries go.
 */
export class RateLimiter {
  private readonly windows = new Map<string, { count: number; resetAt: number }>();

  constructor(
    readonly limit: number,
    readonly windowMs: number,
    private readonly maxKeys = 100_000,
  ) {}

  /** Counts one hit; returns how long to wait (ms) when over the limit, else 0. */
  hit(key: string, now = Date.now()): number {
    const entry = this.current(key, now);
    entry.count++;
    return entry.count > this.limit ? entry.resetAt - now : 0;
  }

  /** How long `key` must wait before its next attempt, without counting one. */
  retryAfter(key: string, now = Date.now()): number {
    const entry = this.windows.get(key);
    if (!entry || entry.resetAt <= now) return 0;
    return entry.count >= this.limit ? entry.resetAt - now : 0;
  }

  reset(key: string): void {
    this.windows.delete(key);
  }

  private current(key: string, now: number) {
    let entry = this.windows.get(key);
    if (!entry || entry.resetAt <= now) {
      if (!entry && this.windows.size >= this.maxKeys) this.sweep(now);
      entry = { count: 0, resetAt: now + this.windowMs };
      this.windows.set(key, entry);
    }
    return entry;
  }

  private sweep(now: number): void {
    for (const [key, entry] of this.windows) if (entry.resetAt <= now) this.windows.delete(key);
    // Still full: drop the oldest insertions (Map keeps insertion order).
    for (const key of this.windows.keys()) {
      if (this.windows.size < this.maxKeys) break;
      this.windows.delete(key);
    }
  }
}
