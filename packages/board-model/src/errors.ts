/** Every way a board operation can fail; callers branch on it (e.g. to pick a translated message). */
export const BOARD_MODEL_ERROR_CODES = [
  'EMPTY_TEXT',
  'TEXT_TOO_LONG',
  'UNKNOWN_STAGE',
  'UNKNOWN_LANE',
  'UNKNOWN_CARD',
  'INVALID_COLOUR',
  'INVALID_LANE_KIND',
  'UNKNOWN_DEPARTMENT',
  'DEPARTMENT_IN_USE',
  'UNKNOWN_COMMENT',
  'INVALID_AUTHOR',
  'INVALID_INDEX',
  'TOO_MANY',
  'LAST_STAGE',
  'NEWER_SCHEMA',
  'NOT_A_BOARD',
  'UNKNOWN_PERSONA',
  'INVALID_SCORE',
  'INVALID_SEVERITY',
  'INVALID_NUMBER',
  'INVALID_TREND',
  'INVALID_LINK',
  'INVALID_REFERENCE',
  'INVALID_MENTION',
  'INVALID_REACTION',
] as const;

/** What went wrong in a board operation. */
export type BoardModelErrorCode = (typeof BOARD_MODEL_ERROR_CODES)[number];

/**
 * A board operation refused its input or its document. The message says, in English, what went
 * wrong and what to do; `field` and `limit` name the offending input and its limit where there is
 * one. An operation that throws it has written nothing.
 */
export class BoardModelError extends Error {
  /** What went wrong. */
  readonly code: BoardModelErrorCode;
  /** The input at fault, e.g. `stageName`, `cardText`, `index`, `stages`. */
  readonly field?: string;
  /** The limit the input broke (a length or a count). */
  readonly limit?: number;

  constructor(code: BoardModelErrorCode, message: string, details: { field?: string; limit?: number } = {}) {
    super(message);
    this.name = 'BoardModelError';
    this.code = code;
    if (details.field !== undefined) this.field = details.field;
    if (details.limit !== undefined) this.limit = details.limit;
  }
}
