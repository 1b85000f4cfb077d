import { isValidId } from './ids.ts';
import { ROLES, runsBoard, type Role } from './roles.ts';
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

/**
 * What a person sees of the board: the board point at the centre of their view, and their zoom. A
 * follower scrolls so that the same point is at the centre of its own view, whatever its size.
 */
export interface PresenceViewport {
  x: number;
  y: number;
  zoom: number;
}

/** The emoji of reactions, on a card and in bursts over the board, in the order they are offered. */
export const REACTION_EMOJIS = ['👍', '❤️', '🎉', '😂', '😮', '🤔'] as const;
export type ReactionEmoji = (typeof REACTION_EMOJIS)[number];

/** A burst of one reaction over the board: `n` counts this client's bursts, a change is a new one. */
export interface PresenceBurst {
  emoji: ReactionEmoji;
  n: number;
}

/** The zoom a viewport may have (the board's own zoom range). */
export const VIEWPORT_ZOOM = { min: 0.25, max: 2 } as const;

/**
 * One client's presence state, as the server relays it: who they are (stamped by the server from
 * the connection), and the fields the client sets, each checked (anything else is dropped).
 */
export interface PresenceRecord {
  /** Stamped by the server from the connection. */
  user: PresenceIdentity;
  /** Their pointer on the board (board coordinates of the unzoomed grid), or null. */
  cursor: PresenceCursor | null;
  /** What they see, or null before they say. */
  viewport: PresenceViewport | null;
  /** The card whose text they are editing, or null. */
  editing: string | null;
  /** They present: pages follow their viewport. Only someone who runs the board presents. */
  presenting: boolean;
  /**
   * Bumped by someone who runs the board to bring everyone to their view: a page that sees it
   * change jumps there and follows them. Always 0 for anyone else.
   */
  gather: number;
  /** Their latest reaction burst, or null. Never from a viewer or a watcher. */
  burst: PresenceBurst | null;
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

function readViewport(value: unknown): PresenceViewport | null {
  const point = readCursor(value);
  if (point === null) return null;
  const zoom = (value as { zoom?: unknown }).zoom;
  return typeof zoom === 'number' && zoom >= VIEWPORT_ZOOM.min && zoom <= VIEWPORT_ZOOM.max
    ? { x: point.x, y: point.y, zoom }
    : null;
}

function readEditing(value: unknown): string | null {
  return typeof value === 'string' && isValidId(value) ? value : null;
}

/** A counter a client bumps: a whole number, 0 when it is not one. */
function readCounter(value: unknown): number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : 0;
}

function readBurst(value: unknown): PresenceBurst | null {
  if (typeof value !== 'object' || value === null) return null;
  const { emoji, n } = value as { emoji?: unknown; n?: unknown };
  if (!(REACTION_EMOJIS as readonly unknown[]).includes(emoji)) return null;
  const count = readCounter(n);
  return count > 0 ? { emoji: emoji as ReactionEmoji, n: count } : null;
}

/** The fields a client sets, read from any value (each checked, each defaulted). */
function readClientFields(state: unknown): Omit<PresenceRecord, 'user'> {
  const fields = typeof state === 'object' && state !== null ? (state as Record<string, unknown>) : {};
  return {
    cursor: readCursor(fields.cursor),
    viewport: readViewport(fields.viewport),
    editing: readEditing(fields.editing),
    presenting: fields.presenting === true,
    gather: readCounter(fields.gather),
    burst: readBurst(fields.burst),
  };
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
  const fields = readClientFields(state);
  const watcher = identity.userId === null || identity.watcher;
  // Only someone who runs the board presents or gathers; viewers and watchers never react.
  const leads = !watcher && runsBoard(identity.role);
  const mayReact = !watcher && identity.role !== 'viewer';
  return {
    user: {
      userId: watcher ? null : identity.userId,
      name: watcher ? '' : identity.name,
      role: identity.role,
      departmentId: watcher ? null : identity.departmentId,
      guest: !watcher && identity.guest,
      watcher,
    },
    cursor: fields.cursor,
    viewport: fields.viewport,
    editing: watcher || identity.role === 'viewer' ? null : fields.editing,
    presenting: leads && fields.presenting,
    gather: leads ? fields.gather : 0,
    burst: mayReact ? fields.burst : null,
  };
}

/** A relayed state, or null when it is not a stamped presence record. */
export function readPresence(value: unknown): PresenceRecord | null {
  if (typeof value !== 'object' || value === null) return null;
  const user = (value as { user?: unknown }).user;
  if (typeof user !== 'object' || user === null) return null;
  const fields = user as Record<string, unknown>;
  const client = readClientFields(value);
  const role = fields.role;
  if (typeof role !== 'string' || !(ROLES as readonly string[]).includes(role)) return null;
  if (fields.watcher === true) {
    return {
      user: { userId: null, name: '', role: role as Role, departmentId: null, guest: false, watcher: true },
      ...client,
      editing: null,
      presenting: false,
      gather: 0,
      burst: null,
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
    ...client,
  };
}
