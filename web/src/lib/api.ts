/** The server's JSON API, as the pages use it. Cookie session, same origin. */

import type {
  ApiErrorBody,
  BoardDetails,
  BoardSummary,
  GrantableRole,
  Invitation,
  InvitationOffer,
  LinkInfo,
  Me,
  Member,
  MyVotes,
  NewInvitation,
  OpenVoteRequest,
  OpenPoll,
  OwnPollAnswer,
  PollAnswerRequest,
  ServerTime,
  PrivateModeAnswer,
  ShareLink,
  TemplateId,
  TimerCommand,
  User,
  VoteAnswer,
} from '@journeyboard/board-model';

// The API's types are the board model's (one definition for the server and the page).
export type {
  ApiErrorCode,
  BoardAccess,
  BoardDetails,
  BoardSummary,
  GrantableRole,
  Invitation,
  InvitationOffer,
  LinkInfo,
  Me,
  Member,
  NewInvitation,
  Role,
  ShareLink,
  User,
} from '@journeyboard/board-model';

/**
 * A request the server refused (or could not be sent: status 0). `code` says why (one of
 * `API_ERROR_CODES` or the board model's codes, or one this page does not know yet); the English
 * `message` is for the console, never for the reader: `describeApiError` says it in their language.
 */
export class ApiError extends Error {
  readonly status: number;
  /** Why the server refused; null when the answer had no code (a proxy's error page, no answer at all). */
  readonly code: string | null;
  /** The limit the input broke (a length, a count), where there is one. */
  readonly limit: number | null;
  /** Seconds to wait before trying again (429). */
  readonly retryAfter: number | null;
  constructor(
    status: number,
    message: string,
    details: { code?: string | null; limit?: number | null; retryAfter?: number | null } = {},
  ) {
    super(message);
    this.status = status;
    this.code = details.code ?? null;
    this.limit = details.limit ?? null;
    this.retryAfter = details.retryAfter ?? null;
  }
}

type Fetch = typeof fetch;

async function request<T>(fetcher: Fetch, path: string, init?: RequestInit): Promise<T> {
  let response: Response;
  try {
    response = await fetcher(path, init);
  } catch (error) {
    throw new ApiError(0, error instanceof Error ? error.message : String(error));
  }
  const body = (await response.json().catch(() => ({}))) as Partial<Record<keyof ApiErrorBody, unknown>>;
  if (!response.ok) {
    const retryAfter = Number(response.headers.get('retry-after'));
    throw new ApiError(response.status, typeof body.error === 'string' ? body.error : response.statusText, {
      code: typeof body.code === 'string' ? body.code : null,
      limit: typeof body.limit === 'number' && Number.isFinite(body.limit) ? body.limit : null,
      retryAfter: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : null,
    });
  }
  return body as T;
}

function send<T>(method: string, path: string, body?: unknown): Promise<T> {
  return request<T>(fetch, path, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? null : JSON.stringify(body),
  });
}

const boardPath = (id: string) => `/api/boards/${encodeURIComponent(id)}`;

// Accounts

export function getMe(fetcher: Fetch = fetch): Promise<Me> {
  return request<Me>(fetcher, '/api/auth/me');
}

export function signUp(details: { email: string; password: string; name: string }): Promise<User> {
  return send<{ user: User }>('POST', '/api/auth/signup', details).then((r) => r.user);
}

export function signIn(details: { email: string; password: string }): Promise<User> {
  return send<{ user: User }>('POST', '/api/auth/signin', details).then((r) => r.user);
}

export function signOut(): Promise<void> {
  return send('POST', '/api/auth/signout').then(() => undefined);
}

export function signOutEverywhere(): Promise<void> {
  return send('POST', '/api/auth/signout-everywhere').then(() => undefined);
}

/** Changes the password; other devices are signed out. */
export function changePassword(current: string, next: string): Promise<void> {
  return send('POST', '/api/auth/password', { current, next }).then(() => undefined);
}

// Boards

export function listBoards(fetcher: Fetch = fetch): Promise<BoardSummary[]> {
  return request<{ boards: BoardSummary[] }>(fetcher, '/api/boards').then((r) => r.boards);
}

export function getBoard(id: string, fetcher: Fetch = fetch): Promise<BoardDetails> {
  return request<BoardDetails>(fetcher, boardPath(id));
}

/** Creates a board titled `title` from `template`, its names in `locale`. */
export function createBoard(title: string, locale: 'en' | 'vi', template: TemplateId): Promise<BoardSummary> {
  return send<BoardSummary>('POST', '/api/boards', { title, locale, template });
}

/** Deletes a board with everything on it (owner). */
export function deleteBoard(id: string): Promise<void> {
  return send('DELETE', boardPath(id)).then(() => undefined);
}

/** Hands a board to another member who has an account (owner); the old owner stays a facilitator. */
export function transferBoard(id: string, userId: string): Promise<void> {
  return send('POST', `${boardPath(id)}/transfer`, { userId }).then(() => undefined);
}

// Members and invitations

export function listMembers(boardId: string): Promise<{ members: Member[]; invitations: Invitation[] }> {
  return request(fetch, `${boardPath(boardId)}/members`);
}

export function invite(
  boardId: string,
  invitation: { email: string; role: GrantableRole; departmentId: string | null },
): Promise<NewInvitation> {
  return send<NewInvitation>('POST', `${boardPath(boardId)}/invitations`, invitation);
}

export function cancelInvitation(boardId: string, invitationId: string): Promise<void> {
  return send('DELETE', `${boardPath(boardId)}/invitations/${encodeURIComponent(invitationId)}`).then(
    () => undefined,
  );
}

export function changeMember(
  boardId: string,
  userId: string,
  change: { role: GrantableRole; departmentId: string | null },
): Promise<void> {
  return send('PATCH', `${boardPath(boardId)}/members/${encodeURIComponent(userId)}`, change).then(
    () => undefined,
  );
}

export function removeMember(boardId: string, userId: string): Promise<void> {
  return send('DELETE', `${boardPath(boardId)}/members/${encodeURIComponent(userId)}`).then(() => undefined);
}

// Share links

export function listLinks(boardId: string): Promise<ShareLink[]> {
  return request<{ links: ShareLink[] }>(fetch, `${boardPath(boardId)}/links`).then((r) => r.links);
}

export function createLink(boardId: string, kind: 'join' | 'watch'): Promise<ShareLink> {
  return send<{ link: ShareLink }>('POST', `${boardPath(boardId)}/links`, { kind }).then((r) => r.link);
}

export function revokeLink(boardId: string, linkId: string): Promise<void> {
  return send('DELETE', `${boardPath(boardId)}/links/${encodeURIComponent(linkId)}`).then(() => undefined);
}

export function getLink(token: string, fetcher: Fetch = fetch): Promise<LinkInfo> {
  return request<LinkInfo>(fetcher, `/api/links/${encodeURIComponent(token)}`);
}

/** Joins the board of a join link as a participant of `departmentId`; returns the board's id. */
export function joinByLink(token: string, name: string, departmentId: string): Promise<string> {
  return send<{ boardId: string }>('POST', `/api/links/${encodeURIComponent(token)}/join`, {
    name,
    departmentId,
  }).then((r) => r.boardId);
}

/** Watches the board of a watch link; returns the board's id. */
export function watchByLink(token: string): Promise<string> {
  return send<{ boardId: string }>('POST', `/api/links/${encodeURIComponent(token)}/watch`).then(
    (r) => r.boardId,
  );
}

// Taking up an invitation

export function getInvitation(token: string, fetcher: Fetch = fetch): Promise<InvitationOffer> {
  return request<InvitationOffer>(fetcher, `/api/invitations/${encodeURIComponent(token)}`);
}

/** Accepts an invitation with the signed-in account; returns the board's id. */
export function acceptInvitation(token: string): Promise<string> {
  return send<{ boardId: string }>('POST', '/api/invitations/accept', { token }).then((r) => r.boardId);
}

// Lane commands, for department leads (who cannot write the structure document)

export function addLaneByCommand(
  boardId: string,
  lane: { name: string; kind: string; department?: string; index?: number },
): Promise<string> {
  return send<{ laneId: string }>('POST', `${boardPath(boardId)}/lanes`, lane).then((r) => r.laneId);
}

export function changeLaneByCommand(
  boardId: string,
  laneId: string,
  change: { name?: string; index?: number; department?: string },
): Promise<void> {
  return send('PATCH', `${boardPath(boardId)}/lanes/${encodeURIComponent(laneId)}`, change).then(
    () => undefined,
  );
}

export function removeLaneByCommand(boardId: string, laneId: string): Promise<void> {
  return send('DELETE', `${boardPath(boardId)}/lanes/${encodeURIComponent(laneId)}`).then(() => undefined);
}

/** Brings back a lane this lead removed through the server (within a day). */
export function restoreLaneByCommand(boardId: string, laneId: string): Promise<void> {
  return send('POST', `${boardPath(boardId)}/lanes/${encodeURIComponent(laneId)}/restore`).then(
    () => undefined,
  );
}

// Dot voting: a facilitator opens, reveals and closes a vote; each person places their own votes

const votePath = (boardId: string) => `${boardPath(boardId)}/session/vote`;

export function openVote(boardId: string, settings: OpenVoteRequest): Promise<VoteAnswer> {
  return send<VoteAnswer>('POST', votePath(boardId), settings);
}

export function revealVote(boardId: string): Promise<VoteAnswer> {
  return send<VoteAnswer>('POST', `${votePath(boardId)}/reveal`, {});
}

export function closeVote(boardId: string): Promise<VoteAnswer> {
  return send<VoteAnswer>('POST', `${votePath(boardId)}/close`, {});
}

/** This person's own votes in the board's vote (nobody else's are ever sent). */
export function getMyVotes(boardId: string): Promise<MyVotes> {
  return request<MyVotes>(fetch, `${votePath(boardId)}/mine`);
}

/** Sets how many of this person's votes are on a card (0 withdraws them); answers their votes after. */
export function setMyVote(boardId: string, cardId: string, count: number): Promise<MyVotes> {
  return send<MyVotes>('PUT', `${votePath(boardId)}/mine/${encodeURIComponent(cardId)}`, { count });
}

// The facilitation session: the server's clock, the timer and the emotion poll (the server checks
// each command and writes the session doc; pages read what it says there)

/** The server's clock (ms), for the estimate of how far this browser's is from it. */
export function getServerTime(): Promise<number> {
  return request<ServerTime>(fetch, '/api/time', { cache: 'no-store' }).then((r) => r.now);
}

/** Starts, pauses, resumes, adds to or stops the board's timer (owner and facilitators). */
export function sendTimerCommand(boardId: string, command: TimerCommand): Promise<void> {
  return send('POST', `${boardPath(boardId)}/session/timer`, command).then(() => undefined);
}

/** Opens an emotion poll for a stage (and a persona), its results hidden until the reveal if asked. */
export function openPoll(boardId: string, poll: OpenPoll): Promise<void> {
  return send('POST', `${boardPath(boardId)}/session/poll`, poll).then(() => undefined);
}

/** Gives (or changes) this person's answer to the open poll. */
export function answerPoll(boardId: string, score: number): Promise<void> {
  const body: PollAnswerRequest = { score };
  return send('PUT', `${boardPath(boardId)}/session/poll/answer`, body).then(() => undefined);
}

/** This person's own answer to the open poll. */
export function getOwnPollAnswer(boardId: string): Promise<OwnPollAnswer> {
  return request<OwnPollAnswer>(fetch, `${boardPath(boardId)}/session/poll/answer`);
}

/** Reveals the poll's results (and takes no more answers), or closes it. */
export function endPoll(boardId: string, step: 'reveal' | 'close'): Promise<void> {
  return send('POST', `${boardPath(boardId)}/session/poll/${step}`, {}).then(() => undefined);
}

// Private mode, for the owner and facilitators

/** Starts private mode (`on`), or reveals the private cards and ends it; says what the reveal did. */
export function setPrivateMode(boardId: string, on: boolean): Promise<PrivateModeAnswer> {
  return send<PrivateModeAnswer>('POST', `${boardPath(boardId)}/session/private`, { on });
}
