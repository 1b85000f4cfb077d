import { expect } from 'vitest';
import * as Y from 'yjs';
import { BoardModelError, type BoardModelErrorCode } from './errors.ts';

/**
 * Test helper: runs `action`, expects a BoardModelError with `code`, and expects every doc in
 * `docs` to be byte-for-byte as it was (a refused operation writes nothing). Returns the error.
 */
export function expectRefusal(
  docs: Y.Doc | Y.Doc[],
  action: () => unknown,
  code: BoardModelErrorCode,
): BoardModelError {
  const watched = Array.isArray(docs) ? docs : [docs];
  const before = watched.map((doc) => Y.encodeStateAsUpdate(doc));
  let caught: unknown;
  try {
    action();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(BoardModelError);
  const error = caught as BoardModelError;
  expect(error.code).toBe(code);
  watched.forEach((doc, i) => expect(Y.encodeStateAsUpdate(doc)).toEqual(before[i]));
  return error;
}
