import {
  addCard,
  laneDocName,
  removeCard,
  readSessionValue,
  readVote,
  sessionDocName,
  type MyVotes,
  type SessionVote,
} from '@journeyboard/board-model';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { callApi, type ApiAnswer } from './testing/api-client.ts';
import {
  authorOf,
  boardWithEveryRole,
  PEOPLE,
  type BoardWithEveryRole,
  type Person,
} from './testing/board-with-every-role.ts';
import { connectClient, waitForSaved, waitUntil } from './testing/harness.ts';
import { queryStore } from './testing/test-store.ts';

// Dot voting is run by server commands: only those who run the board open, reveal and close a
// vote; each person's votes are kept by the server, read back by that person alone, and no
// document anyone can open holds them before the reveal.

const RUNNERS: readonly Person[] = ['owner', 'facilitator'];
const VOTERS: readonly Person[] = [
  'owner',
  'facilitator',
  'salesLead',
  'salesParticipant',
  'supportParticipant',
  'supportGuest',
];

type Lane = keyof BoardWithEveryRole['laneIds'];

/** Writes cards into a lane as the owner, as the page does; returns their ids. */
async function addCards(world: BoardWithEveryRole, lane: Lane, texts: string[]): Promise<string[]> {
  const client = connectClient(world.server);
  const provider = await client.open(laneDocName(world.boardId, world.laneIds[lane]));
  const ids = texts.map((text) =>
    addCard(provider.document, { stageId: world.stageId, text, author: authorOf(world, world.server.owner) }),
  );
  await waitForSaved(provider);
  client.destroy();
  return ids;
}

function voting(world: BoardWithEveryRole) {
  const base = `/api/boards/${world.boardId}/session/vote`;
  const as = (person: Person) => world.people[person];
  return {
    open: (person: Person, body: Record<string, unknown>) =>
      callApi<{ vote: SessionVote }>(world.server, as(person), 'POST', base, body),
    reveal: (person: Person) =>
      callApi<{ vote: SessionVote }>(world.server, as(person), 'POST', `${base}/reveal`, {}),
    close: (person: Person) => callApi(world.server, as(person), 'POST', `${base}/close`, {}),
    mine: (person: Person) => callApi<MyVotes>(world.server, as(person), 'GET', `${base}/mine`),
    set: (person: Person, cardId: string, count: unknown) =>
      callApi<MyVotes & { code?: string; limit?: number }>(
        world.server,
        as(person),
        'PUT',
        `${base}/mine/${cardId}`,
        { count },
      ),
  };
}

const codeOf = (answer: ApiAnswer<unknown>) => ({
  status: answer.status,
  code: (answer.body as { code?: string } | null)?.code,
});

/** The vote entry of the session doc as a fresh connection of `person` reads it. */
async function sessionVoteAs(world: BoardWithEveryRole, person: Person): Promise<unknown> {
  const client = connectClient(world.server, world.people[person]);
  const provider = await client.open(sessionDocName(world.boardId));
  const value = readSessionValue(provider.document, 'vote');
  client.destroy();
  return value;
}

/** Every document a participant may open, each as a fresh connection loads it. */
async function documentStates(world: BoardWithEveryRole, person: Person): Promise<Map<string, Y.Doc>> {
  const names = [...Object.values(world.docNames), sessionDocName(world.boardId)];
  const client = connectClient(world.server, world.people[person]);
  const states = new Map<string, Y.Doc>();
  for (const name of names) {
    const provider = await client.open(name);
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(provider.document));
    states.set(name, copy);
  }
  client.destroy();
  return states;
}

describe('dot voting', () => {
  it('is opened, revealed and closed only by those who run the board', async () => {
    const world = await boardWithEveryRole();
    const vote = voting(world);
    const settings = { laneIds: null, votesPerPerson: 3, allowMultiple: false };
    for (const person of PEOPLE.filter((p) => !RUNNERS.includes(p))) {
      expect(codeOf(await vote.open(person, settings)), person).toEqual({
        status: 403,
        code: 'ROLE_NOT_ALLOWED',
      });
    }
    expect(await sessionVoteAs(world, 'owner')).toBeUndefined();

    const opened = await vote.open('facilitator', settings);
    expect(opened.status).toBe(201);
    expect(opened.body.vote).toMatchObject({
      status: 'open',
      laneIds: null,
      votesPerPerson: 3,
      revealed: null,
    });
    expect(readVote(await sessionVoteAs(world, 'watcher'))).toEqual(opened.body.vote);
    expect(codeOf(await vote.open('owner', settings))).toEqual({ status: 409, code: 'VOTE_ALREADY_OPEN' });

    for (const person of PEOPLE.filter((p) => !RUNNERS.includes(p))) {
      expect(codeOf(await vote.reveal(person)), person).toEqual({ status: 403, code: 'ROLE_NOT_ALLOWED' });
      expect(codeOf(await vote.close(person)), person).toEqual({ status: 403, code: 'ROLE_NOT_ALLOWED' });
    }
    expect(readVote(await sessionVoteAs(world, 'owner'))?.status).toBe('open');

    expect((await vote.reveal('owner')).body.vote.status).toBe('revealed');
    expect(codeOf(await vote.reveal('owner'))).toEqual({ status: 409, code: 'VOTE_NOT_OPEN' });
    expect((await vote.close('owner')).status).toBe(200);
    expect(await sessionVoteAs(world, 'watcher')).toBeUndefined();
    expect(codeOf(await vote.close('owner'))).toEqual({ status: 404, code: 'NO_VOTE_OPEN' });
    expect(codeOf(await vote.reveal('owner'))).toEqual({ status: 404, code: 'NO_VOTE_OPEN' });
  });

  it('refuses settings no vote may have, and lanes the board does not have', async () => {
    const world = await boardWithEveryRole();
    const vote = voting(world);
    const good = { laneIds: [world.laneIds.sales], votesPerPerson: 3, allowMultiple: false };
    const bad: [Record<string, unknown>, string][] = [
      [{ ...good, votesPerPerson: 0 }, 'INVALID_REQUEST'],
      [{ ...good, votesPerPerson: 21 }, 'INVALID_REQUEST'],
      [{ ...good, votesPerPerson: 2.5 }, 'INVALID_REQUEST'],
      [{ ...good, allowMultiple: 'yes' }, 'INVALID_REQUEST'],
      [{ ...good, laneIds: [] }, 'INVALID_REQUEST'],
      [{ ...good, laneIds: ['laneNotOnBoard'] }, 'UNKNOWN_LANE'],
      [{ ...good, laneIds: ['not an id'] }, 'UNKNOWN_LANE'],
    ];
    for (const [body, code] of bad) {
      expect(codeOf(await vote.open('owner', body)), JSON.stringify(body)).toEqual({ status: 400, code });
    }
    expect(await sessionVoteAs(world, 'owner')).toBeUndefined();
    expect((await vote.open('owner', good)).status).toBe(201);
  });

  it("keeps each person's votes from everyone else, in every document, until the reveal", async () => {
    const world = await boardWithEveryRole();
    const vote = voting(world);
    const [price, wait] = await addCards(world, 'shared', ['Price unclear', 'Long wait']);
    await vote.open('facilitator', { laneIds: null, votesPerPerson: 3, allowMultiple: true });
    const before = await documentStates(world, 'salesParticipant');

    expect((await vote.set('facilitator', price!, 2)).body.cards).toEqual({ [price!]: 2 });
    expect((await vote.set('supportGuest', wait!, 1)).body.cards).toEqual({ [wait!]: 1 });
    expect((await vote.set('salesParticipant', wait!, 1)).body.cards).toEqual({ [wait!]: 1 });

    // Over HTTP each reads their own alone.
    expect((await vote.mine('salesParticipant')).body.cards).toEqual({ [wait!]: 1 });
    expect((await vote.mine('facilitator')).body.cards).toEqual({ [price!]: 2 });
    expect(codeOf(await vote.mine('watcher'))).toEqual({ status: 403, code: 'ROLE_NOT_ALLOWED' });
    expect(codeOf(await vote.mine('viewer'))).toEqual({ status: 403, code: 'ROLE_NOT_ALLOWED' });

    // No document a participant opens changed at all: the votes are in none of them.
    const after = await documentStates(world, 'salesParticipant');
    for (const [name, doc] of before) {
      expect(Y.encodeStateVector(after.get(name)!), name).toEqual(Y.encodeStateVector(doc));
      expect(JSON.stringify(after.get(name)!.toJSON()), name).not.toMatch(/"revealed":\{/);
    }
    const session = after.get(sessionDocName(world.boardId))!;
    expect(readVote(readSessionValue(session, 'vote'))?.revealed).toBeNull();
    expect(JSON.stringify(session.toJSON())).not.toContain(price!);
    expect(JSON.stringify(session.toJSON())).not.toContain(wait!);

    const revealed = (await vote.reveal('facilitator')).body.vote.revealed;
    expect(revealed).toEqual({
      counts: { [price!]: 2, [wait!]: 2 },
      voters: 3,
      ranking: [price!, wait!].sort().map((cardId) => ({ cardId, laneId: world.laneIds.shared, votes: 2 })),
    });
    // Everyone, watchers too, reads the tally from the session doc.
    expect(readVote(await sessionVoteAs(world, 'watcher'))?.revealed).toEqual(revealed);
  });

  it('holds each person to the votes per person, one per card unless allowed, and the lanes chosen', async () => {
    const world = await boardWithEveryRole();
    const vote = voting(world);
    const [a, b, c] = await addCards(world, 'sales', ['A', 'B', 'C']);
    const [elsewhere] = await addCards(world, 'support', ['Out of scope']);
    await vote.open('owner', {
      laneIds: [world.laneIds.sales, world.laneIds.shared],
      votesPerPerson: 2,
      allowMultiple: false,
    });

    expect(codeOf(await vote.set('salesParticipant', a!, 2))).toEqual({
      status: 409,
      code: 'ONE_VOTE_PER_CARD',
    });
    expect((await vote.set('salesParticipant', a!, 1)).status).toBe(200);
    expect((await vote.set('salesParticipant', b!, 1)).status).toBe(200);
    const over = await vote.set('salesParticipant', c!, 1);
    expect(codeOf(over)).toEqual({ status: 409, code: 'NO_VOTES_LEFT' });
    expect(over.body.limit).toBe(2);
    expect(codeOf(await vote.set('supportParticipant', elsewhere!, 1))).toEqual({
      status: 404,
      code: 'CARD_NOT_IN_VOTE',
    });
    expect(codeOf(await vote.set('supportParticipant', 'cardNotOnBoard', 1))).toEqual({
      status: 404,
      code: 'CARD_NOT_IN_VOTE',
    });
    for (const count of [-1, 1.5, 'one', 21]) {
      expect(codeOf(await vote.set('supportParticipant', a!, count)), String(count)).toEqual({
        status: 400,
        code: 'INVALID_REQUEST',
      });
    }
    for (const person of ['watcher', 'viewer'] as const) {
      expect(codeOf(await vote.set(person, a!, 1)), person).toEqual({
        status: 403,
        code: 'ROLE_NOT_ALLOWED',
      });
    }
    // Withdrawing frees a vote for another card.
    expect((await vote.set('salesParticipant', a!, 0)).body.cards).toEqual({ [b!]: 1 });
    expect((await vote.set('salesParticipant', c!, 1)).body.cards).toEqual({ [b!]: 1, [c!]: 1 });
    expect((await vote.mine('salesParticipant')).body.cards).toEqual({ [b!]: 1, [c!]: 1 });

    await vote.reveal('owner');
    expect(codeOf(await vote.set('supportGuest', a!, 1))).toEqual({ status: 409, code: 'VOTE_NOT_OPEN' });
  });

  it('holds a card named after a property every object has to the votes per person', async () => {
    const world = await boardWithEveryRole();
    const vote = voting(world);
    const [a, b] = await addCards(world, 'sales', ['A', 'B']);
    // A raw client may give its card any id: here names every object inherits.
    const client = connectClient(world.server);
    const provider = await client.open(laneDocName(world.boardId, world.laneIds.sales));
    const named = ['toString', 'constructor', 'valueOf'];
    for (const cardId of named) {
      const id = addCard(provider.document, {
        stageId: world.stageId,
        text: cardId,
        author: authorOf(world, world.server.owner),
      });
      const cards = provider.document.getMap<Y.Map<unknown>>('cards');
      provider.document.transact(() => {
        const fields = cards.get(id)!.toJSON();
        cards.delete(id);
        cards.set(cardId, new Y.Map(Object.entries(fields)));
      });
    }
    await waitForSaved(provider);
    client.destroy();
    await vote.open('owner', { laneIds: null, votesPerPerson: 2, allowMultiple: false });

    expect((await vote.set('salesParticipant', a!, 1)).status).toBe(200);
    expect((await vote.set('salesParticipant', b!, 1)).status).toBe(200);
    for (const cardId of named) {
      expect(codeOf(await vote.set('salesParticipant', cardId, 1)), cardId).toEqual({
        status: 409,
        code: 'NO_VOTES_LEFT',
      });
      expect(codeOf(await vote.set('supportParticipant', cardId, 2)), cardId).toEqual({
        status: 409,
        code: 'ONE_VOTE_PER_CARD',
      });
    }
    expect((await vote.set('supportParticipant', 'toString', 1)).body.cards).toEqual({ toString: 1 });
    expect(codeOf(await vote.set('supportParticipant', 'constructor', 1))).toEqual({
      status: 200,
      code: undefined,
    });
    expect(codeOf(await vote.set('supportParticipant', 'valueOf', 1))).toEqual({
      status: 409,
      code: 'NO_VOTES_LEFT',
    });
    const revealed = (await vote.reveal('owner')).body.vote.revealed!;
    expect(revealed.counts).toEqual({ [a!]: 1, [b!]: 1, toString: 1, constructor: 1 });
  });

  it('looks for a voted card only where its record says and in the lanes loaded, never loading every lane', async () => {
    const world = await boardWithEveryRole();
    const vote = voting(world);
    const [a] = await addCards(world, 'support', ['A']);
    await vote.open('owner', { laneIds: null, votesPerPerson: 3, allowMultiple: false });
    const laneDocs = new Set(
      Object.values(world.laneIds).map((laneId) => laneDocName(world.boardId, laneId)),
    );
    const from = world.server.logs.length;

    for (const cardId of ['cardNotOnBoard', 'anotherUnknown']) {
      expect(codeOf(await vote.set('salesParticipant', cardId, 1)), cardId).toEqual({
        status: 404,
        code: 'CARD_NOT_IN_VOTE',
      });
    }
    expect((await vote.set('salesParticipant', a!, 1)).body.cards).toEqual({ [a!]: 1 });
    await vote.close('owner');
    // Every line logged before "vote closed" was logged while the votes above were placed.
    await waitUntil(
      () => world.server.logs.slice(from).some((line) => line.msg === 'vote closed'),
      'the server logs the close',
    );
    const lines = world.server.logs.slice(from);
    const closed = lines.findIndex((line) => line.msg === 'vote closed');
    const lanesLoaded = lines
      .slice(0, closed)
      .filter((line) => line.msg === 'document loaded' && laneDocs.has(String(line.documentName)))
      .map((line) => line.documentName);
    // At most the card's own lane, named by its record.
    expect(lanesLoaded.filter((name) => name !== laneDocName(world.boardId, world.laneIds.support))).toEqual(
      [],
    );
  });

  it('counts at the reveal only the votes of people still on the board (guests by link included)', async () => {
    const world = await boardWithEveryRole();
    const vote = voting(world);
    const [a, b] = await addCards(world, 'shared', ['A', 'B']);
    await vote.open('owner', { laneIds: null, votesPerPerson: 2, allowMultiple: false });
    for (const person of ['salesParticipant', 'supportParticipant', 'supportGuest'] as const) {
      expect((await vote.set(person, a!, 1)).status, person).toBe(200);
    }
    expect((await vote.set('salesParticipant', b!, 1)).status).toBe(200);
    const removed = await callApi(
      world.server,
      world.people.owner,
      'DELETE',
      `/api/boards/${world.boardId}/members/${world.people.salesParticipant.userId}`,
    );
    expect(removed.status).toBe(200);

    const revealed = (await vote.reveal('owner')).body.vote.revealed!;
    expect(revealed.counts).toEqual({ [a!]: 2 });
    expect(revealed.voters).toBe(2);
  });

  it('never lets votes sent at once pass the votes per person', async () => {
    const world = await boardWithEveryRole();
    const vote = voting(world);
    const cards = await addCards(
      world,
      'shared',
      Array.from({ length: 10 }, (_, i) => `Card ${i}`),
    );
    await vote.open('owner', { laneIds: null, votesPerPerson: 3, allowMultiple: true });
    const answers = await Promise.all([
      ...cards.map((cardId) => vote.set('salesParticipant', cardId, 1)),
      vote.set('salesParticipant', cards[0]!, 3),
      vote.set('salesParticipant', cards[1]!, 2),
    ]);
    const accepted = answers.filter((answer) => answer.status === 200).map((answer) => answer.body.cards);
    const refused = answers.filter((answer) => answer.status !== 200);
    expect(refused.map((answer) => codeOf(answer).code)).toEqual(refused.map(() => 'NO_VOTES_LEFT'));
    const total = (cards: Record<string, number>) => Object.values(cards).reduce((sum, n) => sum + n, 0);
    // Judged one after the other: no answer ever held more than 3, and every vote landed until 3.
    for (const cards of accepted) expect(total(cards)).toBeLessThanOrEqual(3);
    const mine = (await vote.mine('salesParticipant')).body.cards;
    expect(total(mine)).toBe(3);
    expect(accepted).toContainEqual(mine);
  });

  it('counts every vote at the reveal, on the cards as they are, and deletes them at the close', async () => {
    const world = await boardWithEveryRole();
    const vote = voting(world);
    const [x, y, z, gone] = await addCards(world, 'sales', ['X', 'Y', 'Z', 'Gone']);
    await vote.open('facilitator', {
      laneIds: [world.laneIds.sales],
      votesPerPerson: 5,
      allowMultiple: true,
    });
    const placed: [Person, string, number][] = [
      ['owner', x!, 3],
      ['owner', y!, 2],
      ['facilitator', y!, 4],
      ['salesLead', z!, 1],
      ['salesParticipant', x!, 1],
      ['salesParticipant', z!, 1],
      ['supportGuest', y!, 5],
    ];
    for (const [person, cardId, count] of placed) {
      expect((await vote.set(person, cardId, count)).status, person).toBe(200);
    }
    // A card voted on and removed before the reveal is left out of the tally.
    expect((await vote.set('salesLead', gone!, 1)).status).toBe(200);
    const remover = connectClient(world.server);
    const lane = await remover.open(laneDocName(world.boardId, world.laneIds.sales));
    removeCard(lane.document, gone!);
    await waitForSaved(lane);
    remover.destroy();
    const voteId = (await vote.mine('owner')).body.voteId;
    const revealed = await vote.reveal('facilitator');
    expect(revealed.body.vote.revealed).toEqual({
      counts: { [x!]: 4, [y!]: 11, [z!]: 2 },
      voters: 5,
      ranking: [
        { cardId: y!, laneId: world.laneIds.sales, votes: 11 },
        { cardId: x!, laneId: world.laneIds.sales, votes: 4 },
        { cardId: z!, laneId: world.laneIds.sales, votes: 2 },
      ],
    });
    await waitUntil(
      async () => readVote(await sessionVoteAs(world, 'supportParticipant'))?.status === 'revealed',
      'the participant reads the revealed vote',
    );

    const storedVotes = () =>
      queryStore(world.server.dataDir, (db) =>
        db.selectFrom('votes').select('card_id').where('board_id', '=', world.boardId).execute(),
      );
    expect(await storedVotes()).toHaveLength(placed.length + 1);
    await vote.close('owner');
    expect(await storedVotes()).toEqual([]);
    expect(codeOf(await vote.mine('owner'))).toEqual({ status: 404, code: 'NO_VOTE_OPEN' });
    // A new vote starts from nothing: the closed vote's votes are gone.
    await vote.open('owner', { laneIds: null, votesPerPerson: 5, allowMultiple: true });
    const fresh = await vote.mine('owner');
    expect(fresh.body.voteId).not.toBe(voteId);
    expect(fresh.body.cards).toEqual({});
    for (const person of VOTERS) expect((await vote.mine(person)).body.cards, person).toEqual({});

    // A board's deletion takes its votes with it.
    expect((await vote.set('owner', x!, 2)).status).toBe(200);
    expect(await storedVotes()).toHaveLength(1);
    expect(
      (await callApi(world.server, world.server.owner, 'DELETE', `/api/boards/${world.boardId}`)).status,
    ).toBe(200);
    expect(await storedVotes()).toEqual([]);
  });
});
