import { readPresence as readPresenceRecord, type PresenceIdentity } from '@journeyboard/board-model';
import type { BoardAccess } from '#lib/api.ts';

/** Someone on the board, as the presence list shows them. */
export interface PresentPerson extends PresenceIdentity {
  userId: string;
  self: boolean;
}

/** Who is on the board: the people by name, and how many are watching. */
export interface Presence {
  people: PresentPerson[];
  watching: number;
}

/**
 * The awareness state a page publishes: nothing that names anyone. The server relays every state
 * as the board model's presence record, stamped with who the connection is (`stampPresence`).
 */
export function presenceState(): Record<string, never> {
  return {};
}

/** This page's own person, from its access: the server does not echo a page's state back to it. */
export function selfIdentity(access: BoardAccess): PresenceIdentity {
  const watcher = access.userId === null;
  return {
    userId: access.userId,
    name: watcher ? '' : access.displayName,
    role: access.role,
    departmentId: watcher ? null : access.departmentId,
    guest: access.guest,
    watcher,
  };
}

/**
 * The presence list from the awareness states of every client (this page's own under
 * `selfClientId`, as `self`): one entry per person however many tabs they have open, this page's
 * person first, then by name; watchers only counted. Only states the server stamped are read.
 */
export function readPresence(
  states: ReadonlyMap<number, unknown>,
  selfClientId: number,
  self: PresenceIdentity,
): Presence {
  const byUser = new Map<string, PresentPerson>();
  let watching = self.watcher ? 1 : 0;
  if (!self.watcher && self.userId !== null)
    byUser.set(self.userId, { ...self, userId: self.userId, self: true });
  for (const [clientId, value] of states) {
    if (clientId === selfClientId) continue;
    const user = readPresenceRecord(value)?.user;
    if (!user) continue;
    if (user.watcher || user.userId === null) {
      watching += 1;
      continue;
    }
    if (!byUser.has(user.userId)) byUser.set(user.userId, { ...user, userId: user.userId, self: false });
  }
  const people = [...byUser.values()].sort((a, b) =>
    a.self !== b.self ? (a.self ? -1 : 1) : a.name.localeCompare(b.name),
  );
  return { people, watching };
}

/**
 * Whether two presence lists show the same: the same people (name, role, department, guest) in the
 * same order, and the same number watching. A cursor move changes neither.
 */
export function samePresence(a: Presence, b: Presence): boolean {
  return a.watching === b.watching && JSON.stringify(a.people) === JSON.stringify(b.people);
}
