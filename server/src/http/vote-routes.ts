import {
  buildVote,
  checkVoteChange,
  isValidId,
  laneDocName,
  newId,
  readBoard,
  readCard,
  readCards,
  readSessionValue,
  readVote,
  sessionDocName,
  sessionMap,
  tallyVotes,
  voteCoversLane,
  VOTES_PER_PERSON,
  type MyVotes,
  type Role,
  type SessionVote,
  type VoteAnswer,
  type VoteRefusal,
} from '@journeyboard/board-model';
import * as v from 'valibot';
import { RateLimiter } from '../auth/rate-limiter.ts';
import { OneAtATime } from '../session/one-at-a-time.ts';
import { type ApiDependencies, readBody, requireAccess, RUNS_BOARD } from './api-context.ts';
import { HttpError, sendJson } from './responses.ts';
import type { Router } from './router.ts';

/** Who places votes: every member but viewers (and watchers, who are viewers without a name). */
const VOTERS: readonly Role[] = ['owner', 'facilitator', 'lead', 'participant'];

/** Changes of one's votes one person may send in a second: far more than clicking needs. */
export const VOTE_CHANGES_PER_SECOND = 20;

const OpenVote = v.object(
  {
    laneIds: v.nullable(
      v.pipe(
        v.array(v.string('each lane id must be text'), 'laneIds must be a list of lane ids, or null'),
        v.minLength(1, 'laneIds must name at least one lane, or be null for the whole board'),
      ),
    ),
    votesPerPerson: v.pipe(
      v.number('votesPerPerson must be a number'),
      v.integer('votesPerPerson must be a whole number'),
      v.minValue(VOTES_PER_PERSON.min, `votesPerPerson must be at least ${VOTES_PER_PERSON.min}`),
      v.maxValue(VOTES_PER_PERSON.max, `votesPerPerson must be at most ${VOTES_PER_PERSON.max}`),
    ),
    allowMultiple: v.boolean('allowMultiple must be true or false'),
  },
  'Send {"laneIds": [...] or null, "votesPerPerson", "allowMultiple"} as JSON',
);

const SetVote = v.object(
  {
    count: v.pipe(
      v.number('count must be a number'),
      v.integer('count must be a whole number'),
      v.minValue(0, 'count must be 0 (no votes) or more'),
      v.maxValue(VOTES_PER_PERSON.max, `count must be at most ${VOTES_PER_PERSON.max}`),
    ),
  },
  'Send {"count"} as JSON: how many of your votes are on the card',
);

function refusalError(refusal: VoteRefusal, vote: SessionVote): HttpError {
  switch (refusal) {
    case 'not-open':
      return new HttpError(409, 'VOTE_NOT_OPEN', 'The vote has been revealed: votes can no longer change');
    case 'not-a-count':
      return new HttpError(400, 'INVALID_REQUEST', 'count must be a whole number of votes');
    case 'too-many-on-card':
      return new HttpError(
        409,
        'ONE_VOTE_PER_CARD',
        'This vote takes one vote per card from each person: put your other votes on other cards',
        { limit: 1 },
      );
    case 'no-votes-left':
      return new HttpError(
        409,
        'NO_VOTES_LEFT',
        `You have placed all your ${vote.votesPerPerson} votes: take one back to vote for this card`,
        { limit: vote.votesPerPerson },
      );
  }
}

const noVote = () =>
  new HttpError(404, 'NO_VOTE_OPEN', 'No vote is open on this board: a facilitator opens one first');

/**
 * Dot voting, by server command. The facilitator opens, reveals and closes a vote; the session
 * doc says which (read by everyone, written only here). Each person's votes are kept in the
 * store and read back by that person alone: no document holds them, so no client, however raw,
 * reads them before the reveal; at the reveal the tally alone is written into the session doc.
 */
export function addVoteRoutes(router: Router, deps: ApiDependencies): void {
  const { writer, votes, log } = deps;
  const changes = new RateLimiter(VOTE_CHANGES_PER_SECOND, 1_000);
  // A vote's opening, placing, reveal and close, per board, one after the other: a reveal counts every vote
  // accepted before it, and a vote sent meanwhile finds the vote revealed (or closed) and is refused.
  const perBoard = new OneAtATime();

  const currentVote = (boardId: string): Promise<SessionVote | null> =>
    writer.read(sessionDocName(boardId), (doc) => readVote(readSessionValue(doc, 'vote')));

  const boardLaneIds = (boardId: string): Promise<string[]> =>
    deps.structure.withStructure(boardId, (doc) => readBoard(doc).lanes.map((lane) => lane.id));

  /** The lanes the vote takes votes in that the board still has, in the board's order. */
  const lanesInScope = async (boardId: string, vote: SessionVote): Promise<string[]> =>
    (await boardLaneIds(boardId)).filter((laneId) => voteCoversLane(vote, laneId));

  const laneHasCard = (boardId: string, laneId: string, cardId: string): Promise<boolean> =>
    writer.read(laneDocName(boardId, laneId), (doc) => readCard(doc, cardId) !== null);

  /**
   * The lane in scope of the vote that holds `cardId` now. The card records name the lane it was
   * last written into (every card written by a client, and every card a private reveal placed,
   * has one), looked at first; a card whose record is behind (moved since) is looked for only in
   * the lanes in scope this instance holds loaded already. Lanes are never loaded to look for a
   * card: an unknown card id must not cost a load of every lane of the board.
   */
  const laneOfCard = async (boardId: string, vote: SessionVote, cardId: string): Promise<string> => {
    const recorded = await votes.recordedLane(boardId, cardId);
    const inScope = await lanesInScope(boardId, vote);
    const outOfScope = () =>
      new HttpError(
        404,
        'CARD_NOT_IN_VOTE',
        `Card "${cardId}" is not on a lane of this vote: vote for the cards of the lanes the facilitator chose`,
      );
    if (recorded === null) throw outOfScope();
    if (await laneHasCard(boardId, recorded, cardId)) {
      if (!inScope.includes(recorded)) throw outOfScope();
      return recorded;
    }
    const held = inScope.filter(
      (laneId) => laneId !== recorded && writer.holds(laneDocName(boardId, laneId)),
    );
    for (const laneId of held) if (await laneHasCard(boardId, laneId, cardId)) return laneId;
    throw outOfScope();
  };

  /** Card id → the lane in scope it is in now, for the voted cards still on the board. */
  const cardLanes = async (boardId: string, vote: SessionVote, voted: Set<string>) => {
    const found = new Map<string, string>();
    for (const laneId of await lanesInScope(boardId, vote)) {
      const cards = await writer.read(laneDocName(boardId, laneId), (doc) => readCards(doc));
      for (const card of cards) if (voted.has(card.id)) found.set(card.id, laneId);
    }
    return found;
  };

  router.add('POST', '/api/boards/:id/session/vote', async ({ req, res, params }) => {
    const boardId = params.id!;
    const { access } = await requireAccess(deps, req, res, boardId, RUNS_BOARD);
    const body = await readBody(req, OpenVote);
    if (body.laneIds !== null) {
      const known = new Set(await boardLaneIds(boardId));
      const unknown = body.laneIds.find((laneId) => !isValidId(laneId) || !known.has(laneId));
      if (unknown !== undefined) {
        throw new HttpError(400, 'UNKNOWN_LANE', `Lane "${unknown}" is not on this board`);
      }
    }
    const vote = buildVote(body, { id: newId(), at: Date.now(), by: access.userId ?? '' });
    // In turn with the reveal, the close and the votes placed: a close running meanwhile would
    // otherwise delete the new vote's entry, or its votes, halfway through.
    await perBoard.run(boardId, async () => {
      await writer.change(boardId, sessionDocName(boardId), (doc) => {
        const current = readVote(readSessionValue(doc, 'vote'));
        if (current?.status === 'open') {
          throw new HttpError(409, 'VOTE_ALREADY_OPEN', 'A vote is open already: reveal or close it first');
        }
        sessionMap(doc).set('vote', vote);
      });
      // The votes of any earlier vote go: only this one's count from now on.
      await votes.clear(boardId, vote.id);
    });
    log.info({ boardId, voteId: vote.id, lanes: vote.laneIds?.length ?? 'all' }, 'vote opened');
    sendJson(res, 201, { vote } satisfies VoteAnswer);
  });

  router.add('POST', '/api/boards/:id/session/vote/reveal', async ({ req, res, params }) => {
    const boardId = params.id!;
    await requireAccess(deps, req, res, boardId, RUNS_BOARD);
    const published = await perBoard.run(boardId, () => reveal(boardId));
    log.info({ boardId, voteId: published.id, voters: published.revealed?.voters }, 'vote revealed');
    sendJson(res, 200, { vote: published } satisfies VoteAnswer);
  });

  /** Counts the open vote's votes and publishes the tally; returns the vote as published. */
  const reveal = async (boardId: string): Promise<SessionVote> => {
    const vote = await currentVote(boardId);
    if (vote === null) throw noVote();
    if (vote.status !== 'open') throw new HttpError(409, 'VOTE_NOT_OPEN', 'This vote is revealed already');
    const ballots = await votes.all(boardId, vote.id);
    // Counted on the cards as they are now: a card removed since is left out, a moved one is
    // ranked in the lane it is in.
    const lanes = await cardLanes(boardId, vote, new Set(ballots.map((ballot) => ballot.cardId)));
    const revealed = tallyVotes(
      ballots.flatMap((ballot) => {
        const laneId = lanes.get(ballot.cardId);
        return laneId === undefined ? [] : [{ ...ballot, laneId }];
      }),
    );
    return writer.change(boardId, sessionDocName(boardId), (doc) => {
      const current = readVote(readSessionValue(doc, 'vote'));
      if (current === null || current.id !== vote.id || current.status !== 'open') {
        throw new HttpError(409, 'VOTE_NOT_OPEN', 'The vote changed meanwhile: look at it again');
      }
      const next: SessionVote = { ...current, status: 'revealed', revealed };
      sessionMap(doc).set('vote', next);
      return next;
    });
  };

  router.add('POST', '/api/boards/:id/session/vote/close', async ({ req, res, params }) => {
    const boardId = params.id!;
    await requireAccess(deps, req, res, boardId, RUNS_BOARD);
    await perBoard.run(boardId, async () => {
      await writer.change(boardId, sessionDocName(boardId), (doc) => {
        if (!sessionMap(doc).has('vote')) throw noVote();
        sessionMap(doc).delete('vote');
      });
      await votes.clear(boardId, null);
    });
    log.info({ boardId }, 'vote closed');
    sendJson(res, 200, { vote: null } satisfies VoteAnswer);
  });

  router.add('GET', '/api/boards/:id/session/vote/mine', async ({ req, res, params }) => {
    const boardId = params.id!;
    const { access } = await requireAccess(deps, req, res, boardId, VOTERS);
    const vote = await currentVote(boardId);
    if (vote === null) throw noVote();
    const cards = await votes.own(boardId, vote.id, access.userId!);
    sendJson(res, 200, { voteId: vote.id, cards } satisfies MyVotes);
  });

  router.add('PUT', '/api/boards/:id/session/vote/mine/:cardId', async ({ req, res, params }) => {
    const boardId = params.id!;
    const cardId = params.cardId!;
    const { access } = await requireAccess(deps, req, res, boardId, VOTERS);
    const userId = access.userId!;
    const wait = changes.hit(userId);
    if (wait > 0) {
      throw new HttpError(429, 'TOO_MANY_ATTEMPTS', 'Votes are changing too fast: wait a moment', {
        headers: { 'retry-after': String(Math.ceil(wait / 1000)) },
      });
    }
    if (!isValidId(cardId)) throw new HttpError(400, 'INVALID_REQUEST', `"${cardId}" is not a card id`);
    const { count } = await readBody(req, SetVote);
    const found = await currentVote(boardId);
    if (found === null) throw noVote();
    if (found.status !== 'open') throw refusalError('not-open', found);
    // Withdrawing every vote from a card needs no card: it may have been removed since.
    const laneId = count === 0 ? '' : await laneOfCard(boardId, found, cardId);
    const answer = await perBoard.run(boardId, async () => {
      // Looked at again in turn: the vote may have been revealed or closed meanwhile.
      const vote = await currentVote(boardId);
      if (vote === null) throw noVote();
      if (vote.id !== found.id || vote.status !== 'open') throw refusalError('not-open', vote);
      const outcome = await votes.setOwn({ boardId, voteId: vote.id, userId, cardId, laneId, count }, (own) =>
        checkVoteChange(vote, own, cardId, count),
      );
      if ('refused' in outcome) throw refusalError(outcome.refused, vote);
      return { voteId: vote.id, cards: outcome.own } satisfies MyVotes;
    });
    sendJson(res, 200, answer);
  });
}
