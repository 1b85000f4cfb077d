import { m } from '#lib/paraglide/messages.js';

/** Why the server ended this page's connection to a board for good. */
export type DisconnectKind =
  'access-removed' | 'link-revoked' | 'signed-out' | 'sign-in' | 'no-access' | 'not-found';

// The reasons the server gives when it closes or refuses a document (server/src/sync/close-reasons.ts).
const KINDS: Record<string, DisconnectKind> = {
  'Your access to this board was removed': 'access-removed',
  'The link you joined with was revoked': 'link-revoked',
  'You were signed out': 'signed-out',
  'Sign in or open a share link to join this board': 'sign-in',
  'You have no access to this board': 'no-access',
  'Board not found': 'not-found',
};

/**
 * The reason the server closes the talk doc with when it refused a change to the comments (see
 * server/src/sync/talk-guard-extension.ts): the page's copy holds a change the server will never
 * take, so the page opens the talk doc afresh.
 */
const COMMENT_REFUSED =
  'Comments are written under your own name, and removed only by their author or the facilitators';

export function isCommentRefusal(reason: string | undefined | null): boolean {
  return reason === COMMENT_REFUSED;
}

/**
 * The kind of a reason the server closed a document with, or null when it is not one that ends
 * the session (a server restart, a storage hiccup: the page reconnects by itself).
 */
export function disconnectKind(reason: string | undefined | null): DisconnectKind | null {
  return (reason && KINDS[reason]) || null;
}

/** What the page says, in the reader's language, when the server ended its connection. */
export function describeDisconnect(kind: DisconnectKind): string {
  switch (kind) {
    case 'access-removed':
      return m.disconnected_access_removed();
    case 'link-revoked':
      return m.disconnected_link_revoked();
    case 'signed-out':
      return m.disconnected_signed_out();
    case 'sign-in':
      return m.disconnected_sign_in();
    case 'no-access':
      return m.disconnected_no_access();
    case 'not-found':
      return m.disconnected_not_found();
  }
}

/** Whether signing in (again) may bring the person back. */
export function signInMayHelp(kind: DisconnectKind): boolean {
  return kind === 'signed-out' || kind === 'sign-in' || kind === 'no-access';
}
