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

const idle = { cursor: null, viewport: null, editing: null, presenting: false, gather: 0, burst: null };
const facilitator: PresenceIdentity = { ...lan, role: 'facilitator', departmentId: null, guest: false };

describe('the presence record', () => {
  it('takes who someone is from the server, and of what the client wrote only a checked cursor', () => {
    const forged = {
      user: { name: 'Olivia Owner', role: 'owner' },
      name: 'Olivia Owner',
      cursor: { x: 120, y: 80 },
    };
    expect(stampPresence(forged, lan)).toEqual({ ...idle, user: lan, cursor: { x: 120, y: 80 } });
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
      ...idle,
      user: lan,
      cursor: { x: 1, y: 2 },
    });
    expect(readPresence({ name: 'Top-level only', role: 'owner' })).toBeNull();
  });

  it('keeps a checked viewport, editing card and burst, and drops malformed ones', () => {
    const state = {
      viewport: { x: 400, y: 300, zoom: 0.5 },
      editing: 'a1b2c3d4e5f6g7h8',
      burst: { emoji: '🎉', n: 3 },
    };
    expect(stampPresence(state, lan)).toEqual({ ...idle, user: lan, ...state });
    for (const viewport of [
      { x: 1, y: 2 },
      { x: 1, y: 2, zoom: 9 },
      { x: 1, y: 2, zoom: '1' },
    ]) {
      expect(stampPresence({ viewport }, lan).viewport, JSON.stringify(viewport)).toBeNull();
    }
    for (const editing of ['not an id!', 42, 'x'.repeat(200)]) {
      expect(stampPresence({ editing }, lan).editing).toBeNull();
    }
    for (const burst of [{ emoji: '💩', n: 1 }, { emoji: '👍', n: -1 }, { emoji: '👍', n: 0 }, '👍']) {
      expect(stampPresence({ burst }, lan).burst, JSON.stringify(burst)).toBeNull();
    }
  });

  it('lets only those who run the board present or gather, and never a viewer or watcher react', () => {
    const leading = {
      presenting: true,
      gather: 4,
      burst: { emoji: '👍', n: 1 },
      editing: 'a1b2c3d4e5f6g7h8',
    };
    expect(stampPresence(leading, lan)).toMatchObject({ presenting: false, gather: 0, burst: { n: 1 } });
    expect(stampPresence(leading, facilitator)).toMatchObject({ presenting: true, gather: 4 });
    expect(stampPresence(leading, { ...facilitator, role: 'owner' })).toMatchObject({ presenting: true });
    const viewer = stampPresence(leading, { ...lan, role: 'viewer', departmentId: null });
    expect(viewer).toMatchObject({ presenting: false, gather: 0, burst: null, editing: null });
    const watcher = stampPresence(leading, { ...facilitator, userId: null, watcher: true });
    expect(watcher).toMatchObject({ presenting: false, gather: 0, burst: null, editing: null });
    expect(readPresence(watcher)).toEqual(watcher);
    expect(readPresence(stampPresence(leading, facilitator))).toEqual(stampPresence(leading, facilitator));
  });
});
