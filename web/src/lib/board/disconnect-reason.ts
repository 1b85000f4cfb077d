import { closeKindOf, endsSession, refusesChange, type CloseKind } from '@journeyboard/board-model';
import { m } from '#lib/paraglide/messages.js';

/** Why the server ended this page's connection to a board for good. */
export type DisconnectKind = Extract<
  CloseKind,
  | 'access-removed'
  | 'link-revoked'
  | 'signed-out'
  | 'session-expired'
  | 'sign-in'
  | 'no-access'
  | 'board-not-found'
>;

/** The kind of a reason the server closed or refused a document with, or null for any other text. */
export { closeKindOf };

/**
 * The kind of a reason the server closed a document with, when it ends the session; null when it
 * does not (a server restart, a storage hiccup: the page reconnects by itself).
 */
export function disconnectKind(reason: string | undefined | null): DisconnectKind | null {
  const kind = closeKindOf(reason);
  return kind !== null && endsSession(kind) ? (kind as DisconnectKind) : null;
}

/**
 * Whether the server refused this page's change of a document for good (a comment it may not
 * remove, a card that does not fit, a full lane): the page opens that document afresh.
 */
export function isChangeRefusal(reason: string | undefined | null): boolean {
  const kind = closeKindOf(reason);
  return kind !== null && refusesChange(kind);
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
    case 'session-expired':
      return m.disconnected_session_expired();
    case 'sign-in':
      return m.disconnected_sign_in();
    case 'no-access':
      return m.disconnected_no_access();
    case 'board-not-found':
      return m.disconnected_not_found();
  }
}

/**
 * What the page says when the server refused a document or a change of it for a reason that does
 * not end the session, in the reader's language.
 */
export function describeRefusal(reason: string | undefined | null): string {
  switch (closeKindOf(reason)) {
    case 'comment-refused':
      return m.comments_refused();
    case 'card-refused':
      return m.refused_card();
    case 'content-refused':
      return m.refused_content();
    case 'document-full':
      return m.refused_document_full();
    case 'too-fast':
      return m.refused_too_fast();
    case 'too-many-documents':
      return m.refused_too_many_documents();
    case 'unknown-document':
      return m.refused_unknown_document();
    case 'malformed-message':
      return m.refused_malformed();
    default:
      return m.refused_other();
  }
}

/** Whether signing in (again) may bring the person back. */
export function signInMayHelp(kind: DisconnectKind): boolean {
  return kind === 'signed-out' || kind === 'session-expired' || kind === 'sign-in' || kind === 'no-access';
}
