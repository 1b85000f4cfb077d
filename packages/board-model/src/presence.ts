import { ROLES, type Role } from './roles.ts';
import { LIMITS } from './schema.ts';

// Presence travels in the awareness of a board's structure doc. Any client can publish anything
// there, so the record is defined once, here: the server builds every state it relays with
// `stampPresence` (the fields that name a person come from the connection, never from the client),
// and pages read states only through `readPresence`.

/** Who a present person is, as the server knows them. */
export interface PresenceIdentity {
  /** Null for a watcher, who has no name either. */
  userId: string | null;
  name: string;
  role: Role;
  departmentId: string | null;
  /** Joined by a share link, without an account. */
  guest: boolean;
  /** Came through a watch link: counted, not listed. */
  watcher: boolean;
}

/** Where a person's pointer is on the board, in board coordinates. */
export interface PresenceCursor {
  x: number;
  y: number;
}

/** One client's presence state, as the server relays it. */
export interface PresenceRecord {
  /** Stamped by the server from the connection. */
  user: PresenceIdentity;
  /** Set by the client: its pointer on the board, or null. */
  cursor: PresenceCursor | null;
}

/** Coordinates beyond any board: a larger value is not a place on one. */
const FARTHEST = 1_000_000;

function readCursor(value: unknown): PresenceCursor | null {
  if (typeof value !== 'object' || value === null) return null;
  const { x, y } = value as { x?: unknown; y?: unknown };
  const coordinate = (n: unknown): n is number =>
    typeof n === 'number' && Number.isFinite(n) && Math.abs(n) <= FARTHEST;
  return coordinate(x) && coordinate(y) ? { x, y } : null;
}

/**
 * The largest awareness state the server takes from a client, as JSON (UTF-8 bytes). A page's own
 * state is a few dozen bytes; a larger one is dropped, not relayed.
 */
export const PRESENCE_MAX_BYTES = 2048;

/**
 * The state the server relays for a client of `identity` that published `state`: the identity
 * from the server, and of what the client wrote only its own fields, each checked.
 */
export function stampPresence(state: unknown, identity: PresenceIdentity): PresenceRecord {
  const cursor = readCursor(
    typeof state === 'object' && state !== null ? (state as { cursor?: unknown }).cursor : null,
  );
  const watcher = identity.userId === null || identity.watcher;
  return {
    user: {
      userId: watcher ? null : identity.userId,
      name: watcher ? '' : identity.name,
      role: identity.role,
      departmentId: watcher ? null : identity.departmentId,
      guest: !watcher && identity.guest,
      watcher,
    },
    cursor,
  };
}

/** A relayed state, or null when it is not a stamped presence record. */
export function readPresence(value: unknown): PresenceRecord | null {
  if (typeof value !== 'object' || value === null) return null;
  const user = (value as { user?: unknown }).user;
  if (typeof user !== 'object' || user === null) return null;
  const fields = user as Record<string, unknown>;
  const cursor = readCursor((value as { cursor?: unknown }).cursor);
  const role = fields.role;
  if (typeof role !== 'string' || !(ROLES as readonly string[]).includes(role)) return null;
  if (fields.watcher === true) {
    return {
      user: { userId: null, name: '', role: role as Role, departmentId: null, guest: false, watcher: true },
      cursor,
    };
  }
  if (typeof fields.userId !== 'string' || typeof fields.name !== 'string' || fields.name.trim() === '') {
    return null;
  }
  return {
    user: {
      userId: fields.userId,
      name: [...fields.name].slice(0, LIMITS.authorName).join(''),
      role: role as Role,
      departmentId: typeof fields.departmentId === 'string' ? fields.departmentId : null,
      guest: fields.guest === true,
      watcher: false,
    },
    cursor,
  };
}
