/**
 * Why the server closes a document connection. Hocuspocus closes with the `code` and `reason` of
 * an error thrown from a hook; the provider shows the reason to the page.
 */
export interface CloseReason {
  code: number;
  reason: string;
}

export const MalformedMessage: CloseReason = { code: 4400, reason: 'Malformed message' };
export const UnknownDocument: CloseReason = { code: 4404, reason: 'Unknown document' };
export const BoardNotFound: CloseReason = { code: 4404, reason: 'Board not found' };
export const NotSaved: CloseReason = { code: 4503, reason: 'Storage unavailable: the change was not saved' };

export const SignInFirst: CloseReason = {
  code: 4401,
  reason: 'Sign in or open a share link to join this board',
};
export const NoAccess: CloseReason = { code: 4403, reason: 'You have no access to this board' };
export const AccessRevoked: CloseReason = { code: 4403, reason: 'Your access to this board was removed' };
export const LinkRevoked: CloseReason = { code: 4403, reason: 'The link you joined with was revoked' };
export const SignedOut: CloseReason = { code: 4401, reason: 'You were signed out' };
export const CommentRefused: CloseReason = {
  code: 4403,
  reason: 'Comments are written under your own name, and removed only by their author or the facilitators',
};
export const AccessChangedWhileSaving: CloseReason = {
  code: 4409,
  reason: 'Your access changed while your last change was being saved; it was saved. Open the board again.',
};
