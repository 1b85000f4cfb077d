import { afterEach, describe, expect, it, vi } from 'vitest';
import { estimateOffset, measureOffset, watchOffset, type ClockSource } from './server-offset.ts';

describe('estimateOffset', () => {
  it('takes the sample with the smallest round trip: server now minus the middle of its trip', () => {
    const samples = [
      { sentAt: 1000, serverNow: 6100, receivedAt: 1400 },
      // 20 ms round trip: the server said 6030 at 1010 on this clock, so it is 5020 ms ahead.
      { sentAt: 1000, serverNow: 6030, receivedAt: 1020 },
      { sentAt: 2000, serverNow: 7200, receivedAt: 2300 },
    ];
    expect(estimateOffset(samples)).toBe(5020);
  });

  it('is negative for a server behind this browser, and null without a usable sample', () => {
    expect(estimateOffset([{ sentAt: 10_000, serverNow: 7_005, receivedAt: 10_010 }])).toBe(-3000);
    expect(estimateOffset([])).toBeNull();
    expect(estimateOffset([{ sentAt: 10, serverNow: Number.NaN, receivedAt: 20 }])).toBeNull();
    expect(
      estimateOffset([{ sentAt: 30, serverNow: 5, receivedAt: 20 }]),
      'a clock that went back',
    ).toBeNull();
  });
});

/** A server 2 s ahead whose answers take `trips[i]` ms there and back, on a clock the test moves. */
function fakeSource(trips: number[], fail: Set<number> = new Set()): ClockSource {
  let clock = 50_000;
  let asked = 0;
  return {
    now: () => clock,
    serverTime: async () => {
      const i = asked++;
      const trip = trips[i % trips.length]!;
      // The answer is made halfway through the trip, or late in it for a slow one.
      const answeredAt = clock + (trip > 100 ? trip * 0.9 : trip / 2);
      clock += trip;
      if (fail.has(i)) throw new Error('offline');
      return answeredAt + 2000;
    },
  };
}

describe('measureOffset', () => {
  it('asks a few times and keeps the fastest answer', async () => {
    expect(await measureOffset(fakeSource([400, 30, 80, 60, 90]))).toBe(2000);
  });

  it('does without the answers that failed, and says null when all did', async () => {
    expect(await measureOffset(fakeSource([40, 40, 40], new Set([0, 2])), 3)).toBe(2000);
    expect(await measureOffset(fakeSource([40], new Set([0, 1, 2])), 3)).toBeNull();
  });
});

describe('watchOffset', () => {
  afterEach(() => vi.useRealTimers());

  it('estimates at once and again every interval, until stopped', async () => {
    vi.useFakeTimers();
    const seen: number[] = [];
    const source = fakeSource([20]);
    const stop = watchOffset(source, (offset) => seen.push(offset), 60_000);
    await vi.advanceTimersByTimeAsync(0);
    expect(seen).toEqual([2000]);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(seen).toEqual([2000, 2000]);
    stop();
    await vi.advanceTimersByTimeAsync(120_000);
    expect(seen).toHaveLength(2);
  });
});
