import {
  addCard,
  type BoardStructure,
  type Card,
  type CardAuthor,
  type CardId,
  type Channel,
  type Lane,
  type LaneKind,
  setCardChannel,
  setCardKpi,
  type StageId,
} from '@journeyboard/board-model';
import type * as Y from 'yjs';

// What the stage's suggestion panel does with a suggestion: it becomes a card, in one click, in a
// lane of the kind it belongs to (an overlooked touchpoint in a touchpoints lane, a KPI in a KPI
// lane) that this person may write.

/** The lanes of `kind` this person may write, in board order: where a suggestion of it may go. */
export function lanesForSuggestion(
  structure: BoardStructure,
  kind: LaneKind,
  canEditLane: (lane: Pick<Lane, 'department'>) => boolean,
): Lane[] {
  return structure.lanes.filter((lane) => lane.kind === kind && canEditLane(lane));
}

/** A text as matching looks at it: NFC, trimmed, spaces collapsed, no case. */
const matchForm = (text: string) => text.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase();

/** Whether a cell already holds the suggestion: a card of the same text (case and spaces aside). */
export function cellHolds(cards: readonly Pick<Card, 'text'>[], text: string): boolean {
  const wanted = matchForm(text);
  return cards.some((card) => matchForm(card.text) === wanted);
}

/** A suggestion to put on the board: its text, and its channel or KPI unit when it has one. */
export interface SuggestedCard {
  stageId: StageId;
  text: string;
  author: CardAuthor;
  channel?: Channel | null;
  /** Makes it a KPI card, with this unit ('' for a count). */
  kpiUnit?: string;
}

/**
 * Adds a suggestion as a card at the end of its cell of `laneDoc`, with its channel or KPI unit,
 * in one transaction (one undo step). Returns its id. @throws BoardModelError as `addCard`.
 */
export function addSuggestedCard(laneDoc: Y.Doc, card: SuggestedCard, origin?: object): CardId {
  let id = '';
  laneDoc.transact(() => {
    id = addCard(laneDoc, { stageId: card.stageId, text: card.text, author: card.author }, undefined, origin);
    if (card.channel) setCardChannel(laneDoc, id, card.channel, origin);
    if (card.kpiUnit !== undefined) setCardKpi(laneDoc, id, { unit: card.kpiUnit }, origin);
  }, origin);
  return id;
}
