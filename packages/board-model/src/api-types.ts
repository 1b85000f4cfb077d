import type { GrantableRole, Role } from './roles.ts';
import type { BoardModelErrorCode } from './errors.ts';
import type { AttachmentId } from './card-fields.ts';
import { LIMITS } from './limits.ts';
import type { SessionVote } from './session-vote.ts';

// The HTTP API's request and response types, written once: the server answers with them and the
// page reads them.

export interface User {
  id: string;
  kind: 'account' | 'guest';
  email: string | null;
  displayName: string;
}

/** Who is asking, and the one board a link session is bound to (null for an account). */
export interface Me {
  user: User | null;
  boardId: string | null;
}

export interface BoardSummary {
  id: string;
  title: string;
  createdAt: number;
  updatedAt: number;
  role: Role;
}

/** One person's standing on one board, as the server resolved it. */
export interface BoardAccess {
  boardId: string;
  role: Role;
  /** The department of a lead or participant; null for the others. */
  departmentId: string | null;
  /** An account or a guest who joined by link; null for a watcher. */
  userId: string | null;
  displayName: string;
  /** Joined by a share link, without an account. */
  guest: boolean;
}

export interface BoardDetails {
  id: string;
  title: string;
  createdAt: number;
  updatedAt: number;
  access: BoardAccess;
  user: User | null;
}

export interface Member {
  userId: string;
  displayName: string;
  /** Shown only to those who manage members. */
  email: string | null;
  guest: boolean;
  role: Role;
  departmentId: string | null;
}

export interface Invitation {
  id: string;
  email: string;
  role: GrantableRole;
  departmentId: string | null;
  createdAt: number;
  /** When its link stops working; null for one made before links, which never works. */
  expiresAt: number | null;
}

/** A new invitation, its one-time link (shown this once), and whether the link was mailed. */
export interface NewInvitation {
  invitation: Invitation;
  link: string;
  /** `off`: no mail server is configured; `failed`: the mail server did not take the message. */
  mail: 'sent' | 'off' | 'failed';
}

/** What an invitation link offers. */
export interface InvitationOffer {
  boardId: string;
  title: string;
  email: string;
  role: GrantableRole;
  departmentId: string | null;
  departmentName: string | null;
  expiresAt: number;
}

export interface ShareLink {
  id: string;
  boardId: string;
  kind: 'join' | 'watch';
  token: string;
  createdAt: number;
}

/** What a share link leads to. */
export interface LinkInfo {
  kind: 'join' | 'watch';
  boardId: string;
  title: string;
  departments: { id: string; name: string }[];
}

/**
 * Every way the HTTP API refuses a request, as the `code` of its error body. Pages branch on the
 * code and say it in the reader's language; the body's `error` is English for logs and API users
 * and never reaches a person. A board operation's refusal carries the board model's code instead
 * (`BoardModelErrorCode`). Codes are stable: add new ones, never rename one.
 */
export const API_ERROR_CODES = [
  // The request itself
  'CROSS_SITE',
  'NO_SUCH_API',
  'METHOD_NOT_ALLOWED',
  'NOT_JSON',
  'BODY_TOO_LARGE',
  'BODY_NOT_UTF8',
  'BODY_NOT_VALID_JSON',
  'INVALID_REQUEST',
  'TOO_MANY_ATTEMPTS',
  'SERVER_ERROR',
  'STORAGE_UNAVAILABLE',
  // Who is asking
  'SIGN_IN_REQUIRED',
  'ACCOUNT_REQUIRED',
  'ROLE_NOT_ALLOWED',
  // Accounts
  'SIGN_UP_REFUSED',
  'WRONG_CREDENTIALS',
  'WRONG_CURRENT_PASSWORD',
  'INVALID_EMAIL',
  'PASSWORD_TOO_SHORT',
  'PASSWORD_TOO_LONG',
  'NAME_EMPTY',
  'NAME_TOO_LONG',
  // Boards and members
  'BOARD_NOT_FOUND',
  'BOARD_TITLE_EMPTY',
  'UNKNOWN_TEMPLATE',
  'MEMBER_NOT_FOUND',
  'ROLE_NOT_GRANTABLE',
  'DEPARTMENT_REQUIRED',
  'OTHER_DEPARTMENT',
  'OWNER_ROLE_FIXED',
  'OWNER_NOT_REMOVABLE',
  'MEMBER_NOT_REMOVABLE',
  'OWNER_NEEDS_ACCOUNT',
  // Lanes, by command
  'SHARED_LANE',
  'LANE_OF_OTHER_DEPARTMENT',
  'LANE_MOVE_NOT_ALLOWED',
  'LANE_NOT_RESTORABLE',
  // Invitations and links
  'INVITATION_NOT_FOUND',
  'INVITATION_EXPIRED',
  'INVITATION_USED',
  'LINK_NOT_FOUND',
  'LINK_NOT_WORKING',
  'NAME_TAKEN',
  // Attachments
  'ATTACHMENT_TOO_LARGE',
  'ATTACHMENT_EMPTY',
  'ATTACHMENT_TYPE_REFUSED',
  'ATTACHMENT_TYPE_MISMATCH',
  'ATTACHMENT_NAME_INVALID',
  'BOARD_ATTACHMENTS_FULL',
  'ATTACHMENT_NOT_FOUND',
  'ATTACHMENT_NOT_REMOVABLE',
  // Dot voting
  'NO_VOTE_OPEN',
  'VOTE_ALREADY_OPEN',
  'VOTE_NOT_OPEN',
  'CARD_NOT_IN_VOTE',
  'ONE_VOTE_PER_CARD',
  'NO_VOTES_LEFT',
  // Timer and emotion poll (the facilitation session)
  'TIMER_DURATION_INVALID',
  'TIMER_NOT_RUNNING',
  'TIMER_NOT_PAUSED',
  'TIMER_NOT_SET',
  'POLL_ALREADY_OPEN',
  'POLL_NOT_OPEN',
] as const;

/** Why the HTTP API refused a request (see `API_ERROR_CODES`). */
export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

/** The body of every error answer of the HTTP API. */
export interface ApiErrorBody {
  /** What went wrong and what to do, in English: for logs and API users, not for pages. */
  error: string;
  code: ApiErrorCode | BoardModelErrorCode;
  /** The limit the input broke, where there is one (a length, a count). */
  limit?: number;
}

// Attachments: files on a card or a persona, kept by the server (not in the board's documents,
// which hold only their ids). What the server accepts, and the page checks before it uploads.

/** The file types an attachment may be, as the server recognises them from the file's own bytes. */
export const ATTACHMENT_TYPES = [
  'image/png',
  'image/jpeg',
  'image/webp',
  'image/gif',
  'application/pdf',
  'text/plain',
  'text/vtt',
] as const;
export type AttachmentType = (typeof ATTACHMENT_TYPES)[number];

/** The image types among `ATTACHMENT_TYPES`: shown inline, with a thumbnail. */
export const ATTACHMENT_IMAGE_TYPES: readonly AttachmentType[] = [
  'image/png',
  'image/jpeg',
  'image/webp',
  'image/gif',
];

const MIB = 1024 * 1024;

export const ATTACHMENT_LIMITS = {
  /** One file, in bytes (10 MiB). */
  bytes: 10 * MIB,
  /** Every attachment of one board together, in bytes (100 MiB). */
  boardBytes: 100 * MIB,
  /** Attachments on one card (the lane kind enforces it on the card's list of ids). */
  perCard: LIMITS.cardAttachments,
  /** A file name, in characters (after trimming). */
  nameLength: 200,
  /** The widest side of an image's thumbnail, in pixels. */
  thumbnailPixels: 320,
  types: ATTACHMENT_TYPES,
} as const;

/** One attachment as the API lists it (its bytes are fetched from its own address). */
export interface AttachmentInfo {
  id: AttachmentId;
  boardId: string;
  /** The file name it was uploaded with. */
  name: string;
  /** The type the server recognised from its bytes. */
  type: AttachmentType;
  /** Its size in bytes. */
  bytes: number;
  /** Whether it has a thumbnail (images do). */
  thumbnail: boolean;
  /** Who uploaded it (an account's or a guest's id). */
  createdBy: string;
  createdAt: number;
}

/** A board's attachments, and how much of its room they take. */
export interface AttachmentList {
  attachments: AttachmentInfo[];
  /** Bytes used by every attachment of the board together. */
  usedBytes: number;
}

// Dot voting (session doc entry `vote`, see session-vote.ts). Votes are placed through the HTTP API
// and kept by the server; each person reads only their own until the reveal.

/** `POST /api/boards/:id/session/vote`: opens a vote (facilitator or owner). */
export interface OpenVoteRequest {
  /** The lanes whose cards may be voted on; null: the whole board. */
  laneIds: string[] | null;
  /** From 1 to 20. */
  votesPerPerson: number;
  /** Whether one person may put several of their votes on one card. */
  allowMultiple: boolean;
}

/** The answer to opening, revealing or closing a vote: the vote entry as now published (null once closed). */
export interface VoteAnswer {
  vote: SessionVote | null;
}

/** `GET .../session/vote/mine` and the answer to `PUT .../session/vote/mine/:cardId`: one's own votes. */
export interface MyVotes {
  voteId: string;
  /** Card id → how many of one's votes are on it (cards with none are left out). */
  cards: Record<string, number>;
}

/** `PUT .../session/vote/mine/:cardId`: how many of one's votes are on the card (0 withdraws them). */
export interface SetMyVoteRequest {
  count: number;
}

// The facilitation session's commands (timer, emotion poll): the server checks each and writes
// the session doc; pages read the result there.

/** `GET /api/time`: the server's clock, for pages to count down to a time on it. */
export interface ServerTime {
  /** ms since the epoch, on the server's clock. */
  now: number;
}

/** `POST /api/boards/:id/session/timer` (owner and facilitators). */
export type TimerCommand =
  | { action: 'start'; durationMs: number }
  | { action: 'pause' }
  | { action: 'resume' }
  | { action: 'add'; ms: number }
  | { action: 'stop' };

/** `POST /api/boards/:id/session/poll` (owner and facilitators): opens an emotion poll. */
export interface OpenPoll {
  stageId: string;
  personaId: string | null;
  hidden: boolean;
}

/** `PUT /api/boards/:id/session/poll/answer`: this person's answer, −3…+3. */
export interface PollAnswerRequest {
  score: number;
}

/** `GET /api/boards/:id/session/poll/answer`: this person's own answer to the open poll (null: none yet). */
export interface OwnPollAnswer {
  pollId: string | null;
  score: number | null;
}

// Private mode (POST /api/boards/:id/session/private), for the owner and facilitators only.

/** Starts private mode (`on: true`), or reveals the private cards and ends it (`on: false`). */
export interface PrivateModeRequest {
  on: boolean;
}

/** What starting or ending private mode did. */
export interface PrivateModeAnswer {
  on: boolean;
  /** Private cards put into their lanes by this reveal. */
  revealed: number;
  /** Private cards that could not land (lane or stage gone, lane not theirs, lane full): still private. */
  kept: number;
}
