import { describe, expect, it } from 'vitest';
import { readPresence, stampPresence, type PresenceIdentity } from './presence.ts';

const lan: PresenceIdentity = {
  userId: 'q2k7mvxbn4a3hd5e',
  name: 'Lan Nguyễn',
  role: 'participant',
  departmentId: 'dept-support',
  guest: true,
  watcher: false,
};

describe('the presence record', () => {
  it('takes who someone is from the server, and of what the client wrote only a checked cursor', () => {
    const forged = {
      user: { name: 'Olivia Owner', role: 'owner' },
      name: 'Olivia Owner',
      cursor: { x: 120, y: 80 },
    };
    expect(stampPresence(forged, lan)).toEqual({ user: lan, cursor: { x: 120, y: 80 } });
    for (const cursor of [{ x: '1', y: 2 }, { x: Number.NaN, y: 0 }, { x: 1e12, y: 0 }, 'here', null]) {
      expect(stampPresence({ cursor }, lan).cursor, JSON.stringify(cursor)).toBeNull();
    }
  });

  it('makes a watcher nameless whatever the identity says, and reads back what it stamped', () => {
    const watcher = stampPresence({}, { ...lan, userId: null });
    expect(watcher.user).toEqual({
      userId: null,
      name: '',
      role: 'participant',
      departmentId: null,
      guest: false,
      watcher: true,
    });
    expect(readPresence(stampPresence({ cursor: { x: 1, y: 2 } }, lan))).toEqual({
      user: lan,
      cursor: { x: 1, y: 2 },
    });
    expect(readPresence({ name: 'Top-level only', role: 'owner' })).toBeNull();
  });
});
