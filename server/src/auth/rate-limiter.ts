export const MINUTES_15 = 15 * 60 * 1000;

/**
 * Counts attempts per key in a sliding window. Used to slow down password guessing per IP and
 * per account. Kept in memory: each instance limits what reaches it.
 */
export class RateLimiter {
  private readonly attempts = new Map<string, number[]>();
  private readonly limit: number;
  private readonly windowMs: number;

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
    if (this.attempts.size > 10_000) this.sweep(now);
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

  private sweep(now: number): void {
    for (const [key, times] of this.attempts) {
      if (times.every((t) => now - t >= this.windowMs)) this.attempts.delete(key);
    }
  }
}
