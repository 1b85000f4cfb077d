/**
 * Why the server closes a connection, or refuses a document on it: a close code and a stable
 * `kind`, which travels as the close reason. Pages branch on the kind and say it in the reader's
 * language; nothing matches English text.
 */
export const CLOSE_REASONS = {
  /** Bytes that are not a message of the sync protocol, or an update that cannot be applied. */
  malformedMessage: { code: 4400, kind: 'malformed-message' },
  /** A document name Journeyboard does not make, or a lane the board does not have. */
  unknownDocument: { code: 4404, kind: 'unknown-document' },
  boardNotFound: { code: 4404, kind: 'board-not-found' },
  /** Storage failed: the change was not saved; the page reconnects and sends it again. */
  notSaved: { code: 4503, kind: 'not-saved' },
  signIn: { code: 4401, kind: 'sign-in' },
  signedOut: { code: 4401, kind: 'signed-out' },
  /** The session expired while the connection was open. */
  sessionExpired: { code: 4401, kind: 'session-expired' },
  noAccess: { code: 4403, kind: 'no-access' },
  accessRemoved: { code: 4403, kind: 'access-removed' },
  linkRevoked: { code: 4403, kind: 'link-revoked' },
  /** A comment under another's name, the removal of another's comment, or an edit of one. */
  commentRefused: { code: 4403, kind: 'comment-refused' },
  /** A change that does not fit the document's schema (types, lengths, fields). */
  contentRefused: { code: 4422, kind: 'content-refused' },
  /** A change that would make a document hold more than its kind allows. */
  documentFull: { code: 4413, kind: 'document-full' },
  accessChangedWhileSaving: { code: 4409, kind: 'access-changed-while-saving' },
  /** More messages or bytes a second than a person can send: the socket is closed. */
  tooFast: { code: 4429, kind: 'too-fast' },
  /** More documents open on one socket than a board has. */
  tooManyDocuments: { code: 4429, kind: 'too-many-documents' },
  /** The socket does not read what the server sends: the server stops queueing and closes it. */
  notReading: { code: 4408, kind: 'not-reading' },
} as const;

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
  return kind === 'comment-refused' || kind === 'content-refused' || kind === 'document-full';
}
