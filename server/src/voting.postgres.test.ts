import {
  addCard,
  buildVote,
  checkVoteChange,
  laneDocName,
  readBoard,
  readSessionValue,
  readVote,
  sessionDocName,
  structureDocName,
  type MyVotes,
  type SessionVote,
} from '@journeyboard/board-model';
import { describe, expect, it } from 'vitest';
import { VotesStore } from './session/votes-store.ts';
import { callApi } from './testing/api-client.ts';
import {
  connectClient,
  createBoard,
  makeDataDir,
  ownerAuthor,
  startServerProcess,
  waitForSaved,
  waitUntil,
  type ServerProcess,
} from './testing/harness.ts';
import { queryStore } from './testing/test-store.ts';

// Two instances over one PostgreSQL (and Redis): each person's votes stay within the limit
// however their changes are spread over the instances, and a reveal on one reaches the other.

const REDIS_URL = process.env.JOURNEYBOARD_TEST_REDIS_URL || 'redis://127.0.0.1:6379';

describe('dot voting over several instances', () => {
  it('never lets votes sent at once to two instances pass the votes per person', async () => {
    const dataDir = await makeDataDir();
    const a = await startServerProcess(dataDir, { REDIS_URL });
    const b = await startServerProcess(dataDir, { REDIS_URL });
    const owner = a.owner;
    const { id: boardId } = await createBoard(a, 'Checkout journey', owner);
    const client = connectClient(a, owner);
    const structure = await client.open(structureDocName(boardId));
    const { lanes, stages } = readBoard(structure.document);
    const lane = await client.open(laneDocName(boardId, lanes[0]!.id));
    const cards = Array.from({ length: 12 }, (_, i) =>
      addCard(lane.document, { stageId: stages[0]!.id, text: `Card ${i}`, author: ownerAuthor(a) }),
    );
    await waitForSaved(lane);
    client.destroy();

    const path = `/api/boards/${boardId}/session/vote`;
    const opened = await callApi<{ vote: SessionVote }>(a, owner, 'POST', path, {
      laneIds: null,
      votesPerPerson: 4,
      allowMultiple: false,
    });
    expect(opened.status).toBe(201);
    const instances: ServerProcess[] = [a, b];
    const answers = await Promise.all(
      cards.map((cardId, i) =>
        callApi<MyVotes>(instances[i % 2]!, owner, 'PUT', `${path}/mine/${cardId}`, { count: 1 }),
      ),
    );
    expect(answers.filter((answer) => answer.status === 200)).toHaveLength(4);
    for (const answer of answers.filter((answer) => answer.status !== 200)) {
      expect(answer.body).toMatchObject({ code: 'NO_VOTES_LEFT', limit: 4 });
    }
    const mine = await callApi<MyVotes>(b, owner, 'GET', `${path}/mine`);
    expect(Object.values(mine.body.cards)).toEqual([1, 1, 1, 1]);

    const revealed = await callApi<{ vote: SessionVote }>(b, owner, 'POST', `${path}/reveal`, {});
    expect(revealed.body.vote.revealed).toMatchObject({ voters: 1, counts: mine.body.cards });
    // The tally written by b reaches a's readers through Redis.
    const reader = connectClient(a, owner);
    const session = await reader.open(sessionDocName(boardId));
    await waitUntil(
      () => readVote(readSessionValue(session.document, 'vote'))?.status === 'revealed',
      'a reader of instance a sees the revealed vote',
    );
    reader.destroy();
  });

  it("judges one person's changes one after the other in the store itself, on many connections at once", async () => {
    const dataDir = await makeDataDir();
    const server = await startServerProcess(dataDir);
    const { id: boardId } = await createBoard(server, 'Checkout journey', server.owner);
    const userId = server.owner.userId!;
    const vote = buildVote(
      { laneIds: null, votesPerPerson: 3, allowMultiple: false },
      { id: 'vote00000001', at: 0, by: userId },
    );
    const cards = Array.from({ length: 20 }, (_, i) => `card${String(i).padStart(8, '0')}`);
    const outcomes = await queryStore(dataDir, (db) => {
      const store = new VotesStore(db, 'postgres');
      return Promise.all(
        cards.map((cardId) =>
          store.setOwn(
            { boardId, voteId: vote.id, userId, cardId, laneId: 'lane00000001', count: 1 },
            (own) => checkVoteChange(vote, own, cardId, 1),
          ),
        ),
      );
    });
    expect(outcomes.filter((outcome) => 'own' in outcome)).toHaveLength(3);
    expect(outcomes.filter((outcome) => 'refused' in outcome)).toEqual(
      Array.from({ length: 17 }, () => ({ refused: 'no-votes-left' })),
    );
    const stored = await queryStore(dataDir, (db) =>
      new VotesStore(db, 'postgres').own(boardId, vote.id, userId),
    );
    expect(Object.values(stored)).toEqual([1, 1, 1]);
  });
});
