import { BoardModelError, linkCards, removeCard, unlinkCards } from '@journeyboard/board-model';
import type * as Y from 'yjs';
import { type CardLink, type LinkIndex, linksToRemoveWith } from './card-links.ts';

/** What the link commands need of a live board. */
export interface LinkCommandTarget {
  /** Every card's links, as the page shows them now. */
  index: LinkIndex;
  laneDoc(laneId: string): Y.Doc;
  /** Whether this person may write the cards of the lane `laneId`. */
  mayWrite(laneId: string): boolean;
}

/** A card of a lane. */
export interface CardAt {
  laneId: string;
  cardId: string;
}

/**
 * Links the card `from` to the card `targetId` (the link is stored on `from`). The model sees one
 * lane only and cannot know whether the target is on the board: the page checks it first, so a
 * card removed meanwhile (by anyone) is refused before anything is written.
 * @throws BoardModelError UNKNOWN_CARD (the target is on no lane), and as the model's `linkCards`
 * (INVALID_LINK for the card itself, TOO_MANY past the most links a card holds).
 */
export function linkTo(target: LinkCommandTarget, from: CardAt, targetId: string, origin?: object): void {
  if (!target.index.find(targetId)) {
    throw new BoardModelError('UNKNOWN_CARD', `Card ${JSON.stringify(targetId)} is on no lane of the board`, {
      field: 'targetCardId',
    });
  }
  linkCards(target.laneDoc(from.laneId), from.cardId, targetId, origin);
}

/**
 * Removes the link `link` between `card` and the card at its other end, as far as this person
 * may: the link stored on `card` if they may write its lane, the one stored on the other card if
 * they may write that one's. Returns whether anything was removed.
 */
export function unlink(target: LinkCommandTarget, card: CardAt, link: CardLink, origin?: object): boolean {
  const other = { laneId: link.other.laneId, cardId: link.other.card.id };
  let removed = false;
  if (link.outgoing && target.mayWrite(card.laneId)) {
    unlinkCards(target.laneDoc(card.laneId), card.cardId, other.cardId, origin);
    removed = true;
  }
  if (link.incoming && target.mayWrite(other.laneId)) {
    unlinkCards(target.laneDoc(other.laneId), other.cardId, card.cardId, origin);
    removed = true;
  }
  return removed;
}

/** Whether this person may remove `link` of a card of `laneId`, at least the part of it they see. */
export function mayUnlink(
  target: Pick<LinkCommandTarget, 'mayWrite'>,
  laneId: string,
  link: CardLink,
): boolean {
  return (link.outgoing && target.mayWrite(laneId)) || (link.incoming && target.mayWrite(link.other.laneId));
}

/** Removes a link of `card` to a card that is on no lane. */
export function removeBrokenLink(
  target: LinkCommandTarget,
  card: CardAt,
  targetId: string,
  origin?: object,
): void {
  unlinkCards(target.laneDoc(card.laneId), card.cardId, targetId, origin);
}

/**
 * Removes a card, and the links to it stored on cards of lanes this person may write, all with
 * the same `origin` (one undo step when it is the page's: undo brings back the card and those
 * links). Links to it from lanes they may not write stay, unseen (see card-links.ts), until
 * their writers remove them, or the card comes back.
 * @throws BoardModelError as `removeCard`, before anything is written.
 */
export function removeCardAndLinks(target: LinkCommandTarget, card: CardAt, origin?: object): void {
  removeWithLinks(
    target,
    [card.cardId],
    () => removeCard(target.laneDoc(card.laneId), card.cardId, origin),
    origin,
  );
}

/**
 * Runs `remove`, which removes the cards `cardIds` (a stage and its cards, say), then removes the
 * links to them that this person may, as `removeCardAndLinks` does. Nothing is unlinked when
 * `remove` throws.
 */
export function removeWithLinks(
  target: LinkCommandTarget,
  cardIds: Iterable<string>,
  remove: () => void,
  origin?: object,
): void {
  const holders = [...cardIds].flatMap((cardId) =>
    linksToRemoveWith(target.index, cardId, target.mayWrite).map((holder) => ({ ...holder, to: cardId })),
  );
  remove();
  for (const holder of holders) {
    // A holder that moved or went meanwhile (or went with the rest) has no link to remove.
    try {
      unlinkCards(target.laneDoc(holder.laneId), holder.cardId, holder.to, origin);
    } catch (error) {
      if (!(error instanceof BoardModelError && error.code === 'UNKNOWN_CARD')) throw error;
    }
  }
}
