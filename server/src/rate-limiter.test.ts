// The limits on attempts (signing in, joining by link, votes) count per address or person in a
// sliding window, in memory. A key whose attempts have all left the window is forgotten: a server
// that met thousands of addresses in a day holds only those of the last window or so.
import { describe, expect, it } from 'vitest';
import { RateLimiter } from './auth/rate-limiter.ts';

const WINDOW_MS = 60_000;

describe('the limits on attempts', () => {
  it('refuse past the limit within the window, and allow again once the window has passed', () => {
    const limiter = new RateLimiter(3, WINDOW_MS);
    const start = 1_000_000;
    expect([0, 1, 2].map((i) => limiter.hit('10.0.0.1', start + i))).toEqual([0, 0, 0]);
    expect(limiter.hit('10.0.0.1', start + 10)).toBe(WINDOW_MS - 10);
    // Another address has its own count.
    expect(limiter.hit('10.0.0.2', start + 10)).toBe(0);
    expect(limiter.hit('10.0.0.1', start + WINDOW_MS)).toBe(0);
  });

  it('forget the keys whose attempts have all left the window', () => {
    const limiter = new RateLimiter(5, WINDOW_MS);
    const start = 1_000_000;
    // A thousand addresses, one attempt each, in the first half of a window.
    for (let i = 0; i < 1000; i++) limiter.hit(`10.0.${i >> 8}.${i & 255}`, start + (i * WINDOW_MS) / 2000);
    expect(limiter.size).toBe(1000);
    // A window later, one more: the thousand are gone, and the limit still holds for the newcomer.
    const later = start + WINDOW_MS * 1.5;
    expect(limiter.hit('10.9.9.9', later)).toBe(0);
    expect(limiter.size).toBe(1);
    for (let i = 0; i < 4; i++) limiter.hit('10.9.9.9', later + i);
    expect(limiter.hit('10.9.9.9', later + 10)).toBeGreaterThan(0);
    // At the next sweep, a window on, an address still within its window is kept.
    limiter.hit('10.8.8.8', later + WINDOW_MS * 0.9);
    expect(limiter.size).toBe(2);
    limiter.hit('10.7.7.7', later + WINDOW_MS * 1.2);
    expect(limiter.size).toBe(2);
  });
});
