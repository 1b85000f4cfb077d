import { stampPresence, type PresenceIdentity } from '@journeyboard/board-model';
import { describe, expect, it } from 'vitest';
import { newBursts } from './bursts.ts';
import type { Peer } from './follow.ts';

const sam: PresenceIdentity = {
  userId: 'sam',
  name: 'Sam',
  role: 'participant',
  departmentId: null,
  guest: false,
  watcher: false,
};
const peer = (clientId: number, burst: unknown): Peer => ({
  clientId,
  record: stampPresence({ burst }, sam),
});

describe('newBursts', () => {
  it('finds a burst when a counter changes, not on its first sight', () => {
    const seen = new Map<number, number>();
    expect(newBursts(seen, [peer(1, { emoji: '🎉', n: 4 }), peer(2, null)])).toEqual([]);
    expect(newBursts(seen, [peer(1, { emoji: '🎉', n: 4 }), peer(2, null)])).toEqual([]);
    expect(newBursts(seen, [peer(1, { emoji: '👍', n: 5 }), peer(2, { emoji: '❤️', n: 1 })])).toEqual([
      { clientId: 1, emoji: '👍' },
      { clientId: 2, emoji: '❤️' },
    ]);
  });

  it('forgets clients that left', () => {
    const seen = new Map<number, number>();
    newBursts(seen, [peer(1, { emoji: '🎉', n: 4 })]);
    newBursts(seen, []);
    expect(seen.size).toBe(0);
    // Back again: a first sight, no burst.
    expect(newBursts(seen, [peer(1, { emoji: '🎉', n: 6 })])).toEqual([]);
  });
});
