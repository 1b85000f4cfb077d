import { addPrivateCard, removePrivateCard, updatePrivateCardText } from '@journeyboard/board-model';
import { m } from '#lib/paraglide/messages.js';
import { describeError } from '../board/errors.ts';
import type { LiveBoard } from '../board/live/live-board.svelte.ts';
import type { PrivateCardActions } from './PrivateCardView.svelte';

// What a person does with their private cards, on their private doc. These changes are not in the
// board's undo history: the doc is theirs alone, and a card is taken back by removing it.

/** Runs a change of this person's private doc; returns the error in the reader's language, or null. */
function onPrivateDoc(
  board: LiveBoard,
  change: (doc: NonNullable<ReturnType<LiveBoard['openPrivateDoc']>>) => void,
) {
  const doc = board.openPrivateDoc();
  if (!doc) return m.private_unavailable();
  try {
    change(doc);
    return null;
  } catch (error) {
    return describeError(error);
  }
}

/** Adds a private card to a cell (lane and stage) of this person's private doc. */
export function addPrivately(board: LiveBoard, laneId: string, stageId: string, text: string): string | null {
  return onPrivateDoc(board, (doc) => addPrivateCard(doc, { laneId, stageId, text }));
}

const actionsOf = new WeakMap<LiveBoard, PrivateCardActions>();

/** What a private card's buttons do, for a board (the same object each time). */
export function privateCardActions(board: LiveBoard): PrivateCardActions {
  let actions = actionsOf.get(board);
  if (!actions) {
    actions = {
      saveText: (cardId, text) => onPrivateDoc(board, (doc) => updatePrivateCardText(doc, cardId, text)),
      remove: (cardId) => onPrivateDoc(board, (doc) => removePrivateCard(doc, cardId)),
    };
    actionsOf.set(board, actions);
  }
  return actions;
}
