import { stampPresence, type PresenceIdentity } from '@journeyboard/board-model';
import { describe, expect, it } from 'vitest';
import { presenceState, readPresence, samePresence, selfIdentity } from './presence.ts';

const alice: PresenceIdentity = {
  userId: 'alice0000001',
  name: 'Alice',
  role: 'owner',
  departmentId: null,
  guest: false,
  watcher: false,
};
const bao: PresenceIdentity = {
  userId: 'bao000000001',
  name: 'Bảo',
  role: 'participant',
  departmentId: 'dept-support',
  guest: true,
  watcher: false,
};
const watcher: PresenceIdentity = {
  userId: null,
  name: '',
  role: 'viewer',
  departmentId: null,
  guest: false,
  watcher: true,
};
/** What the server relays for each: the stamped record. */
const relayed = (identity: PresenceIdentity) => stampPresence({}, identity);

describe('readPresence', () => {
  it('lists each person once, this page first, and counts watchers', () => {
    const states = new Map<number, unknown>([
      [1, relayed(bao)],
      [2, {}],
      [3, relayed(watcher)],
      [4, relayed(bao)],
      [5, relayed(watcher)],
    ]);
    const presence = readPresence(states, 2, alice);
    expect(presence.people.map((p) => [p.name, p.self])).toEqual([
      ['Alice', true],
      ['Bảo', false],
    ]);
    expect(presence.people[1]).toMatchObject({
      role: 'participant',
      departmentId: 'dept-support',
      guest: true,
    });
    expect(presence.watching).toBe(2);
  });

  it('marks this person as self in their other tabs too', () => {
    const presence = readPresence(
      new Map<number, unknown>([
        [7, relayed(alice)],
        [8, {}],
      ]),
      8,
      alice,
    );
    expect(presence.people).toHaveLength(1);
    expect(presence.people[0]!.self).toBe(true);
  });

  it('reads only stamped records: the top-level fields a client could write are ignored', () => {
    const states = new Map<number, unknown>([
      [1, {}],
      [2, { userId: 'x00000000001', name: 'Olivia Owner', role: 'owner', watcher: false }],
      [3, { user: { ...alice, role: 'admin' } }],
      [4, { user: { ...bao, name: '  ' } }],
      [5, null],
      [6, 'hello'],
    ]);
    expect(readPresence(states, 99, watcher)).toEqual({ people: [], watching: 1 });
  });
});

describe('samePresence', () => {
  const read = (entries: [number, unknown][]) => readPresence(new Map(entries), 99, alice);
  it('is the same when only a cursor moved, and not when someone came, left or a watcher joined', () => {
    const before = read([[1, stampPresence({ cursor: { x: 1, y: 2 } }, bao)]]);
    expect(samePresence(before, read([[1, stampPresence({ cursor: { x: 300, y: 40 } }, bao)]]))).toBe(true);
    expect(samePresence(before, read([]))).toBe(false);
    expect(
      samePresence(
        before,
        read([
          [1, relayed(bao)],
          [2, relayed(watcher)],
        ]),
      ),
    ).toBe(false);
    expect(samePresence(before, read([[1, relayed({ ...bao, name: 'Bảo Trần' })]]))).toBe(false);
  });
});

describe('presenceState and selfIdentity', () => {
  it('publishes nothing that names anyone', () => {
    expect(presenceState()).toEqual({});
  });

  it('knows this page as a watcher without a name, or a member with name, role, department and guest mark', () => {
    expect(
      selfIdentity({
        boardId: 'b',
        role: 'viewer',
        departmentId: null,
        userId: null,
        displayName: '',
        guest: false,
      }),
    ).toEqual(watcher);
    expect(
      selfIdentity({
        boardId: 'b',
        role: 'participant',
        departmentId: 'dept-support',
        userId: 'bao000000001',
        displayName: 'Bảo',
        guest: true,
      }),
    ).toEqual(bao);
  });
});
