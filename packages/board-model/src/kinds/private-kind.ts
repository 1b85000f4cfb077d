import type * as Y from 'yjs';
import { isValidId } from '../ids.ts';
import { isOrderKey } from '../order.ts';
import { PRIVATE_CARD_FIELDS } from '../private-cards.ts';
import { DOCUMENT_BYTES, isCardColour, LIMITS } from '../schema.ts';
import {
  entriesRule,
  hasExactFields,
  isCleanText,
  type DocumentKind,
  type KindRef,
} from './document-kind.ts';

/** One person's private cards on a board, `private:<boardId>:<userId>` (see private-cards.ts). */
export interface PrivateRef extends KindRef<'private'> {
  /** The person whose cards it holds: the only one who may open it. */
  userId: string;
}

/**
 * Private mode's cards: what a person writes there nobody else reads, raw clients included, until
 * the facilitator reveals it and the server moves its cards into the lanes. Hiding is by splitting
 * the document, not by filtering a shared one's updates: the doc is opened only by the person its
 * name names (`mayOpen`; never a watcher or a viewer) and by the server.
 */
export const privateKind: DocumentKind<PrivateRef> = {
  kind: 'private',
  prefix: 'private',
  docName: ({ boardId, userId }) => `private:${boardId}:${userId}`,
  parse: (parts) =>
    parts.length === 3 && isValidId(parts[1]!) && isValidId(parts[2]!)
      ? { kind: 'private', boardId: parts[1]!, userId: parts[2]! }
      : null,
  mayOpen: (access, ref) =>
    access.userId !== null && access.userId === ref.userId && access.role !== 'viewer',
  mayWrite: (access) => access.role !== 'viewer',
  laneOf: () => null,
  carriesPresence: false,
  content: {
    maxBytes: DOCUMENT_BYTES.private,
    roots: { cards: entriesRule(LIMITS.privateCards, isPrivateCardEntry) },
  },
};

/**
 * Whether a private card entry has exactly the fields `addPrivateCard` writes, of their types and
 * limits. That its lane and stage exist is checked at the reveal, against the board as it is then.
 */
function isPrivateCardEntry(id: string, entry: Y.Map<unknown>): boolean {
  const laneId: unknown = entry.get('laneId');
  const stageId: unknown = entry.get('stageId');
  const createdAt: unknown = entry.get('createdAt');
  return (
    isValidId(id) &&
    hasExactFields(entry, PRIVATE_CARD_FIELDS) &&
    typeof laneId === 'string' &&
    isValidId(laneId) &&
    typeof stageId === 'string' &&
    isValidId(stageId) &&
    isCleanText(entry.get('text'), 'cardText') &&
    isCardColour(entry.get('colour')) &&
    isOrderKey(entry.get('order')) &&
    typeof createdAt === 'number' &&
    Number.isFinite(createdAt)
  );
}
