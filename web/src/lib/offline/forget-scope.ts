import type { DisconnectKind } from '../board/disconnect-reason.ts';

/**
 * What this browser forgets when the server ends a page's session on a board: everything of the
 * person's when their session itself ended (signed out, here or everywhere; expired; no valid
 * session left), the board's copies when only their access to that board went (removed from it,
 * their link revoked, the board deleted).
 */
export function forgetScope(kind: DisconnectKind): 'person' | 'board' {
  switch (kind) {
    case 'signed-out':
    case 'session-expired':
    case 'sign-in':
      return 'person';
    case 'access-removed':
    case 'link-revoked':
    case 'no-access':
    case 'board-not-found':
      return 'board';
  }
}
