import {
  addPersona,
  pollResults,
  readPoll,
  readSessionValue,
  sessionDocName,
  type SessionPoll,
  structureDocName,
} from '@journeyboard/board-model';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { callApi } from './testing/api-client.ts';
import { boardWithEveryRole, SALES, SUPPORT, type Person } from './testing/board-with-every-role.ts';
import { connectClient, loggedUpdateCount, waitForSaved, waitUntil } from './testing/harness.ts';

// An emotion poll's answers are kept by the server; the session doc publishes their aggregates,
// live, or only at the reveal of a hidden poll. Only those who run the board open, reveal and close
// it; everyone but viewers answers, once each, and may change their answer.

describe('an emotion poll', () => {
  it('publishes the aggregates of the answers live, each person counted once with their latest answer', async () => {
    const { server, boardId, people, stageId } = await boardWithEveryRole();
    const board = `/api/boards/${boardId}/session/poll`;
    const watcher = await connectClient(server, people.watcher).open(sessionDocName(boardId));
    const seen = () => readPoll(readSessionValue(watcher.document, 'poll'));

    const opened = await callApi<{ poll: SessionPoll }>(server, people.facilitator, 'POST', board, {
      stageId,
      personaId: null,
      hidden: false,
    });
    expect(opened.status).toBe(201);
    expect(opened.body.poll).toMatchObject({ stageId, personaId: null, hidden: false, status: 'open' });
    expect(opened.body.poll.results).toMatchObject({ count: 0 });
    const pollId = opened.body.poll.id;

    const answers: [Person, number][] = [
      ['salesParticipant', -3],
      ['salesLead', -1],
      ['supportParticipant', 2],
      ['supportGuest', 3],
      ['facilitator', 0],
      ['salesParticipant', 1],
    ];
    for (const [person, score] of answers) {
      const answer = await callApi(server, people[person], 'PUT', `${board}/answer`, { score });
      expect(answer.status, person).toBe(200);
      expect(answer.body).toEqual({ pollId, score });
    }
    const expected = pollResults([
      { score: 1, departmentId: SALES },
      { score: -1, departmentId: SALES },
      { score: 2, departmentId: SUPPORT },
      { score: 3, departmentId: SUPPORT },
      { score: 0, departmentId: null },
    ]);
    expect(expected).toMatchObject({ count: 5, average: 1, min: -1, max: 3 });
    await waitUntil(
      () => JSON.stringify(seen()?.results) === JSON.stringify(expected),
      'the watcher sees the results of five answers',
    );
    expect(seen()?.results?.byDepartment).toEqual([
      { departmentId: SALES, count: 2, average: 0 },
      { departmentId: SUPPORT, count: 2, average: 2.5 },
      { departmentId: null, count: 1, average: 0 },
    ]);

    const own = await callApi(server, people.salesParticipant, 'GET', `${board}/answer`);
    expect(own.body).toEqual({ pollId, score: 1 });
    const none = await callApi(server, server.owner, 'GET', `${board}/answer`);
    expect(none.body).toEqual({ pollId, score: null });

    const revealed = await callApi<{ poll: SessionPoll }>(
      server,
      server.owner,
      'POST',
      `${board}/reveal`,
      {},
    );
    expect(revealed.body.poll).toMatchObject({ status: 'revealed', results: expected });
    const late = await callApi(server, people.salesLead, 'PUT', `${board}/answer`, { score: 3 });
    expect({ status: late.status, code: late.body.code }).toEqual({ status: 409, code: 'POLL_NOT_OPEN' });

    expect((await callApi(server, people.facilitator, 'POST', `${board}/close`, {})).status).toBe(200);
    await waitUntil(
      () => readSessionValue(watcher.document, 'poll') === undefined,
      'the watcher sees it closed',
    );
    const after = await callApi(server, people.salesParticipant, 'GET', `${board}/answer`);
    expect(after.body).toEqual({ pollId: null, score: null });
  });

  it('that is hidden shows no answer to anyone, in any document they can open, until the reveal', async () => {
    const world = await boardWithEveryRole();
    const { server, boardId, people, stageId, docNames } = world;
    const board = `/api/boards/${boardId}/session/poll`;
    const participant = connectClient(server, people.salesParticipant);
    const docs = await Promise.all(
      [...Object.values(docNames), sessionDocName(boardId)].map((name) => participant.open(name)),
    );
    const session = docs.at(-1)!.document;
    const seen = () => readPoll(readSessionValue(session, 'poll'));

    const opened = await callApi<{ poll: SessionPoll }>(server, people.facilitator, 'POST', board, {
      stageId,
      personaId: null,
      hidden: true,
    });
    expect(opened.body.poll).toMatchObject({ hidden: true, status: 'open', results: null });
    await waitUntil(() => seen()?.id === opened.body.poll.id, 'the participant sees the poll open');
    const statesBefore = docs.slice(0, -1).map((provider) => Y.encodeStateVector(provider.document));

    for (const [person, score] of [
      ['salesParticipant', 3],
      ['supportParticipant', -2],
      ['salesLead', 3],
    ] as const) {
      expect((await callApi(server, people[person], 'PUT', `${board}/answer`, { score })).status).toBe(200);
    }
    // Something the server writes after the answers: once the participant sees it, any write of
    // results the answers caused would have reached them too.
    await callApi(server, people.facilitator, 'POST', `/api/boards/${boardId}/session/timer`, {
      action: 'start',
      durationMs: 60_000,
    });
    await waitUntil(() => readSessionValue(session, 'timer') !== undefined, 'the participant sees the timer');
    expect(seen()).toMatchObject({ status: 'open', results: null });
    expect((readSessionValue(session, 'poll') as { results: unknown }).results).toBeNull();
    docs
      .slice(0, -1)
      .forEach((provider, index) =>
        expect(Y.encodeStateVector(provider.document), provider.configuration.name).toEqual(
          statesBefore[index],
        ),
      );
    // Each reads their own answer only; the facilitator reads none of anyone's.
    const theirs = await callApi(server, people.supportParticipant, 'GET', `${board}/answer`);
    expect(theirs.body).toMatchObject({ score: -2 });
    const facilitator = await callApi(server, people.facilitator, 'GET', `${board}/answer`);
    expect(facilitator.body).toMatchObject({ score: null });

    await callApi(server, people.facilitator, 'POST', `${board}/reveal`, {});
    await waitUntil(() => seen()?.status === 'revealed', 'the participant sees the reveal');
    expect(seen()?.results).toEqual(
      pollResults([
        { score: 3, departmentId: SALES },
        { score: -2, departmentId: SUPPORT },
        { score: 3, departmentId: SALES },
      ]),
    );
  });

  it('is opened, revealed and closed only by those who run the board, and answered by none who only read', async () => {
    const { server, boardId, people, stageId } = await boardWithEveryRole();
    const board = `/api/boards/${boardId}/session/poll`;
    const open = { stageId, personaId: null, hidden: false };
    const refusedToRun: Person[] = ['salesLead', 'salesParticipant', 'supportGuest', 'viewer', 'watcher'];
    const reader = await connectClient(server).open(sessionDocName(boardId));
    for (const person of refusedToRun) {
      const answer = await callApi(server, people[person], 'POST', board, open);
      expect({ status: answer.status, code: answer.body.code }, `${person} opens`).toEqual({
        status: 403,
        code: 'ROLE_NOT_ALLOWED',
      });
    }
    expect(readSessionValue(reader.document, 'poll')).toBeUndefined();
    expect((await callApi(server, people.facilitator, 'POST', board, open)).status).toBe(201);
    for (const person of refusedToRun) {
      for (const action of ['reveal', 'close']) {
        const answer = await callApi(server, people[person], 'POST', `${board}/${action}`, {});
        expect({ status: answer.status, code: answer.body.code }, `${person} ${action}`).toEqual({
          status: 403,
          code: 'ROLE_NOT_ALLOWED',
        });
      }
    }
    for (const person of ['viewer', 'watcher'] as const) {
      const answer = await callApi(server, people[person], 'PUT', `${board}/answer`, { score: 1 });
      expect({ status: answer.status, code: answer.body.code }, `${person} answers`).toEqual({
        status: 403,
        code: 'ROLE_NOT_ALLOWED',
      });
    }
    await waitUntil(() => readPoll(readSessionValue(reader.document, 'poll')) !== null, 'the poll is open');
    expect(readPoll(readSessionValue(reader.document, 'poll'))).toMatchObject({
      status: 'open',
      results: { count: 0 },
    });
  });

  it('says clearly what it refuses: an unknown stage or persona, a bad score, a second poll, nothing open', async () => {
    const { server, boardId, people, stageId } = await boardWithEveryRole();
    const board = `/api/boards/${boardId}/session/poll`;
    const refusal = async (as: Person, method: string, path: string, body: unknown) => {
      const answer = await callApi(server, people[as], method, path, body);
      return { status: answer.status, code: answer.body.code };
    };
    expect(await refusal('salesParticipant', 'PUT', `${board}/answer`, { score: 1 })).toEqual({
      status: 409,
      code: 'POLL_NOT_OPEN',
    });
    expect(await refusal('owner', 'POST', `${board}/reveal`, {})).toEqual({
      status: 409,
      code: 'POLL_NOT_OPEN',
    });
    expect(await refusal('owner', 'POST', `${board}/close`, {})).toEqual({
      status: 409,
      code: 'POLL_NOT_OPEN',
    });
    const unknownStage = { stageId: 'zzzzzzzzzzzzzzzz', personaId: null, hidden: false };
    expect(await refusal('owner', 'POST', board, unknownStage)).toEqual({
      status: 404,
      code: 'UNKNOWN_STAGE',
    });
    const unknownPersona = { stageId, personaId: 'zzzzzzzzzzzzzzzz', hidden: false };
    expect(await refusal('owner', 'POST', board, unknownPersona)).toEqual({
      status: 404,
      code: 'UNKNOWN_PERSONA',
    });
    expect(await refusal('owner', 'POST', board, { stageId, hidden: false })).toEqual({
      status: 400,
      code: 'INVALID_REQUEST',
    });

    // A persona of the board is taken.
    const structure = await connectClient(server).open(structureDocName(boardId));
    const personaId = addPersona(structure.document, { name: 'Minh, everyday user' });
    await waitForSaved(structure);
    const opened = await callApi<{ poll: SessionPoll }>(server, people.owner, 'POST', board, {
      stageId,
      personaId,
      hidden: false,
    });
    expect(opened.body.poll).toMatchObject({ personaId });
    expect(await refusal('owner', 'POST', board, { stageId, personaId: null, hidden: true })).toEqual({
      status: 409,
      code: 'POLL_ALREADY_OPEN',
    });
    for (const score of [4, -4, 0.5, '1', null]) {
      expect(await refusal('salesParticipant', 'PUT', `${board}/answer`, { score }), String(score)).toEqual({
        status: 400,
        code: 'INVALID_SCORE',
      });
    }
    expect(await refusal('salesParticipant', 'PUT', `${board}/answer`, {})).toEqual({
      status: 400,
      code: 'INVALID_REQUEST',
    });
  });

  it('counts at the reveal only the answers of people still on the board (guests by link included)', async () => {
    const { server, boardId, people, stageId } = await boardWithEveryRole();
    const board = `/api/boards/${boardId}/session/poll`;
    const opened = await callApi<{ poll: SessionPoll }>(server, people.owner, 'POST', board, {
      stageId,
      personaId: null,
      hidden: true,
    });
    expect(opened.status).toBe(201);
    for (const [person, score] of [
      ['salesParticipant', -3],
      ['supportParticipant', 1],
      ['supportGuest', 3],
    ] as const) {
      expect(
        (await callApi(server, people[person], 'PUT', `${board}/answer`, { score })).status,
        person,
      ).toBe(200);
    }
    const removed = await callApi(
      server,
      people.owner,
      'DELETE',
      `/api/boards/${boardId}/members/${people.salesParticipant.userId}`,
    );
    expect(removed.status).toBe(200);
    const revealed = await callApi<{ poll: SessionPoll }>(
      server,
      people.owner,
      'POST',
      `${board}/reveal`,
      {},
    );
    expect(revealed.body.poll.results).toMatchObject({ count: 2, average: 2, min: 1, max: 3 });
  });

  it("limits how often one reads one's answer, as the answers one sends", async () => {
    const { server, boardId, people } = await boardWithEveryRole();
    const path = `/api/boards/${boardId}/session/poll/answer`;
    const reads = await Promise.all(
      Array.from({ length: 31 }, () => callApi(server, people.salesParticipant, 'GET', path)),
    );
    const statuses = reads.map((answer) => answer.status);
    expect(statuses.filter((status) => status === 200)).toHaveLength(30);
    const refused = reads.find((answer) => answer.status === 429)!;
    expect(refused.body.code).toBe('TOO_MANY_ATTEMPTS');
    // Someone else reads on.
    expect((await callApi(server, people.supportParticipant, 'GET', path)).status).toBe(200);
  });

  it('writes a burst of answers into the session doc at most four times a second', async () => {
    const { server, boardId, people, stageId } = await boardWithEveryRole();
    const board = `/api/boards/${boardId}/session/poll`;
    const name = sessionDocName(boardId);
    const watcher = await connectClient(server, people.watcher).open(name);
    await callApi(server, people.facilitator, 'POST', board, { stageId, personaId: null, hidden: false });
    const before = await loggedUpdateCount(server.dataDir, name);
    const answering: Person[] = [
      'salesParticipant',
      'supportParticipant',
      'salesLead',
      'supportGuest',
      'owner',
    ];
    const startedAt = Date.now();
    // Five people change their minds through the scale, all at once: 35 answers.
    await Promise.all(
      answering.map(async (person, index) => {
        for (let step = 0; step < 7; step += 1) {
          const score = ((index + step) % 7) - 3;
          expect((await callApi(server, people[person], 'PUT', `${board}/answer`, { score })).status).toBe(
            200,
          );
        }
      }),
    );
    const finals = answering.map((_, index) => ({ score: ((index + 6) % 7) - 3, departmentId: null }));
    const expectedAverage = pollResults(finals).average;
    await waitUntil(() => {
      const results = readPoll(readSessionValue(watcher.document, 'poll'))?.results;
      return results?.count === 5 && results.average === expectedAverage;
    }, 'the last answers are published');
    const elapsed = Date.now() - startedAt;
    const writes = (await loggedUpdateCount(server.dataDir, name)) - before;
    expect(writes).toBeGreaterThan(0);
    expect(writes, `${writes} writes in ${elapsed} ms`).toBeLessThanOrEqual(Math.ceil(elapsed / 250) + 1);
  });
});
