import { CLOSE_REASONS } from '@journeyboard/board-model';

// The reasons the server closes or refuses a document with: defined once, in the board model, as a
// code and a kind the page translates. The names here are the server's shorthand for them.
export type { CloseReason } from '@journeyboard/board-model';

export const MalformedMessage = CLOSE_REASONS.malformedMessage;
export const UnknownDocument = CLOSE_REASONS.unknownDocument;
export const BoardNotFound = CLOSE_REASONS.boardNotFound;
export const NotSaved = CLOSE_REASONS.notSaved;
export const SignInFirst = CLOSE_REASONS.signIn;
export const NoAccess = CLOSE_REASONS.noAccess;
export const AccessRevoked = CLOSE_REASONS.accessRemoved;
export const LinkRevoked = CLOSE_REASONS.linkRevoked;
export const SignedOut = CLOSE_REASONS.signedOut;
export const SessionExpired = CLOSE_REASONS.sessionExpired;
export const CommentRefused = CLOSE_REASONS.commentRefused;
export const CardRefused = CLOSE_REASONS.cardRefused;
export const ContentRefused = CLOSE_REASONS.contentRefused;
export const DocumentFull = CLOSE_REASONS.documentFull;
export const AccessChangedWhileSaving = CLOSE_REASONS.accessChangedWhileSaving;
export const TooFast = CLOSE_REASONS.tooFast;
export const TooManyDocuments = CLOSE_REASONS.tooManyDocuments;
export const NotReading = CLOSE_REASONS.notReading;
