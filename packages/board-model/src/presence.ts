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

/** One client's presence state, as the server relays it. */
export interface PresenceRecord {
  user: PresenceIdentity;
}

/**
 * The largest awareness state the server takes from a client, as JSON (UTF-8 bytes). A page's own
 * state is a few dozen bytes; a larger one is dropped, not relayed.
 */
export const PRESENCE_MAX_BYTES = 2048;

/**
 * The state the server relays for a client of `identity`, built from nothing the client wrote:
 * the client's own fields are not part of the record yet (cursors come with live facilitation).
 */
export function stampPresence(identity: PresenceIdentity): PresenceRecord {
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
  };
}

/** A relayed state, or null when it is not a stamped presence record. */
export function readPresence(value: unknown): PresenceRecord | null {
  if (typeof value !== 'object' || value === null) return null;
  const user = (value as { user?: unknown }).user;
  if (typeof user !== 'object' || user === null) return null;
  const fields = user as Record<string, unknown>;
  const role = fields.role;
  if (typeof role !== 'string' || !(ROLES as readonly string[]).includes(role)) return null;
  if (fields.watcher === true) {
    return {
      user: { userId: null, name: '', role: role as Role, departmentId: null, guest: false, watcher: true },
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
  };
}
