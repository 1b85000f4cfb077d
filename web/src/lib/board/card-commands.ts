import {
  type BoardStructure,
  cardsInCell,
  type Lane,
  moveCard,
  moveCardToLane,
  readCard,
} from '@journeyboard/board-model';
import type * as Y from 'yjs';

/** A move of a card from the keyboard (Alt+arrow). */
export type CardDirection = 'left' | 'right' | 'up' | 'down';

/** What moving cards needs of a live board. */
export interface CardCommandTarget {
  structure: BoardStructure;
  laneDoc(laneId: string): Y.Doc;
  /** Whether this person may write the cards of `lane`. */
  canEditLane(lane: Pick<Lane, 'department'>): boolean;
}

/**
 * Moves a card one step in `direction`: left and right to the end of the neighbouring stage's
 * cell; up and down within its cell, and past its top or bottom into the nearest lane this person
 * may write (at the bottom of that cell going up, at its top going down), skipping lanes they may
 * not. Returns whether it moved. `origin` goes to the model's moves (see `LiveBoard.change`).
 * @throws BoardModelError as the model's moves.
 */
export function moveCardByKey(
  target: CardCommandTarget,
  laneId: string,
  cardId: string,
  direction: CardDirection,
  origin?: object,
): boolean {
  const { structure } = target;
  const doc = target.laneDoc(laneId);
  const card = readCard(doc, cardId);
  if (!card) return false;
  const stageIndex = structure.stages.findIndex((s) => s.id === card.stageId);
  const laneIndex = structure.lanes.findIndex((l) => l.id === laneId);
  const cell = cardsInCell(doc, card.stageId);
  const index = cell.findIndex((c) => c.id === cardId);
  if (direction === 'left' || direction === 'right') {
    const stage = structure.stages[stageIndex + (direction === 'left' ? -1 : 1)];
    if (!stage) return false;
    moveCard(doc, cardId, { stageId: stage.id, index: cardsInCell(doc, stage.id).length }, origin);
    return true;
  }
  if (direction === 'up' && index > 0) {
    moveCard(doc, cardId, { stageId: card.stageId, index: index - 1 }, origin);
    return true;
  }
  if (direction === 'down' && index < cell.length - 1) {
    moveCard(doc, cardId, { stageId: card.stageId, index: index + 1 }, origin);
    return true;
  }
  const lane = nearestEditableLane(target, laneIndex, direction === 'up' ? -1 : 1);
  if (!lane) return false;
  const into = target.laneDoc(lane.id);
  const intoIndex = direction === 'up' ? cardsInCell(into, card.stageId).length : 0;
  moveCardToLane(doc, into, cardId, { stageId: card.stageId, index: intoIndex }, origin);
  return true;
}

/**
 * Drops a dragged card at `to`: `to.index` is where the drop marker stood among the cell's cards,
 * which counts the dragged card itself when it stays in its own cell.
 */
export function dropCard(
  target: Pick<CardCommandTarget, 'laneDoc'>,
  from: { laneId: string; cardId: string },
  to: { laneId: string; stageId: string; index: number },
  origin?: object,
): void {
  const source = target.laneDoc(from.laneId);
  if (from.laneId === to.laneId) {
    const current = cardsInCell(source, to.stageId).findIndex((c) => c.id === from.cardId);
    const index = current >= 0 && current < to.index ? to.index - 1 : to.index;
    moveCard(source, from.cardId, { stageId: to.stageId, index }, origin);
  } else {
    moveCardToLane(
      source,
      target.laneDoc(to.laneId),
      from.cardId,
      { stageId: to.stageId, index: to.index },
      origin,
    );
  }
}

/** The nearest lane from `index` in `step`'s direction whose cards this person may write. */
function nearestEditableLane(target: CardCommandTarget, index: number, step: -1 | 1): Lane | null {
  const all = target.structure.lanes;
  for (let i = index + step; i >= 0 && i < all.length; i += step) {
    if (target.canEditLane(all[i]!)) return all[i]!;
  }
  return null;
}
