import type { RoleAccess } from '@journeyboard/board-model';

/**
 * One person's standing on one board, as the server resolved it. The rules of what a role may do
 * live in the board model (roles.ts there), shared with the page.
 */
export interface BoardAccess extends RoleAccess {
  boardId: string;
  /** Who: an account or a guest who joined by link; null for a watcher. */
  userId: string | null;
  displayName: string;
  /** Joined by a share link, without an account. */
  guest: boolean;
}
