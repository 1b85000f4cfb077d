export const MINUTES_15 = 15 * 60 * 1000;

/** Past this many keys, keys whose attempts are all older than the window are swept at once. */
const MAX_KEYS = 10_000;

/**
 * Counts attempts per key in a sliding window. Used to slow down password guessing per IP and
 * per account. Kept in memory: each instance limits what reaches it. Keys whose attempts have all
 * left the window are forgotten once a window (and at once past MAX_KEYS): otherwise every address
 * or person that ever came would be kept until ten thousand had.
 */
export class RateLimiter {
  private readonly attempts = new Map<string, number[]>();
  private readonly limit: number;
  private readonly windowMs: number;
  /** When keys were last swept (the first attempt's time until then). */
  private lastSweep: number | null = null;

  constructor(limit: number, windowMs: number) {
    this.limit = limit;
    this.windowMs = windowMs;
  }

  /** Records an attempt; returns 0 when allowed, or the milliseconds to wait when over the limit. */
  hit(key: string, now = Date.now()): number {
    const recent = (this.attempts.get(key) ?? []).filter((t) => now - t < this.windowMs);
    if (recent.length >= this.limit) {
      this.attempts.set(key, recent);
      return recent[0]! + this.windowMs - now;
    }
    recent.push(now);
    this.attempts.set(key, recent);
    this.lastSweep ??= now;
    if (this.attempts.size > MAX_KEYS || now - this.lastSweep >= this.windowMs) this.sweep(now);
    return 0;
  }

  /**
   * Takes back the latest attempt recorded for `key`. Limits that count only failures record an
   * attempt before the slow check (so that many sent at once cannot all slip under the limit) and
   * take it back when the check passes.
   */
  refund(key: string): void {
    const times = this.attempts.get(key);
    times?.pop();
    if (times?.length === 0) this.attempts.delete(key);
  }

  /** Forgets every attempt for `key`. */
  reset(key: string): void {
    this.attempts.delete(key);
  }

  /**
   * The milliseconds to wait before an attempt under `key` would be allowed, 0 when it would be;
   * records nothing. For limits on failures only: check first, `hit` when the attempt failed.
   */
  waitFor(key: string, now = Date.now()): number {
    const recent = (this.attempts.get(key) ?? []).filter((t) => now - t < this.windowMs);
    return recent.length >= this.limit ? recent[0]! + this.windowMs - now : 0;
  }

  /** How many keys are held (for tests). */
  get size(): number {
    return this.attempts.size;
  }

  private sweep(now: number): void {
    this.lastSweep = now;
    for (const [key, times] of this.attempts) {
      if (times.every((t) => now - t >= this.windowMs)) this.attempts.delete(key);
    }
  }
}
