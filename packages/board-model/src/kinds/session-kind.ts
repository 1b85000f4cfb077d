import { isValidId } from '../ids.ts';
import { DOCUMENT_BYTES } from '../limits.ts';
import type { DocumentKind, KindRef } from './document-kind.ts';

/**
 * A board's facilitation session, `session:<boardId>`: the timer, the vote, the emotion poll and
 * private mode, as the facilitator set them and the server published them (see session.ts).
 * Every connection of the board reads it and none writes it: the server writes it after checking
 * each facilitator's command, so that what it says (an end time, a revealed tally) is the server's.
 */
export type SessionRef = KindRef<'session'>;

export const SESSION_KEYS = ['timer', 'vote', 'poll', 'private'] as const;
export type SessionKey = (typeof SESSION_KEYS)[number];

export const sessionKind: DocumentKind<SessionRef> = {
  kind: 'session',
  prefix: 'session',
  docName: ({ boardId }) => `session:${boardId}`,
  parse: (parts) =>
    parts.length === 2 && isValidId(parts[1]!) ? { kind: 'session', boardId: parts[1]! } : null,
  mayWrite: () => false,
  laneOf: () => null,
  carriesPresence: false,
  content: {
    maxBytes: DOCUMENT_BYTES.session,
    roots: {
      // Only the server writes it (every client connection is read-only): a client's update is
      // refused whatever it holds.
      session: { maxEntries: SESSION_KEYS.length, keepsPrevious: false, check: () => 'not-in-schema' },
    },
  },
};
