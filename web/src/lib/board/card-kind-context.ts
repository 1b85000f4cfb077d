import type { Department, LaneKind } from '@journeyboard/board-model';
import { createContext } from 'svelte';

/**
 * What a card needs of its board to show and change its typed fields (channel, severity, KPI,
 * departments, moment of truth): the board sets it once instead of handing it down every cell.
 */
export interface CardKindBoard {
  /** The kind of the lane `laneId`: it says which fields its cards offer. */
  kindOf(laneId: string): LaneKind;
  /** The board's departments, in board order. */
  departments(): readonly Department[];
  /** Marks a card as a moment of truth, or no longer. */
  setMoment(laneId: string, cardId: string, on: boolean): void;
  /** Opens the editor of a card's details. */
  openDetails(laneId: string, cardId: string): void;
}

const [getCardKindBoard, setCardKindBoard, hasCardKindBoard] = createContext<CardKindBoard>();

export { setCardKindBoard };

/** The board's card-kind context, or null outside a board (a card shown on its own). */
export function cardKindBoard(): CardKindBoard | null {
  return hasCardKindBoard() ? getCardKindBoard() : null;
}
