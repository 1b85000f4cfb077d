import {
  readSessionValue,
  readTimer,
  sessionDocName,
  sessionMap,
  TIMER_LIMITS,
  type SessionTimer,
} from '@journeyboard/board-model';
import { waitForRefusal } from '@journeyboard/testing';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { callApi } from './testing/api-client.ts';
import { boardWithEveryRole, type Person } from './testing/board-with-every-role.ts';
import { connectClient, makeDataDir, startServerProcess, waitUntil } from './testing/harness.ts';

// The session's timer is set by command, by those who run the board only, and written by the
// server into the session doc with an end time on the server's clock. No client writes that doc.

const MINUTE = 60_000;

describe('the server clock', () => {
  it('is read without signing in, and never cached', async () => {
    const server = await startServerProcess(await makeDataDir());
    const before = Date.now();
    const answer = await callApi<{ now: number }>(server, null, 'GET', '/api/time');
    expect(answer.status).toBe(200);
    expect(answer.headers.get('cache-control')).toBe('no-store');
    // Same machine, same clock: the server's now lies within the request.
    expect(answer.body.now).toBeGreaterThanOrEqual(before);
    expect(answer.body.now).toBeLessThanOrEqual(Date.now());
  });
});

describe('timer commands', () => {
  it('start, pause, resume, add a minute and stop, on the server clock, seen by everyone in the session doc', async () => {
    const { server, boardId, people } = await boardWithEveryRole();
    const path = `/api/boards/${boardId}/session/timer`;
    const watcher = await connectClient(server, people.watcher).open(sessionDocName(boardId));
    const seen = () => readTimer(readSessionValue(watcher.document, 'timer'));

    const before = Date.now();
    const started = await callApi<{ timer: SessionTimer }>(server, people.facilitator, 'POST', path, {
      action: 'start',
      durationMs: 5 * MINUTE,
    });
    expect(started.status).toBe(200);
    const timer = started.body.timer;
    expect(timer).toMatchObject({
      status: 'running',
      durationMs: 5 * MINUTE,
      startedBy: people.facilitator.userId,
    });
    if (timer.status !== 'running') throw new Error('not running');
    expect(timer.endsAt).toBeGreaterThanOrEqual(before + 5 * MINUTE);
    expect(timer.endsAt).toBeLessThanOrEqual(Date.now() + 5 * MINUTE);
    await waitUntil(() => seen()?.status === 'running', 'the watcher sees the timer run');
    expect(seen()).toEqual(timer);

    const paused = await callApi<{ timer: SessionTimer }>(server, server.owner, 'POST', path, {
      action: 'pause',
    });
    expect(paused.body.timer).toMatchObject({ status: 'paused' });
    const left = paused.body.timer.status === 'paused' ? paused.body.timer.remainingMs : -1;
    expect(left).toBeGreaterThan(4 * MINUTE);
    expect(left).toBeLessThanOrEqual(5 * MINUTE);
    await waitUntil(() => seen()?.status === 'paused', 'the watcher sees the pause');

    const added = await callApi<{ timer: SessionTimer }>(server, server.owner, 'POST', path, {
      action: 'add',
      ms: MINUTE,
    });
    expect(added.body.timer).toMatchObject({
      status: 'paused',
      remainingMs: left + MINUTE,
      durationMs: 6 * MINUTE,
    });

    const resumedAt = Date.now();
    const resumed = await callApi<{ timer: SessionTimer }>(server, people.facilitator, 'POST', path, {
      action: 'resume',
    });
    expect(resumed.body.timer.status).toBe('running');
    if (resumed.body.timer.status !== 'running') throw new Error('not running');
    expect(resumed.body.timer.endsAt).toBeGreaterThanOrEqual(resumedAt + left + MINUTE);
    expect(resumed.body.timer.endsAt).toBeLessThanOrEqual(Date.now() + left + MINUTE);

    const stopped = await callApi(server, people.facilitator, 'POST', path, { action: 'stop' });
    expect(stopped.body).toEqual({ timer: null });
    await waitUntil(
      () => readSessionValue(watcher.document, 'timer') === undefined,
      'the watcher sees it stop',
    );
  });

  it('say clearly why a command cannot be carried out, and change nothing', async () => {
    const { server, boardId } = await boardWithEveryRole();
    const path = `/api/boards/${boardId}/session/timer`;
    const send = (body: unknown) => callApi(server, server.owner, 'POST', path, body);
    const refusal = async (body: unknown) => {
      const answer = await send(body);
      return { status: answer.status, code: answer.body.code };
    };
    expect(await refusal({ action: 'pause' })).toEqual({ status: 409, code: 'TIMER_NOT_RUNNING' });
    expect(await refusal({ action: 'resume' })).toEqual({ status: 409, code: 'TIMER_NOT_PAUSED' });
    expect(await refusal({ action: 'add', ms: MINUTE })).toEqual({ status: 409, code: 'TIMER_NOT_SET' });
    expect(await refusal({ action: 'stop' })).toEqual({ status: 409, code: 'TIMER_NOT_SET' });
    for (const durationMs of [0, 9_999, TIMER_LIMITS.maxMs + 1, 'five']) {
      const expected = typeof durationMs === 'string' ? 'INVALID_REQUEST' : 'TIMER_DURATION_INVALID';
      expect(await refusal({ action: 'start', durationMs }), String(durationMs)).toEqual({
        status: 400,
        code: expected,
      });
    }
    expect(await refusal({ action: 'rewind' })).toEqual({ status: 400, code: 'INVALID_REQUEST' });
    expect((await send({ action: 'start', durationMs: TIMER_LIMITS.maxMs })).status).toBe(200);
    expect(await refusal({ action: 'add', ms: MINUTE })).toEqual({
      status: 400,
      code: 'TIMER_DURATION_INVALID',
    });
    expect(await refusal({ action: 'resume' })).toEqual({ status: 409, code: 'TIMER_NOT_PAUSED' });
    const reader = await connectClient(server).open(sessionDocName(boardId));
    expect(readTimer(readSessionValue(reader.document, 'timer'))).toMatchObject({
      durationMs: TIMER_LIMITS.maxMs,
    });
  });

  it('are limited to sixty a minute per board, so that nobody floods the session doc', async () => {
    const { server, boardId } = await boardWithEveryRole();
    const path = `/api/boards/${boardId}/session/timer`;
    const answers = await Promise.all(
      Array.from({ length: 60 }, () => callApi(server, server.owner, 'POST', path, { action: 'pause' })),
    );
    expect(new Set(answers.map((answer) => answer.status))).toEqual(new Set([409]));
    const over = await callApi(server, server.owner, 'POST', path, { action: 'start', durationMs: MINUTE });
    expect({ status: over.status, code: over.body.code }).toEqual({ status: 429, code: 'TOO_MANY_ATTEMPTS' });
    expect(Number(over.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('are refused to everyone who does not run the board, whatever they send', async () => {
    const { server, boardId, people } = await boardWithEveryRole();
    const path = `/api/boards/${boardId}/session/timer`;
    const refused: Person[] = ['salesLead', 'salesParticipant', 'supportGuest', 'viewer', 'watcher'];
    const commands = [
      { action: 'start', durationMs: MINUTE },
      { action: 'pause' },
      { action: 'resume' },
      { action: 'add', ms: MINUTE },
      { action: 'stop' },
    ];
    expect(
      (await callApi(server, server.owner, 'POST', path, { action: 'start', durationMs: 3 * MINUTE })).status,
    ).toBe(200);
    const reader = await connectClient(server).open(sessionDocName(boardId));
    const before = JSON.stringify(readSessionValue(reader.document, 'timer'));
    for (const person of refused) {
      for (const command of commands) {
        const answer = await callApi(server, people[person], 'POST', path, command);
        expect({ status: answer.status, code: answer.body.code }, `${person} ${command.action}`).toEqual({
          status: 403,
          code: 'ROLE_NOT_ALLOWED',
        });
      }
    }
    expect((await callApi(server, null, 'POST', path, { action: 'stop' })).status).toBe(401);
    expect(JSON.stringify(readSessionValue(reader.document, 'timer'))).toBe(before);
  });
});

describe('the session doc', () => {
  it('stores nothing a client writes to it, not even the owner’s or a facilitator’s', async () => {
    const { server, boardId, people } = await boardWithEveryRole();
    const name = sessionDocName(boardId);
    for (const person of ['owner', 'facilitator', 'salesParticipant'] as const) {
      const writer = await connectClient(server, people[person]).open(name);
      const refused = waitForRefusal(writer);
      sessionMap(writer.document).set('timer', {
        status: 'running',
        durationMs: MINUTE,
        endsAt: Date.now() + MINUTE,
        startedBy: people[person].userId,
      });
      await refused;
    }
    // A fresh reader, and the server's own command, see no forged timer.
    const reader = await connectClient(server).open(name);
    expect(readSessionValue(reader.document, 'timer')).toBeUndefined();
    const pause = await callApi(server, server.owner, 'POST', `/api/boards/${boardId}/session/timer`, {
      action: 'pause',
    });
    expect(pause.body.code).toBe('TIMER_NOT_RUNNING');
    expect(Y.encodeStateAsUpdate(reader.document).byteLength).toBeLessThan(10);
  });
});
