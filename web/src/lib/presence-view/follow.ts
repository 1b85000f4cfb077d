import { runsBoard, type PresenceRecord } from '@journeyboard/board-model';

/** Another client's presence, as `LiveBoard.peers` lists it. */
export interface Peer {
  clientId: number;
  record: PresenceRecord;
}

/** Why this page follows someone: they were chosen, they present, or they brought everyone. */
export type FollowReason = 'chosen' | 'presenting' | 'gather';

export interface Following {
  clientId: number;
  reason: FollowReason;
}

/**
 * Whom this page follows, and what it knows to decide that: the presenter it saw last, the one
 * whose presentation it stopped following (not followed again on its own while they present),
 * and each leader's bring-everyone counter as last seen (a change brings this page along; the
 * first sight of one does not).
 */
export interface FollowState {
  following: Following | null;
  presenter: number | null;
  declined: number | null;
  gathers: ReadonlyMap<number, number>;
}

export const NOT_FOLLOWING: FollowState = {
  following: null,
  presenter: null,
  declined: null,
  gathers: new Map(),
};

/** Someone who may lead the room: a named person who runs the board (the server says the role). */
function leads(record: PresenceRecord): boolean {
  return !record.user.watcher && runsBoard(record.user.role);
}

/** The client that presents, if any; of several, the same one on every page (the lowest id). */
export function presenterOf(peers: readonly Peer[]): Peer | null {
  let found: Peer | null = null;
  for (const peer of peers) {
    if (peer.record.presenting && leads(peer.record) && (found === null || peer.clientId < found.clientId))
      found = peer;
  }
  return found;
}

/** What this page follows once the other clients' presence is `peers`. */
export function followPeers(state: FollowState, peers: readonly Peer[]): FollowState {
  const gathers = new Map<number, number>();
  let gatheredBy: number | null = null;
  for (const { clientId, record } of peers) {
    if (!leads(record)) continue;
    const seen = state.gathers.get(clientId);
    if (seen !== undefined && record.gather !== seen) gatheredBy = clientId;
    gathers.set(clientId, record.gather);
  }
  const presenter = presenterOf(peers)?.clientId ?? null;
  let { following, declined } = state;
  // Someone who left is not followed; nor, once it ends, a presentation.
  if (following && !peers.some((peer) => peer.clientId === following!.clientId)) following = null;
  if (following?.reason === 'presenting' && following.clientId !== presenter) following = null;
  if (declined !== presenter) declined = null;
  if (gatheredBy !== null) following = { clientId: gatheredBy, reason: 'gather' };
  else if (presenter !== null && presenter !== state.presenter) {
    // A presentation this page has not seen yet (it starts, or the page just came): it follows.
    following = { clientId: presenter, reason: 'presenting' };
    declined = null;
  }
  const same =
    following === state.following &&
    presenter === state.presenter &&
    declined === state.declined &&
    gathers.size === state.gathers.size &&
    [...gathers].every(([clientId, n]) => state.gathers.get(clientId) === n);
  // The same state when nothing changed: a page does nothing more for a cursor that moved.
  return same ? state : { following, presenter, declined, gathers };
}

/** Stops following (this person moved away, or said stop): a presentation is not followed again on its own. */
export function stopFollowing(state: FollowState): FollowState {
  if (!state.following) return state;
  return { ...state, following: null, declined: state.presenter };
}

/** Follows `clientId` (a person chosen, or the presenter again). */
export function follow(state: FollowState, clientId: number, reason: FollowReason): FollowState {
  return {
    ...state,
    following: { clientId, reason },
    declined: reason === 'presenting' ? null : state.declined,
  };
}

/**
 * The client to follow for a person (`userId`), who may have several tabs open: the one that
 * presents, else one that says where it looks, else any; null when the person is not here.
 */
export function clientOfPerson(peers: readonly Peer[], userId: string): number | null {
  const theirs = peers.filter((peer) => !peer.record.user.watcher && peer.record.user.userId === userId);
  const best =
    theirs.find((peer) => peer.record.presenting) ??
    theirs.find((peer) => peer.record.viewport !== null) ??
    theirs[0];
  return best?.clientId ?? null;
}
