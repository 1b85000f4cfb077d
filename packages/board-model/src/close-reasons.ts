/**
 * Why the server closes a connection, or refuses a document on it: a close code and a stable
 * `kind`, which travels as the close reason. Pages branch on the kind and say it in the reader's
 * language; nothing matches English text.
 */
function reason<K extends string>(code: number, kind: K): { code: number; kind: K; reason: K } {
  // `reason` is the field Hocuspocus (and the WebSocket close frame) carries: the kind itself.
  return { code, kind, reason: kind };
}

export const CLOSE_REASONS = {
  /** Bytes that are not a message of the sync protocol, or an update that cannot be applied. */
  malformedMessage: reason(4400, 'malformed-message'),
  /** A document name Journeyboard does not make, or a lane the board does not have. */
  unknownDocument: reason(4404, 'unknown-document'),
  boardNotFound: reason(4404, 'board-not-found'),
  /** Storage failed: the change was not saved; the page reconnects and sends it again. */
  notSaved: reason(4503, 'not-saved'),
  signIn: reason(4401, 'sign-in'),
  signedOut: reason(4401, 'signed-out'),
  /** The session expired while the connection was open. */
  sessionExpired: reason(4401, 'session-expired'),
  noAccess: reason(4403, 'no-access'),
  accessRemoved: reason(4403, 'access-removed'),
  linkRevoked: reason(4403, 'link-revoked'),
  /** A comment under another's name, the removal of another's comment, or an edit of one. */
  commentRefused: reason(4403, 'comment-refused'),
  /** A card under an author it does not have, or another's card taken from a lane one may not write. */
  cardRefused: reason(4403, 'card-refused'),
  /** A change that does not fit the document's schema (types, lengths, fields). */
  contentRefused: reason(4422, 'content-refused'),
  /** A change that would make a document hold more than its kind allows. */
  documentFull: reason(4413, 'document-full'),
  accessChangedWhileSaving: reason(4409, 'access-changed-while-saving'),
  /** More messages or bytes a second than a person can send: the socket is closed. */
  tooFast: reason(4429, 'too-fast'),
  /** More documents open on one socket than a board has. */
  tooManyDocuments: reason(4429, 'too-many-documents'),
  /** The socket does not read what the server sends: the server stops queueing and closes it. */
  notReading: reason(4408, 'not-reading'),
};

/** One of the reasons above. */
export type CloseReason = (typeof CLOSE_REASONS)[keyof typeof CLOSE_REASONS];
/** The stable name of a close reason, sent as the WebSocket close reason. */
export type CloseKind = CloseReason['kind'];

const KINDS = new Set<string>(Object.values(CLOSE_REASONS).map((r) => r.kind));

/** The kind of a close reason a server sent, or null for any other text (a proxy's, a browser's). */
export function closeKindOf(reason: unknown): CloseKind | null {
  return typeof reason === 'string' && KINDS.has(reason) ? (reason as CloseKind) : null;
}

/** Whether the connection ended because the person may no longer be there: the page stops. */
export function endsSession(kind: CloseKind): boolean {
  return (
    kind === 'sign-in' ||
    kind === 'signed-out' ||
    kind === 'session-expired' ||
    kind === 'no-access' ||
    kind === 'access-removed' ||
    kind === 'link-revoked' ||
    kind === 'board-not-found'
  );
}

/**
 * Whether the server refused a change of this document for good: the page's copy holds what the
 * server will never take, so the page opens the document afresh rather than send it again.
 */
export function refusesChange(kind: CloseKind): boolean {
  return (
    kind === 'comment-refused' ||
    kind === 'card-refused' ||
    kind === 'content-refused' ||
    kind === 'document-full'
  );
}
