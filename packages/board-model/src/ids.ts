import { randomString } from './random.ts';

/** Id of a stage (a column), unique within its board's structure doc. */
export type StageId = string;
/** Id of a lane (a row), unique within its board's structure doc. */
export type LaneId = string;
/** Id of a card (a sticky note), unique within its lane doc. */
export type CardId = string;
/** Id of a department, unique within its board's structure doc. */
export type DepartmentId = string;
/** Id of a comment on a card, unique within its board's talk doc. */
export type CommentId = string;

const ID_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
// 62^12 ≈ 3×10^21: ids made independently by many clients do not collide in practice.
const ID_LENGTH = 12;
const VALID_ID = /^[A-Za-z0-9_-]{6,64}$/;

/** A new random id (12 base-62 characters), for boards, stages, lanes, departments, cards and comments. */
export function newId(): string {
  return randomString(ID_ALPHABET, ID_LENGTH);
}

/**
 * Whether `id` can be an id: 6 to 64 characters from A-Z, a-z, 0-9, `_` and `-`. Ids are checked
 * because they appear in document names and any client can write any key into a document.
 */
export function isValidId(id: string): boolean {
  return typeof id === 'string' && VALID_ID.test(id);
}
