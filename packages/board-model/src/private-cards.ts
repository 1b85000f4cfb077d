import * as Y from 'yjs';
import { BoardModelError } from './errors.ts';
import { isValidId, newId, type CardId, type LaneId, type StageId } from './ids.ts';
import { cardsInCell, readCard, removeCard, setCardColour, updateCardText } from './lane.ts';
import { compareOrdered, isOrderKey, orderKeyAt } from './order.ts';
import {
  CARD_FIELDS,
  cardEntry,
  cardsMap,
  DEFAULT_COLOUR,
  DOCUMENT_BYTES,
  isCardColour,
  LIMITS,
  type CardAuthor,
  type CardColour,
} from './schema.ts';
import { checkColour, checkLaneIdShape, checkStageIdShape, cleanText } from './validation.ts';

// One person's private cards, in their private doc `private:<boardId>:<userId>` (see
// kinds/private-kind.ts), written while private mode is on. A private card is a lane card without
// an author (the doc is its author's alone) and with the lane it is meant for: the doc's `cards`
// map is a lane doc's, so the lane operations that edit a card's text or colour, or remove it,
// work on it unchanged. At the reveal the server puts each card into its lane (`placeRevealedCards`)
// under its author's name, and takes it out of the private doc.

/** The fields of a private card entry: a lane card's base fields, and the lane it goes to. */
export const PRIVATE_CARD_FIELDS: readonly string[] = ['laneId', ...CARD_FIELDS];

/** A card only its author sees until the reveal. */
export interface PrivateCard {
  id: CardId;
  laneId: LaneId;
  stageId: StageId;
  text: string;
  colour: CardColour;
  order: string;
  createdAt: number;
}

/** A private doc's `cards` map: card id → private card entry. */
export function privateCardsMap(doc: Y.Doc): Y.Map<unknown> {
  return cardsMap(doc);
}

/** A private card entry as stored, or null when the key or any field is malformed. */
export function readPrivateCardEntry(id: string, value: unknown): PrivateCard | null {
  if (!isValidId(id) || !(value instanceof Y.Map)) return null;
  const laneId: unknown = value.get('laneId');
  const stageId: unknown = value.get('stageId');
  const text: unknown = value.get('text');
  const colour: unknown = value.get('colour');
  const order: unknown = value.get('order');
  const createdAt: unknown = value.get('createdAt');
  if (
    typeof laneId !== 'string' ||
    !isValidId(laneId) ||
    typeof stageId !== 'string' ||
    !isValidId(stageId) ||
    typeof text !== 'string' ||
    !isOrderKey(order) ||
    typeof createdAt !== 'number' ||
    !Number.isFinite(createdAt)
  ) {
    return null;
  }
  return {
    id,
    laneId,
    stageId,
    text,
    colour: isCardColour(colour) ? colour : DEFAULT_COLOUR,
    order,
    createdAt,
  };
}

/** Every readable private card of a private doc, in board order. */
export function readPrivateCards(doc: Y.Doc): PrivateCard[] {
  const cards: PrivateCard[] = [];
  privateCardsMap(doc).forEach((value, id) => {
    const card = readPrivateCardEntry(id, value);
    if (card !== null) cards.push(card);
  });
  return cards.sort(compareOrdered);
}

/**
 * Adds a private card at the end of its cell (lane and stage) and returns its id.
 * @throws BoardModelError UNKNOWN_LANE, UNKNOWN_STAGE, EMPTY_TEXT, TEXT_TOO_LONG, INVALID_COLOUR,
 * TOO_MANY (the private doc holds `LIMITS.privateCards` already).
 */
export function addPrivateCard(
  doc: Y.Doc,
  card: { laneId: LaneId; stageId: StageId; text: string; colour?: CardColour },
  origin?: unknown,
): CardId {
  const laneId = checkLaneIdShape(card.laneId);
  const stageId = checkStageIdShape(card.stageId);
  const text = cleanText(card.text, 'cardText');
  const colour = card.colour === undefined ? DEFAULT_COLOUR : checkColour(card.colour);
  const map = privateCardsMap(doc);
  if (map.size >= LIMITS.privateCards) {
    throw new BoardModelError(
      'TOO_MANY',
      `You can hold at most ${LIMITS.privateCards} private cards: remove one, or ask the facilitator to reveal them`,
      { field: 'privateCards', limit: LIMITS.privateCards },
    );
  }
  const cell = readPrivateCards(doc).filter((c) => c.laneId === laneId && c.stageId === stageId);
  const id = newId();
  const entry = new Y.Map<unknown>([
    ['laneId', laneId],
    ['stageId', stageId],
    ['text', text],
    ['colour', colour],
    ['order', orderKeyAt(cell, cell.length)],
    ['createdAt', Date.now()],
  ]);
  doc.transact(() => map.set(id, entry), origin);
  return id;
}

/** Replaces a private card's text. @throws BoardModelError UNKNOWN_CARD, EMPTY_TEXT, TEXT_TOO_LONG. */
export function updatePrivateCardText(doc: Y.Doc, cardId: CardId, text: string, origin?: unknown): void {
  updateCardText(doc, cardId, text, origin);
}

/** Changes a private card's colour. @throws BoardModelError UNKNOWN_CARD, INVALID_COLOUR. */
export function setPrivateCardColour(doc: Y.Doc, cardId: CardId, colour: CardColour, origin?: unknown): void {
  setCardColour(doc, cardId, colour, origin);
}

/** Removes a private card. @throws BoardModelError UNKNOWN_CARD. */
export function removePrivateCard(doc: Y.Doc, cardId: CardId, origin?: unknown): void {
  removeCard(doc, cardId, origin);
}

/** Removes, in one transaction, the private cards of `ids` (those revealed). */
export function removePrivateCards(doc: Y.Doc, ids: Iterable<CardId>, origin?: unknown): void {
  const map = privateCardsMap(doc);
  const present = [...ids].filter((id) => map.has(id));
  if (present.length === 0) return;
  doc.transact(() => {
    for (const id of present) map.delete(id);
  }, origin);
}

/** What `placeRevealedCards` did with each card it was given. */
export interface Placement {
  /** Put into the lane now. */
  placed: CardId[];
  /** The lane held it already, by the same author (a reveal stopped halfway, then run again): nothing written. */
  present: CardId[];
  /** The lane holds another card of that id (another author's, or one it cannot read): not placed. */
  taken: CardId[];
  /** The lane is full (`LIMITS.cardsPerLane` cards, or `DOCUMENT_BYTES.lane`): not placed. */
  full: CardId[];
}

/** The bytes a lane card entry takes encoded in a document of its own. */
function encodedEntrySize(id: CardId, entry: Parameters<typeof cardEntry>[0]): number {
  const alone = new Y.Doc();
  cardsMap(alone).set(id, cardEntry(entry));
  const size = Y.encodeStateAsUpdate(alone).length;
  alone.destroy();
  return size;
}

/**
 * Puts revealed private cards into their lane doc, as cards by `author`, each after the cards its
 * cell holds (in the order they had in the private doc), keeping its id, text, colour and time.
 * Every card given must be for this lane; the server has checked its stage exists and that the
 * author may write the lane.
 */
export function placeRevealedCards(
  laneDoc: Y.Doc,
  cards: readonly PrivateCard[],
  author: CardAuthor,
  origin?: unknown,
): Placement {
  const placement: Placement = { placed: [], present: [], taken: [], full: [] };
  const lane = cardsMap(laneDoc);
  // The lane's size as the server's document check measures it, grown by each card placed (its
  // entry encoded alone, a little more than it adds to the lane): a lane past its byte limit would
  // refuse every later update that adds to it, so a card that would pass it stays private.
  let bytes = Y.encodeStateAsUpdate(laneDoc).length;
  laneDoc.transact(() => {
    for (const card of [...cards].sort(compareOrdered)) {
      if (lane.has(card.id)) {
        // Only the author's own card of that id is theirs, placed already; any other stays.
        const there = readCard(laneDoc, card.id);
        if (there !== null && there.author !== null && there.author.id === author.id) {
          placement.present.push(card.id);
        } else placement.taken.push(card.id);
        continue;
      }
      if (lane.size >= LIMITS.cardsPerLane) {
        placement.full.push(card.id);
        continue;
      }
      const cell = cardsInCell(laneDoc, card.stageId);
      const entry = {
        stageId: card.stageId,
        text: card.text,
        colour: card.colour,
        order: orderKeyAt(cell, cell.length),
        createdAt: card.createdAt,
        author,
      };
      const size = encodedEntrySize(card.id, entry);
      if (bytes + size > DOCUMENT_BYTES.lane) {
        placement.full.push(card.id);
        continue;
      }
      lane.set(card.id, cardEntry(entry));
      bytes += size;
      placement.placed.push(card.id);
    }
  }, origin);
  return placement;
}
