import { stampPresence, type PresenceIdentity, type Role } from '@journeyboard/board-model';
import { describe, expect, it } from 'vitest';
import {
  NOT_FOLLOWING,
  clientOfPerson,
  follow,
  followPeers,
  presenterOf,
  stopFollowing,
  type Peer,
} from './follow.ts';

function person(userId: string, role: Role, watcher = false): PresenceIdentity {
  return { userId: watcher ? null : userId, name: userId, role, departmentId: null, guest: false, watcher };
}

/** A client's presence as the server would relay it. */
function peer(clientId: number, who: PresenceIdentity, fields: Record<string, unknown> = {}): Peer {
  return { clientId, record: stampPresence({ viewport: { x: 1, y: 2, zoom: 1 }, ...fields }, who) };
}

const lan = person('lan', 'facilitator');
const olivia = person('olivia', 'owner');
const sam = person('sam', 'participant');

describe('following', () => {
  it('follows a presentation when it starts and when the page comes during one, until it ends', () => {
    let state = followPeers(NOT_FOLLOWING, [peer(1, lan), peer(2, sam)]);
    expect(state.following).toBeNull();
    state = followPeers(state, [peer(1, lan, { presenting: true }), peer(2, sam)]);
    expect(state.following).toEqual({ clientId: 1, reason: 'presenting' });
    // A watcher who opens the page during the presentation joins it.
    expect(followPeers(NOT_FOLLOWING, [peer(1, lan, { presenting: true })]).following).toEqual({
      clientId: 1,
      reason: 'presenting',
    });
    state = followPeers(state, [peer(1, lan), peer(2, sam)]);
    expect(state.following).toBeNull();
  });

  it('stops when this person moves away, offers to follow again, and does not follow on its own', () => {
    let state = followPeers(NOT_FOLLOWING, [peer(1, lan, { presenting: true })]);
    state = stopFollowing(state);
    expect(state).toMatchObject({ following: null, declined: 1, presenter: 1 });
    state = followPeers(state, [peer(1, lan, { presenting: true, viewport: { x: 500, y: 2, zoom: 1 } })]);
    expect(state.following).toBeNull();
    state = follow(state, 1, 'presenting');
    expect(state).toMatchObject({ following: { clientId: 1, reason: 'presenting' }, declined: null });
    // A presentation that ends and starts again is followed again.
    state = stopFollowing(state);
    state = followPeers(state, [peer(1, lan)]);
    expect(state.declined).toBeNull();
    state = followPeers(state, [peer(1, lan, { presenting: true })]);
    expect(state.following).toEqual({ clientId: 1, reason: 'presenting' });
  });

  it('takes no one’s word for presenting but the server’s: a participant or watcher who says so is not followed', () => {
    // The server relays `presenting` as false for them; a record that says otherwise is not one it sent.
    const forged: Peer = { clientId: 3, record: { ...peer(3, sam).record, presenting: true } };
    const watcher: Peer = {
      clientId: 4,
      record: { ...peer(4, person('w', 'viewer', true)).record, presenting: true },
    };
    expect(presenterOf([forged, watcher])).toBeNull();
    expect(followPeers(NOT_FOLLOWING, [forged, watcher]).following).toBeNull();
  });

  it('comes along when a leader brings everyone (a change of their counter, not its first sight)', () => {
    let state = followPeers(NOT_FOLLOWING, [peer(1, lan, { gather: 3 }), peer(2, olivia)]);
    expect(state.following).toBeNull();
    state = followPeers(state, [peer(1, lan, { gather: 3 }), peer(2, olivia)]);
    expect(state.following).toBeNull();
    state = followPeers(state, [peer(1, lan, { gather: 3 }), peer(2, olivia, { gather: 1 })]);
    expect(state.following).toEqual({ clientId: 2, reason: 'gather' });
    state = stopFollowing(state);
    expect(state.following).toBeNull();
    // A participant's counter is always 0 as relayed: it brings no one.
    state = followPeers(state, [peer(1, lan, { gather: 3 }), peer(2, olivia, { gather: 1 }), peer(5, sam)]);
    state = followPeers(state, [
      peer(1, lan, { gather: 3 }),
      peer(2, olivia, { gather: 1 }),
      peer(5, sam, { gather: 9 }),
    ]);
    expect(state.following).toBeNull();
  });

  it('is the same state while only cursors move', () => {
    const state = followPeers(NOT_FOLLOWING, [peer(1, lan, { presenting: true, gather: 2 })]);
    const moved = [peer(1, lan, { presenting: true, gather: 2, cursor: { x: 5, y: 5 } })];
    expect(followPeers(state, moved)).toBe(state);
  });

  it('stops following someone who leaves', () => {
    let state = follow(followPeers(NOT_FOLLOWING, [peer(2, sam)]), 2, 'chosen');
    state = followPeers(state, [peer(2, sam)]);
    expect(state.following).toEqual({ clientId: 2, reason: 'chosen' });
    state = followPeers(state, []);
    expect(state.following).toBeNull();
  });

  it('follows the tab of a person that presents, else one that says where it looks', () => {
    const peers = [
      { clientId: 7, record: stampPresence({}, lan) },
      peer(8, lan),
      peer(9, lan, { presenting: true }),
      peer(10, sam),
    ];
    expect(clientOfPerson(peers, 'lan')).toBe(9);
    expect(clientOfPerson(peers.slice(0, 2), 'lan')).toBe(8);
    expect(clientOfPerson(peers.slice(0, 1), 'lan')).toBe(7);
    expect(clientOfPerson(peers, 'nobody')).toBeNull();
  });
});
