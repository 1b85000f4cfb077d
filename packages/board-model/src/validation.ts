import { BoardModelError } from './errors.ts';
import { isValidId, type StageId } from './ids.ts';
import {
  CARD_COLOURS,
  LANE_KINDS,
  LIMITS,
  isCardColour,
  isLaneKind,
  type CardColour,
  type LaneKind,
} from './schema.ts';

/** The texts a person types, by their key in `LIMITS`. */
export type TextField = 'title' | 'stageName' | 'laneName' | 'cardText';

const TEXT_LABELS: Record<TextField, string> = {
  title: 'Board title',
  stageName: 'Stage name',
  laneName: 'Lane name',
  cardText: 'Card text',
};

/**
 * `value` trimmed and in Unicode NFC, or a refusal when it is empty or longer than its limit.
 * NFC makes Vietnamese typed with combining marks (e.g. by some input methods) store and count
 * the same as precomposed text; length is counted in code points, as a person counts characters.
 */
export function cleanText(value: unknown, field: TextField): string {
  const label = TEXT_LABELS[field];
  if (typeof value !== 'string') {
    throw new BoardModelError('EMPTY_TEXT', `${label} is missing: type some text`, { field });
  }
  const text = value.normalize('NFC').trim();
  if (text === '') {
    throw new BoardModelError('EMPTY_TEXT', `${label} is empty: type some text`, { field });
  }
  const length = [...text].length;
  const limit = LIMITS[field];
  if (length > limit) {
    throw new BoardModelError(
      'TEXT_TOO_LONG',
      `${label} is ${length} characters long, over the limit of ${limit}: shorten it`,
      { field, limit },
    );
  }
  return text;
}

/** `index` when it is a whole number from 0 to `max`, or an INVALID_INDEX refusal. */
export function checkIndex(index: unknown, max: number): number {
  if (typeof index !== 'number' || !Number.isInteger(index) || index < 0 || index > max) {
    throw new BoardModelError(
      'INVALID_INDEX',
      `Position ${String(index)} is out of range: use a whole number from 0 to ${max}`,
      { field: 'index' },
    );
  }
  return index;
}

/** A TOO_MANY refusal when a board would have `count` stages or lanes, over its limit. */
export function checkCount(count: number, field: 'stages' | 'lanes'): void {
  const limit = LIMITS[field];
  if (count > limit) {
    const one = field === 'stages' ? 'stage' : 'lane';
    throw new BoardModelError(
      'TOO_MANY',
      `A board can have at most ${limit} ${field} and this would make ${count}: remove a ${one} first`,
      { field, limit },
    );
  }
}

/** `colour` when it is one of `CARD_COLOURS`, or an INVALID_COLOUR refusal. */
export function checkColour(colour: unknown): CardColour {
  if (!isCardColour(colour)) {
    throw new BoardModelError(
      'INVALID_COLOUR',
      `Colour ${JSON.stringify(colour) ?? String(colour)} is not a card colour: use one of ${CARD_COLOURS.join(', ')}`,
      { field: 'colour' },
    );
  }
  return colour;
}

/** `kind` when it is one of `LANE_KINDS`, or an INVALID_LANE_KIND refusal. */
export function checkLaneKind(kind: unknown): LaneKind {
  if (!isLaneKind(kind)) {
    throw new BoardModelError(
      'INVALID_LANE_KIND',
      `Lane kind ${JSON.stringify(kind) ?? String(kind)} is not known: use one of ${LANE_KINDS.join(', ')}`,
      { field: 'kind' },
    );
  }
  return kind;
}

/**
 * `stageId` when it has the shape of an id. Lane operations see only their lane doc, so they
 * cannot tell whether the stage exists; a malformed id can be refused all the same, as a card
 * with one would be skipped by every reader.
 */
export function checkStageIdShape(stageId: unknown): StageId {
  if (typeof stageId !== 'string' || !isValidId(stageId)) {
    throw new BoardModelError(
      'UNKNOWN_STAGE',
      `Stage ${JSON.stringify(stageId) ?? String(stageId)} is not a valid stage id: pick a stage of the board`,
      { field: 'stageId' },
    );
  }
  return stageId;
}

/** The refusal for a stage id the structure doc does not hold. */
export function unknownStage(stageId: StageId): BoardModelError {
  return new BoardModelError(
    'UNKNOWN_STAGE',
    `Stage ${JSON.stringify(stageId)} not found: it may have been removed by someone else`,
    { field: 'stageId' },
  );
}

/** The refusal for a lane id the structure doc does not hold. */
export function unknownLane(laneId: string): BoardModelError {
  return new BoardModelError(
    'UNKNOWN_LANE',
    `Lane ${JSON.stringify(laneId)} not found: it may have been removed by someone else`,
    { field: 'laneId' },
  );
}

/** The refusal for a card id the lane doc does not hold. */
export function unknownCard(cardId: string): BoardModelError {
  return new BoardModelError(
    'UNKNOWN_CARD',
    `Card ${JSON.stringify(cardId)} not found in this lane: it may have been moved or removed by someone else`,
    { field: 'cardId' },
  );
}
