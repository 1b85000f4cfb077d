import type { PresenceIdentity } from '@journeyboard/board-model';
import { createContext } from 'svelte';
import type { Peer } from './follow.ts';

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

/** Whether two lists of who edits which card say the same. */
export function sameEditors(
  a: ReadonlyMap<string, readonly CardEditor[]>,
  b: ReadonlyMap<string, readonly CardEditor[]>,
): boolean {
  if (a.size !== b.size) return false;
  for (const [cardId, editors] of a) {
    const other = b.get(cardId);
    if (
      !other ||
      other.length !== editors.length ||
      editors.some((editor, i) => editor.name !== other[i]!.name || editor.colour !== other[i]!.colour)
    )
      return false;
  }
  return true;
}

/**
 * Who edits which card, from the other clients' presence: each person once per card however
 * many tabs they edit it in; watchers never (they edit nothing, and the server says so).
 */
export function editorsByCard(
  peers: readonly Peer[],
  colourOf: (user: PresenceIdentity) => string,
): ReadonlyMap<string, readonly CardEditor[]> {
  const byCard = new Map<string, CardEditor[]>();
  const seen = new Set<string>();
  for (const { record } of peers) {
    const { user, editing } = record;
    const key = `${editing}\n${user.userId}`;
    if (editing === null || user.watcher || seen.has(key)) continue;
    seen.add(key);
    const editors = byCard.get(editing) ?? [];
    editors.push({ name: user.name, colour: colourOf(user) });
    byCard.set(editing, editors);
  }
  return byCard;
}
