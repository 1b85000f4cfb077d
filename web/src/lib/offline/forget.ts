import { forgetKeptAccess } from './kept-access.ts';
import { forgetLocalCopies } from './local-copies.ts';

/**
 * Forgets everything this browser kept for `userId` (local copies of every board, the boards'
 * access, that they were signed in): they signed out, or the server ended their session.
 */
export function forgetPerson(userId: string): Promise<void> {
  forgetKeptAccess(userId);
  return forgetLocalCopies(userId);
}

/** Forgets what this browser kept of one board for `userId`: they lost access to it. */
export function forgetBoard(userId: string, boardId: string): Promise<void> {
  forgetKeptAccess(userId, boardId);
  return forgetLocalCopies(userId, boardId);
}
