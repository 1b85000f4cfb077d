import { createContext } from 'svelte';

/** Someone editing a card's text, as the card shows them. */
export interface CardEditor {
  name: string;
  colour: string;
}

/** What a card needs of the board's presence: who else edits it, and saying that this page does. */
export interface CardPresence {
  /** The other people editing `cardId`'s text now. */
  editorsOf(cardId: string): readonly CardEditor[];
  /** This page edits `cardId`'s text; returns a function to call when it stops. */
  edit(cardId: string): () => void;
}

const [getPresence, setPresence, hasPresence] = createContext<CardPresence>();

export const setCardPresence = setPresence;

/** The board's presence for a card, or null outside a live board. */
export function cardPresence(): CardPresence | null {
  return hasPresence() ? getPresence() : null;
}
