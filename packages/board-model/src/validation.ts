import { BoardModelError } from './errors.ts';
import { isValidId, type CardId, type DepartmentId, type LaneId, type StageId } from './ids.ts';
import {
  CARD_COLOURS,
  LANE_KINDS,
  LIMITS,
  SHARED_DEPARTMENT,
  isCardColour,
  isLaneKind,
  type CardAuthor,
  type CardColour,
  type Department,
  type LaneKind,
} from './schema.ts';

import { cleanText } from './text.ts';

export { cleanOptionalText, cleanText, type TextField } from './text.ts';

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

const ONE_OF: Record<'stages' | 'lanes' | 'departments', string> = {
  stages: 'stage',
  lanes: 'lane',
  departments: 'department',
};

/** A TOO_MANY refusal when a board would have `count` stages, lanes or departments, over its limit. */
export function checkCount(count: number, field: 'stages' | 'lanes' | 'departments'): void {
  const limit = LIMITS[field];
  if (count > limit) {
    const one = ONE_OF[field];
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

/**
 * `department` when it is `SHARED_DEPARTMENT` or the id of one of `departments` (the board's), or
 * an UNKNOWN_DEPARTMENT refusal.
 */
export function checkLaneDepartment(department: unknown, departments: readonly Department[]): DepartmentId {
  if (
    typeof department === 'string' &&
    (department === SHARED_DEPARTMENT || departments.some((known) => known.id === department))
  ) {
    return department;
  }
  throw new BoardModelError(
    'UNKNOWN_DEPARTMENT',
    `Department ${JSON.stringify(department) ?? String(department)} not found: pick a department of the board, or make the lane shared`,
    { field: 'department' },
  );
}

/**
 * `cardId` when it has the shape of an id. A talk doc cannot tell whether the card exists (it lives
 * in a lane doc); a malformed id is refused, as a comment with one would be skipped by every reader.
 */
export function checkCardIdShape(cardId: unknown): CardId {
  if (typeof cardId !== 'string' || !isValidId(cardId)) {
    throw new BoardModelError(
      'UNKNOWN_CARD',
      `Card ${JSON.stringify(cardId) ?? String(cardId)} is not a valid card id: pick a card of the board`,
      { field: 'cardId' },
    );
  }
  return cardId;
}

/** `laneId` when it has the shape of an id (see `checkCardIdShape`), or an UNKNOWN_LANE refusal. */
export function checkLaneIdShape(laneId: unknown): LaneId {
  if (typeof laneId !== 'string' || !isValidId(laneId)) {
    throw new BoardModelError(
      'UNKNOWN_LANE',
      `Lane ${JSON.stringify(laneId) ?? String(laneId)} is not a valid lane id: pick a lane of the board`,
      { field: 'laneId' },
    );
  }
  return laneId;
}

/** `authorId` when it has the shape of an id, or an INVALID_AUTHOR refusal. */
export function checkAuthorId(authorId: unknown): string {
  if (typeof authorId !== 'string' || !isValidId(authorId)) {
    throw new BoardModelError(
      'INVALID_AUTHOR',
      `Author ${JSON.stringify(authorId) ?? String(authorId)} is not a valid user id: sign in again and retry`,
      { field: 'authorId' },
    );
  }
  return authorId;
}

/**
 * A card's author as `addCard` stores it (name trimmed and NFC), or a refusal: INVALID_AUTHOR for
 * an id or department that is not an id or a guest mark that is not a boolean, EMPTY_TEXT or
 * TEXT_TOO_LONG for the name.
 */
export function checkCardAuthor(author: unknown): CardAuthor {
  const given = (typeof author === 'object' && author !== null ? author : {}) as Partial<CardAuthor>;
  const id = checkAuthorId(given.id);
  const name = cleanText(given.name, 'authorName');
  const { departmentId, guest } = given;
  if (departmentId !== null && (typeof departmentId !== 'string' || !isValidId(departmentId))) {
    throw new BoardModelError(
      'INVALID_AUTHOR',
      `Author department ${JSON.stringify(departmentId) ?? String(departmentId)} is not a department id: reload the board and retry`,
      { field: 'authorDepartment' },
    );
  }
  if (typeof guest !== 'boolean') {
    throw new BoardModelError(
      'INVALID_AUTHOR',
      'The author must say whether they are a guest (true or false)',
      {
        field: 'authorGuest',
      },
    );
  }
  return { id, name, departmentId, guest };
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

/** The refusal for a department id the structure doc does not hold. */
export function unknownDepartment(departmentId: string): BoardModelError {
  return new BoardModelError(
    'UNKNOWN_DEPARTMENT',
    `Department ${JSON.stringify(departmentId)} not found: it may have been removed by someone else`,
    { field: 'departmentId' },
  );
}

/** The refusal for a comment id the talk doc does not hold. */
export function unknownComment(commentId: string): BoardModelError {
  return new BoardModelError(
    'UNKNOWN_COMMENT',
    `Comment ${JSON.stringify(commentId)} not found: it may have been removed by someone else`,
    { field: 'commentId' },
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
