import * as Y from 'yjs';
import { newId, type CardId, type StageId } from './ids.ts';
import { compareOrdered, orderKeyAt } from './order.ts';
import {
  DEFAULT_COLOUR,
  cardEntry,
  cardsMap,
  entryOf,
  readCardEntry,
  type Card,
  type CardAuthor,
  type CardColour,
} from './schema.ts';
import {
  checkCardAuthor,
  checkColour,
  checkIndex,
  checkStageIdShape,
  cleanOptionalText,
  cleanText,
  unknownCard,
} from './validation.ts';

// Lane operations see only their lane doc, so they cannot check that a stage exists: they check
// the shape of stage ids and the existence of card ids. The UI offers only the board's stages.

/**
 * Every readable card of a lane doc, sorted by (order, id) whatever their stage. Malformed
 * entries are skipped; an unknown colour reads as yellow.
 */
export function readCards(laneDoc: Y.Doc): Card[] {
  const cards: Card[] = [];
  cardsMap(laneDoc).forEach((value, id) => {
    const card = readCardEntry(id, value);
    if (card !== null) cards.push(card);
  });
  return cards.sort(compareOrdered);
}

/**
 * The ids of a lane doc's entries, in no order, without reading the entries: every card's, and a
 * malformed entry's too (`readCards` skips those). Cheap where a whole lane's cards are not needed.
 */
export function cardIdsOf(laneDoc: Y.Doc): string[] {
  return [...cardsMap(laneDoc).keys()];
}

/** One card of a lane doc, or null when the doc has no readable card with that id. */
export function readCard(laneDoc: Y.Doc, cardId: CardId): Card | null {
  return readCardEntry(cardId, cardsMap(laneDoc).get(cardId));
}

/**
 * Calls `onChange` after every transaction that changed a lane doc's cards (local or remote),
 * with the ids of the cards added, removed or edited in it, so that a reader can re-read those
 * alone (`readCard`) instead of the whole lane. Returns a function that stops watching.
 */
export function observeCards(laneDoc: Y.Doc, onChange: (changed: Set<CardId>) => void): () => void {
  const cards = cardsMap(laneDoc);
  const observer = (events: Y.YEvent<Y.AbstractType<unknown>>[]) => {
    const changed = new Set<CardId>();
    for (const event of events) {
      if (event.target === cards) {
        if (event instanceof Y.YMapEvent) for (const id of event.keysChanged) changed.add(String(id));
      } else {
        // A field of a card entry: the path from the cards map starts with the card's id.
        const id = event.path[0];
        if (typeof id === 'string') changed.add(id);
      }
    }
    if (changed.size > 0) onChange(changed);
  };
  cards.observeDeep(observer);
  return () => cards.unobserveDeep(observer);
}

/** The cards of one cell (this lane × `stageId`), sorted by (order, id). */
export function cardsInCell(laneDoc: Y.Doc, stageId: StageId): Card[] {
  return readCards(laneDoc).filter((card) => card.stageId === stageId);
}

/**
 * Adds a card at `index` within its cell (default: the end), yellow unless a colour is given,
 * and returns its id. The stage is not checked against the board (see above). `author` is stored
 * as given (its name trimmed and normalised): the caller passes the writer's own identity as the
 * board access describes it (`cardAuthorOf`), and the server refuses any other (lane-kind.ts).
 *
 * @throws BoardModelError EMPTY_TEXT, TEXT_TOO_LONG (text or author name), INVALID_COLOUR,
 * INVALID_INDEX, UNKNOWN_STAGE (only for a malformed stage id), INVALID_AUTHOR (an author id or
 * department that is not an id).
 */
export function addCard(
  laneDoc: Y.Doc,
  card: { stageId: StageId; text: string; colour?: CardColour; author: CardAuthor },
  index?: number,
  origin?: unknown,
): CardId {
  const stageId = checkStageIdShape(card.stageId);
  const text = cleanText(card.text, 'cardText');
  const colour = card.colour === undefined ? DEFAULT_COLOUR : checkColour(card.colour);
  const author = checkCardAuthor(card.author);
  const cell = cardsInCell(laneDoc, stageId);
  const at = index === undefined ? cell.length : checkIndex(index, cell.length);
  const id = newId();
  const order = orderKeyAt(cell, at);
  laneDoc.transact(() => {
    cardsMap(laneDoc).set(id, cardEntry({ stageId, text, colour, order, createdAt: Date.now(), author }));
  }, origin);
  return id;
}

/**
 * Replaces a card's text. A point of the emotion curve (a card with a score) may have an empty text:
 * its text is the label of what causes it.
 *
 * @throws BoardModelError UNKNOWN_CARD, EMPTY_TEXT, TEXT_TOO_LONG.
 */
export function updateCardText(laneDoc: Y.Doc, cardId: CardId, text: string, origin?: unknown): void {
  const card = findCard(laneDoc, cardId);
  const cleaned = card.score === null ? cleanText(text, 'cardText') : cleanOptionalText(text, 'cardText');
  if (cleaned === card.text) return;
  laneDoc.transact(() => entryOf(cardsMap(laneDoc), cardId).set('text', cleaned), origin);
}

/** Changes a card's colour. @throws BoardModelError UNKNOWN_CARD, INVALID_COLOUR. */
export function setCardColour(laneDoc: Y.Doc, cardId: CardId, colour: CardColour, origin?: unknown): void {
  findCard(laneDoc, cardId);
  const checked = checkColour(colour);
  const entry = entryOf(cardsMap(laneDoc), cardId);
  if (entry.get('colour') === checked) return;
  laneDoc.transact(() => entry.set('colour', checked), origin);
}

/**
 * Moves a card within its lane so that it ends at position `to.index` of the cell `to.stageId`.
 *
 * @throws BoardModelError UNKNOWN_CARD, INVALID_INDEX, UNKNOWN_STAGE (only for a malformed id).
 */
export function moveCard(
  laneDoc: Y.Doc,
  cardId: CardId,
  to: { stageId: StageId; index: number },
  origin?: unknown,
): void {
  const card = findCard(laneDoc, cardId);
  const stageId = checkStageIdShape(to.stageId);
  const cell = cardsInCell(laneDoc, stageId);
  const others = cell.filter((other) => other.id !== cardId);
  const at = checkIndex(to.index, others.length);
  if (card.stageId === stageId && cell.findIndex((other) => other.id === cardId) === at) return;
  const order = orderKeyAt(others, at);
  laneDoc.transact(() => {
    // Both fields are written even when the stage is unchanged: against a concurrent move that
    // also writes both, one client's move then wins whole, rather than a mix of the two.
    const entry = entryOf(cardsMap(laneDoc), cardId);
    entry.set('stageId', stageId);
    entry.set('order', order);
  }, origin);
}

/**
 * Moves a card to another lane, at position `target.index` of the cell `target.stageId`, keeping
 * its id, text, colour, creation time and author (whoever moves it: the server keeps the author
 * it recorded for the card). Writes the target first, then deletes from the source (two docs, two
 * transactions): if the second write never happens the card is duplicated, not lost, and running
 * the move again finishes it. With `from === to` it is `moveCard`.
 *
 * @throws BoardModelError UNKNOWN_CARD, INVALID_INDEX, UNKNOWN_STAGE (only for a malformed id).
 */
export function moveCardToLane(
  from: Y.Doc,
  to: Y.Doc,
  cardId: CardId,
  target: { stageId: StageId; index: number },
  origin?: unknown,
): void {
  if (from === to) {
    moveCard(from, cardId, target, origin);
    return;
  }
  const card = findCard(from, cardId);
  const stageId = checkStageIdShape(target.stageId);
  const others = cardsInCell(to, stageId).filter((other) => other.id !== cardId);
  const at = checkIndex(target.index, others.length);
  const order = orderKeyAt(others, at);
  to.transact(() => {
    cardsMap(to).set(
      cardId,
      // Everything the card holds comes along: its typed fields too (a field stored in a shape no
      // reader trusts, `card.invalid`, was read at its default and so is left behind).
      cardEntry({ ...card, stageId, order }),
    );
  }, origin);
  from.transact(() => cardsMap(from).delete(cardId), origin);
}

/** Deletes a card. @throws BoardModelError UNKNOWN_CARD. */
export function removeCard(laneDoc: Y.Doc, cardId: CardId, origin?: unknown): void {
  findCard(laneDoc, cardId);
  laneDoc.transact(() => cardsMap(laneDoc).delete(cardId), origin);
}

/**
 * Deletes, in one transaction, every entry of a lane doc that names `stageId` as its stage,
 * readable or not. Used by `removeStage`; not part of the public API.
 */
export function removeCardsOfStage(laneDoc: Y.Doc, stageId: StageId, origin?: unknown): void {
  const cards = cardsMap(laneDoc);
  const doomed: string[] = [];
  cards.forEach((value, id) => {
    if (value instanceof Y.Map && value.get('stageId') === stageId) doomed.push(id);
  });
  if (doomed.length === 0) return;
  laneDoc.transact(() => {
    for (const id of doomed) cards.delete(id);
  }, origin);
}

/** The card `cardId` of a lane doc, or an UNKNOWN_CARD refusal. */
export function findCard(laneDoc: Y.Doc, cardId: CardId): Card {
  const card = readCardEntry(cardId, cardsMap(laneDoc).get(cardId));
  if (card === null) throw unknownCard(cardId);
  return card;
}
