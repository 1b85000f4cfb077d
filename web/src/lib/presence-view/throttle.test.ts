import { describe, expect, it } from 'vitest';
import { RateLimit, Throttle, type Timers } from './throttle.ts';

/** Timers a test moves by hand. */
function fakeTimers() {
  let now = 0;
  let next = 1;
  const due = new Map<number, { at: number; run: () => void }>();
  const timers: Timers = {
    now: () => now,
    setTimeout: (run, ms) => {
      const id = next++;
      due.set(id, { at: now + ms, run });
      return id;
    },
    clearTimeout: (handle) => void due.delete(handle as number),
  };
  const advance = (ms: number) => {
    const end = now + ms;
    for (;;) {
      const [id, timer] = [...due.entries()].sort((a, b) => a[1].at - b[1].at)[0] ?? [];
      if (id === undefined || timer!.at > end) break;
      due.delete(id);
      now = timer!.at;
      timer!.run();
    }
    now = end;
  };
  return { timers, advance, pending: () => due.size };
}

describe('Throttle', () => {
  it('sends the first value at once and then at most once an interval, the latest value each time', () => {
    const { timers, advance } = fakeTimers();
    const sent: [number, number][] = [];
    const throttle = new Throttle<number>(66, (value) => sent.push([timers.now(), value]), timers);
    // A pointer moving every 10 ms for 300 ms.
    for (let t = 0; t < 300; t += 10) {
      throttle.push(t);
      advance(10);
    }
    advance(200);
    expect(sent[0]).toEqual([0, 0]);
    for (let i = 1; i < sent.length; i++) expect(sent[i]![0] - sent[i - 1]![0]).toBeGreaterThanOrEqual(66);
    // 300 ms at 66 ms: five or six sends, never one per move, and the final place last.
    expect(sent.length).toBeGreaterThanOrEqual(5);
    expect(sent.length).toBeLessThanOrEqual(6);
    expect(sent.at(-1)![1]).toBe(290);
  });

  it('sends nothing while nothing is pushed, and at once after a quiet interval', () => {
    const { timers, advance, pending } = fakeTimers();
    const sent: number[] = [];
    const throttle = new Throttle<number>(66, (value) => sent.push(value), timers);
    throttle.push(1);
    advance(1000);
    expect(sent).toEqual([1]);
    expect(pending()).toBe(0);
    throttle.push(2);
    expect(sent).toEqual([1, 2]);
  });

  it('drops a waiting value when cancelled', () => {
    const { timers, advance } = fakeTimers();
    const sent: number[] = [];
    const throttle = new Throttle<number>(66, (value) => sent.push(value), timers);
    throttle.push(1);
    throttle.push(2);
    throttle.cancel();
    advance(500);
    expect(sent).toEqual([1]);
  });
});

describe('RateLimit', () => {
  it('allows at most five in any two seconds', () => {
    const limit = new RateLimit(5, 2000);
    const allowed = [0, 100, 200, 300, 400, 500, 1999, 2000, 2100, 2101, 2200].map((t) => limit.take(t));
    expect(allowed).toEqual([true, true, true, true, true, false, false, true, true, false, true]);
  });
});
