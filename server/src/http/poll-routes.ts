import {
  isPollScore,
  newId,
  POLL_KEY,
  pollEntry,
  pollResults,
  readBoard,
  readPoll,
  readSessionValue,
  type Role,
  sessionDocName,
  sessionMap,
  type SessionPoll,
} from '@journeyboard/board-model';
import * as v from 'valibot';
import { RateLimiter } from '../auth/rate-limiter.ts';
import { clientAddress } from './client-address.ts';
import { OneAtATime } from '../session/one-at-a-time.ts';
import { Coalescer } from '../session/session-writes.ts';
import { type ApiDependencies, readBody, requireAccess, RUNS_BOARD } from './api-context.ts';
import { HttpError, refuseWhenLimited, sendJson } from './responses.ts';
import type { Router } from './router.ts';

const OpenPoll = v.object(
  {
    stageId: v.string('stageId must be text'),
    personaId: v.nullable(v.string('personaId must be text or null')),
    hidden: v.boolean('hidden must be true or false'),
  },
  'Send {"stageId", "personaId" (or null), "hidden"} as JSON',
);
const Answer = v.object({ score: v.unknown() }, 'Send {"score"} as JSON, a whole number from -3 to 3');

/** Everyone on the board but viewers (and watchers, who are viewers) answers a poll. */
const ANSWERS: readonly Role[] = ['owner', 'facilitator', 'lead', 'participant'];

/** The live results of an open poll are written at most this often per board (4 a second). */
const RESULTS_INTERVAL_MS = 250;

/** Opens, reveals and closes one board takes in a window (each is a write of the session doc). */
const COMMAND_LIMIT = { count: 60, windowMs: 60_000 };

/** Answers one person may send in a window (changing their mind included). */
const ANSWER_LIMIT = { count: 30, windowMs: 10_000 };

const notOpen = () =>
  new HttpError(409, 'POLL_NOT_OPEN', 'No emotion poll is open on this board: open one first');

/**
 * The emotion poll. A facilitator opens it for a stage (and a persona); everyone but viewers
 * answers −3…+3, each their own answer, kept by the server (`PollAnswerStore`), never in a
 * document. The session doc carries the aggregates: recomputed after answers while the poll is
 * open (bursts coalesced), unless the poll is hidden, whose aggregates are written at the reveal
 * only. Closing it removes it, and forgets its answers.
 */
export function addPollRoutes(router: Router, deps: ApiDependencies): void {
  const { writer, log, pollAnswers } = deps;
  // One board's poll writes in turn (each reads what the one before wrote): see OneAtATime.
  const writes = new OneAtATime();
  const resultWrites = new Coalescer(RESULTS_INTERVAL_MS);
  const answerLimiter = new RateLimiter(ANSWER_LIMIT.count, ANSWER_LIMIT.windowMs);
  const answerReads = new RateLimiter(ANSWER_LIMIT.count, ANSWER_LIMIT.windowMs);
  const commandLimiter = new RateLimiter(COMMAND_LIMIT.count, COMMAND_LIMIT.windowMs);

  /** The poll as this instance's live session doc says (loaded first when not held; nothing written). */
  const currentPoll = (boardId: string) =>
    writer.read(sessionDocName(boardId), (doc) => readPoll(readSessionValue(doc, POLL_KEY)));

  /** Writes `poll`'s live results from its answers, if it is still open and not hidden. */
  const publishResults = (boardId: string, pollId: string) =>
    writes.run(boardId, async () => {
      // Read first: the results may be the same as published already.
      const poll = await currentPoll(boardId);
      if (poll === null || poll.id !== pollId || poll.status !== 'open' || poll.hidden) return;
      const results = pollResults(await pollAnswers.answers(boardId, pollId));
      if (JSON.stringify(results) === JSON.stringify(poll.results)) return;
      await writer.change(boardId, sessionDocName(boardId), (doc) =>
        sessionMap(doc).set(POLL_KEY, pollEntry({ ...poll, results })),
      );
    });

  router.add('POST', '/api/boards/:id/session/poll', async ({ req, res, params }) => {
    const boardId = params.id!;
    const { access } = await requireAccess(deps, req, res, boardId, RUNS_BOARD);
    refuseWhenLimited(commandLimiter.hit(boardId));
    const body = await readBody(req, OpenPoll);
    const board = await deps.structure.withStructure(boardId, readBoard);
    if (!board.stages.some((stage) => stage.id === body.stageId))
      throw new HttpError(404, 'UNKNOWN_STAGE', `Stage "${body.stageId}" is not on this board`);
    if (body.personaId !== null && !board.personas.some((persona) => persona.id === body.personaId))
      throw new HttpError(404, 'UNKNOWN_PERSONA', `Persona "${body.personaId}" is not on this board`);
    const poll = await writes.run(boardId, () =>
      writer.change(boardId, sessionDocName(boardId), (doc) => {
        if (readPoll(readSessionValue(doc, POLL_KEY)) !== null) {
          throw new HttpError(
            409,
            'POLL_ALREADY_OPEN',
            'An emotion poll is already open on this board: close it before opening another',
          );
        }
        const opened: SessionPoll = {
          id: newId(),
          stageId: body.stageId,
          personaId: body.personaId,
          hidden: body.hidden,
          status: 'open',
          openedBy: access.userId ?? '',
          openedAt: Date.now(),
          results: body.hidden ? null : pollResults([]),
        };
        sessionMap(doc).set(POLL_KEY, pollEntry(opened));
        return opened;
      }),
    );
    log.info({ boardId, pollId: poll.id, hidden: poll.hidden }, 'emotion poll opened');
    sendJson(res, 201, { poll });
  });

  router.add('PUT', '/api/boards/:id/session/poll/answer', async ({ req, res, params }) => {
    const boardId = params.id!;
    const { access } = await requireAccess(deps, req, res, boardId, ANSWERS);
    const userId = access.userId;
    if (userId === null) throw new HttpError(403, 'ROLE_NOT_ALLOWED', 'Watchers do not answer polls');
    refuseWhenLimited(answerLimiter.hit(`${boardId}:${userId}`));
    const { score } = await readBody(req, Answer);
    if (!isPollScore(score))
      throw new HttpError(400, 'INVALID_SCORE', 'score must be a whole number from -3 to 3');
    const poll = await writes.run(boardId, async () => {
      const open = await currentPoll(boardId);
      if (open === null || open.status !== 'open') throw notOpen();
      await pollAnswers.answer(boardId, open.id, { userId, departmentId: access.departmentId, score });
      return open;
    });
    if (!poll.hidden) {
      resultWrites
        .request(boardId, () => publishResults(boardId, poll.id))
        .catch((error: unknown) => {
          // The answer is kept: the next answer, or the reveal, publishes it.
          log.error({ err: error, boardId, pollId: poll.id }, 'could not publish the poll results');
        });
    }
    sendJson(res, 200, { pollId: poll.id, score });
  });

  router.add('GET', '/api/boards/:id/session/poll/answer', async ({ req, res, params }) => {
    const boardId = params.id!;
    const { access } = await requireAccess(deps, req, res, boardId);
    // Each read opens the session doc: as many as the answers one may send (a watcher, who has
    // no account, by their address).
    const reader = access.userId ?? clientAddress(req, deps.trustedProxies);
    refuseWhenLimited(answerReads.hit(`${boardId}:${reader}`));
    const poll = await currentPoll(boardId);
    const score =
      poll === null || access.userId === null ? null : await pollAnswers.own(boardId, poll.id, access.userId);
    sendJson(res, 200, { pollId: poll?.id ?? null, score });
  });

  router.add('POST', '/api/boards/:id/session/poll/reveal', async ({ req, res, params }) => {
    const boardId = params.id!;
    await requireAccess(deps, req, res, boardId, RUNS_BOARD);
    refuseWhenLimited(commandLimiter.hit(boardId));
    const poll = await writes.run(boardId, async () => {
      const open = await currentPoll(boardId);
      if (open === null || open.status !== 'open') throw notOpen();
      const answers = await pollAnswers.answers(boardId, open.id);
      const revealed: SessionPoll = { ...open, status: 'revealed', results: pollResults(answers) };
      await writer.change(boardId, sessionDocName(boardId), (doc) =>
        sessionMap(doc).set(POLL_KEY, pollEntry(revealed)),
      );
      return revealed;
    });
    log.info({ boardId, pollId: poll.id, answers: poll.results?.count }, 'emotion poll revealed');
    sendJson(res, 200, { poll });
  });

  router.add('POST', '/api/boards/:id/session/poll/close', async ({ req, res, params }) => {
    const boardId = params.id!;
    await requireAccess(deps, req, res, boardId, RUNS_BOARD);
    refuseWhenLimited(commandLimiter.hit(boardId));
    await writes.run(boardId, async () => {
      await writer.change(boardId, sessionDocName(boardId), (doc) => {
        if (readPoll(readSessionValue(doc, POLL_KEY)) === null) throw notOpen();
        sessionMap(doc).delete(POLL_KEY);
      });
      await pollAnswers.forgetBoard(boardId);
    });
    log.info({ boardId }, 'emotion poll closed');
    sendJson(res, 200, { closed: true });
  });
}
