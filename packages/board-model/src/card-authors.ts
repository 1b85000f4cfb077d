import type { CardId, LaneId } from './ids.ts';
import { mayWriteLane, runsBoard, type RoleAccess } from './roles.ts';
import type { CardAuthor } from './schema.ts';

// Who wrote a card is stamped by the page and checked by the server: a lane doc is written by a
// whole department, so the doc alone cannot say who wrote what. The server keeps, per board, the
// first writer of every card id and the lane the card was last put in (a card record), and the
// lane kind's rule (`mayPlaceCard`) judges each card entry an update creates against it. The rule
// is here, pure; the records are the server's.

/** Someone as the board access describes them: who a card they write is by. */
export interface CardWriterIdentity {
  /** Null for a watcher, who writes nothing. */
  userId: string | null;
  displayName: string;
  departmentId: string | null;
  guest: boolean;
}

/**
 * The author a card written by `person` carries: their id, their name as `addCard` stores it
 * (NFC, trimmed), their department and guest mark. Null for a watcher.
 */
export function cardAuthorOf(person: CardWriterIdentity): CardAuthor | null {
  if (person.userId === null) return null;
  return {
    id: person.userId,
    name: person.displayName.normalize('NFC').trim(),
    departmentId: person.departmentId,
    guest: person.guest,
  };
}

/** Whether two authors are the same, field by field; two unknown authors (null) are the same. */
export function sameCardAuthor(a: CardAuthor | null, b: CardAuthor | null): boolean {
  if (a === null || b === null) return a === b;
  return a.id === b.id && a.name === b.name && a.departmentId === b.departmentId && a.guest === b.guest;
}

/** What the server keeps of a card id of a board once it has been written. */
export interface CardRecord {
  /** Who first wrote it; null for a card written before authors were recorded. */
  author: CardAuthor | null;
  /** The lane it was last written into: created there, moved there, or put back there. */
  laneId: LaneId;
}

/** What the lane kind's rule asks the server about a board while it checks one lane doc's update. */
export interface CardFacts {
  /** The lane whose doc is being written. */
  laneId: LaneId;
  /** The record of a card id of the board, or null when no card of that id was ever written. */
  recordOf(cardId: CardId): CardRecord | null;
  /** A lane's department as `laneDepartment` reads it: an id, `shared`, or null for no such lane. */
  laneDepartment(laneId: LaneId): string | null;
}

/** Facts that know of no card and no lane: every card is new (tools that check a lone doc). */
export const NO_CARD_FACTS: CardFacts = {
  laneId: '',
  recordOf: () => null,
  laneDepartment: () => null,
};

/**
 * Whether `writer` may put the card `cardId`, carrying `author`, into the lane of `facts` (as a
 * new entry there, or by changing the author of one):
 * - a card id never written: only under the writer's own identity;
 * - a card written before (moved between lanes, put back by undo): only under its recorded author,
 *   however it was edited since; and when that author is someone else (or unknown), only into the
 *   lane it was last in, or by someone who may write that lane: nobody copies another's card, under
 *   their name and with text of their own, out of a lane they may not edit.
 */
export function mayPlaceCard(
  cardId: CardId,
  author: CardAuthor | null,
  writer: RoleAccess & CardWriterIdentity,
  facts: CardFacts,
): boolean {
  const record = facts.recordOf(cardId);
  if (record === null) return author !== null && sameCardAuthor(author, cardAuthorOf(writer));
  if (!sameCardAuthor(author, record.author)) return false;
  if (record.author !== null && record.author.id === writer.userId) return true;
  if (record.laneId === facts.laneId || runsBoard(writer.role)) return true;
  return mayWriteLane(writer, facts.laneDepartment(record.laneId));
}
