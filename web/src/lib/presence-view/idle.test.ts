import { describe, expect, it } from 'vitest';
import { IDLE_MS, idleClients, untilNextIdle } from './idle.ts';

describe('idle cursors', () => {
  const moves = new Map([
    [1, 0],
    [2, 4_000],
    [3, 9_500],
  ]);

  it('are those that have not moved for ten seconds', () => {
    expect(IDLE_MS).toBe(10_000);
    expect([...idleClients(moves, 9_999)]).toEqual([]);
    expect([...idleClients(moves, 10_000)]).toEqual([1]);
    expect([...idleClients(moves, 14_000)]).toEqual([1, 2]);
    expect([...idleClients(moves, 30_000)]).toEqual([1, 2, 3]);
  });

  it('are looked at again when the next one turns idle, and not at all once all are', () => {
    expect(untilNextIdle(moves, 0)).toBe(10_000);
    expect(untilNextIdle(moves, 12_000)).toBe(2_000);
    expect(untilNextIdle(moves, 19_500)).toBeNull();
    expect(untilNextIdle(new Map(), 0)).toBeNull();
  });
});
