import { describe, expect, it } from 'vitest';
import { presenceState, readPresence } from './presence.ts';

const alice = { userId: 'alice0000001', name: 'Alice', role: 'owner', departmentId: null, watcher: false };
const bao = {
  userId: 'bao000000001',
  name: 'Bảo',
  role: 'participant',
  departmentId: 'dept-support',
  watcher: false,
};
const watcher = { userId: null, name: '', role: 'viewer', departmentId: null, watcher: true };

describe('readPresence', () => {
  it('lists each person once, this page first, and counts watchers', () => {
    const states = new Map<number, unknown>([
      [1, bao],
      [2, alice],
      [3, watcher],
      [4, bao],
      [5, watcher],
    ]);
    const presence = readPresence(states, 2);
    expect(presence.people.map((p) => [p.name, p.self])).toEqual([
      ['Alice', true],
      ['Bảo', false],
    ]);
    expect(presence.people[1]).toMatchObject({ role: 'participant', departmentId: 'dept-support' });
    expect(presence.watching).toBe(2);
  });

  it('marks this person as self in their other tabs too', () => {
    const presence = readPresence(
      new Map<number, unknown>([
        [7, alice],
        [8, alice],
      ]),
      8,
    );
    expect(presence.people).toHaveLength(1);
    expect(presence.people[0]!.self).toBe(true);
  });

  it('skips states that are not presence (empty, unknown role, nameless)', () => {
    const states = new Map<number, unknown>([
      [1, {}],
      [2, { ...alice, role: 'admin' }],
      [3, { ...bao, name: '  ' }],
      [4, null],
      [5, 'hello'],
    ]);
    expect(readPresence(states, 99)).toEqual({ people: [], watching: 0 });
  });
});

describe('presenceState', () => {
  it('publishes a watcher without a name', () => {
    expect(
      presenceState({ boardId: 'b', role: 'viewer', departmentId: null, userId: null, displayName: '' }),
    ).toEqual(watcher);
  });

  it('publishes a member with name, role and department', () => {
    expect(
      presenceState({
        boardId: 'b',
        role: 'participant',
        departmentId: 'dept-support',
        userId: 'bao000000001',
        displayName: 'Bảo',
      }),
    ).toEqual(bao);
  });
});
