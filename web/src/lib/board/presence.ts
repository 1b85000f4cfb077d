import { ROLES, type Role } from '@journeyboard/board-model';
import type { BoardAccess } from '#lib/api.ts';

/** What each page tells the others about itself, in the structure document's awareness. */
export interface PresenceState {
  /** Null for a watcher, who has no name either. */
  userId: string | null;
  name: string;
  role: Role;
  departmentId: string | null;
  /** Came through a watch link: counted, not listed. */
  watcher: boolean;
}

/** Someone on the board, as the presence list shows them. */
export interface PresentPerson extends PresenceState {
  userId: string;
  self: boolean;
}

/** Who is on the board: the people by name, and how many are watching. */
export interface Presence {
  people: PresentPerson[];
  watching: number;
}

/** The awareness state a page publishes for `access`. */
export function presenceState(access: BoardAccess): PresenceState {
  const watcher = access.userId === null;
  return {
    userId: access.userId,
    name: watcher ? '' : access.displayName,
    role: access.role,
    departmentId: access.departmentId,
    watcher,
  };
}

/** A state another client published, or null when it is not one (any client can publish anything). */
export function readPresenceState(value: unknown): PresenceState | null {
  if (typeof value !== 'object' || value === null) return null;
  const state = value as Record<string, unknown>;
  const role = state.role;
  if (typeof role !== 'string' || !(ROLES as readonly string[]).includes(role)) return null;
  if (state.watcher === true) {
    return { userId: null, name: '', role: role as Role, departmentId: null, watcher: true };
  }
  if (typeof state.userId !== 'string' || typeof state.name !== 'string' || state.name.trim() === '') {
    return null;
  }
  return {
    userId: state.userId,
    name: state.name.slice(0, 80),
    role: role as Role,
    departmentId: typeof state.departmentId === 'string' ? state.departmentId : null,
    watcher: false,
  };
}

/**
 * The presence list from the awareness states of every client (this page's included, under
 * `selfClientId`): one entry per person however many tabs they have open, this page's person
 * first, then by name; watchers only counted.
 */
export function readPresence(states: ReadonlyMap<number, unknown>, selfClientId: number): Presence {
  const byUser = new Map<string, PresentPerson>();
  let watching = 0;
  const self = readPresenceState(states.get(selfClientId));
  for (const [clientId, value] of states) {
    const state = readPresenceState(value);
    if (!state) continue;
    if (state.watcher) {
      watching += 1;
      continue;
    }
    const userId = state.userId!;
    const isSelf = clientId === selfClientId || (self !== null && self.userId === userId);
    if (!byUser.has(userId) || clientId === selfClientId) {
      byUser.set(userId, { ...state, userId, self: isSelf });
    }
  }
  const people = [...byUser.values()].sort((a, b) =>
    a.self !== b.self ? (a.self ? -1 : 1) : a.name.localeCompare(b.name),
  );
  return { people, watching };
}
