import { Agent, request } from 'node:http';
import { setLaneDepartment } from '@journeyboard/board-model';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { callApi } from './testing/api-client.ts';
import {
  boardWithEveryRole,
  markersIn,
  markerUpdate,
  SALES,
  SUPPORT,
  type BoardDocument,
  type BoardWithEveryRole,
} from './testing/board-with-every-role.ts';
import {
  connectClient,
  startServerProcess,
  waitForSaved,
  waitUntil,
  type Identity,
  type ServerProcess,
} from './testing/harness.ts';
import { RawSyncSocket, updateFrame, type ServerMessage } from './testing/raw-sync-socket.ts';
import { holdWriteLock, storedState } from './testing/stored-rows.ts';

/** A document the tests here write: a lane (a new card) or the talk doc (a new comment). */
type Written = Exclude<BoardDocument, 'structure'>;

/** A raw socket as `as` with `documents` open, and a way to write to them on that same socket. */
async function openAs(world: BoardWithEveryRole, as: Identity, documents: BoardDocument[]) {
  const raw = await RawSyncSocket.connect(world.server, as);
  for (const document of documents) {
    expect(await raw.authenticate(world.docNames[document])).toMatchObject({ type: 'authenticated' });
  }
  let written = 0;
  return {
    raw,
    /** Writes to `document` on this same socket; the answer, and whether the stored rows changed. */
    async write(document: Written) {
      const name = world.docNames[document];
      const before = await storedState(world.server, name);
      const answer = await raw.write(
        name,
        updateFrame(name, markerUpdate(world, document, new Y.Doc(), `write ${++written}`, as)),
      );
      const stored = JSON.stringify(await storedState(world.server, name)) !== JSON.stringify(before);
      return { ...answer, stored };
    },
  };
}

const closeOf = (documentName: string) => (m: ServerMessage) =>
  m.type === 'close' && m.documentName === documentName;

/**
 * Resolves once the server has decided access again on open connections to this world's board (it
 * logs it). The server is shared by the tests of this file: another board's pass must not count.
 */
function accessDecidedAgain(world: BoardWithEveryRole) {
  const count = () =>
    world.server.logs.filter(
      (l) => l.msg === 'access changed on open connections' && l.boardId === world.boardId,
    ).length;
  const before = count();
  return () => waitUntil(() => count() > before, 'the server decided access again', 5_000);
}

/** A JSON request over one kept-alive HTTP connection, so that it reaches the server at once. */
function requestOver(agent: Agent, server: ServerProcess, method: string, path: string, body?: unknown) {
  return new Promise<number>((resolve, reject) => {
    const text = body === undefined ? '' : JSON.stringify(body);
    const headers = {
      cookie: server.owner.cookie,
      'content-type': 'application/json',
      'content-length': String(Buffer.byteLength(text)),
    };
    const req = request(`${server.url}${path}`, { agent, method, headers }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(text);
  });
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('access changes on open connections', () => {
  it('makes a participant changed to viewer read-only on the same open connection, and promoting them back lets them write', async () => {
    const world = await boardWithEveryRole();
    const { server, people, boardId } = world;
    const participant = await openAs(world, people.supportParticipant, ['supportLane', 'sharedLane', 'talk']);
    expect(await participant.write('supportLane')).toEqual({ saved: true, stored: true });

    const member = `/api/boards/${boardId}/members/${people.supportParticipant.userId}`;
    expect((await callApi(server, server.owner, 'PATCH', member, { role: 'viewer' })).status).toBe(200);
    for (const document of ['supportLane', 'sharedLane', 'talk'] as const) {
      expect(await participant.write(document), document).toEqual({ saved: false, stored: false });
    }

    const back = { role: 'participant', departmentId: SUPPORT };
    expect((await callApi(server, server.owner, 'PATCH', member, back)).status).toBe(200);
    for (const document of ['supportLane', 'sharedLane', 'talk'] as const) {
      expect(await participant.write(document), document).toEqual({ saved: true, stored: true });
    }
    // Never closed, never authenticated again: the same connection all along.
    expect(
      participant.raw.messages.filter((m) => m.type === 'close' || m.type === 'authenticated'),
    ).toHaveLength(3);
    expect(participant.raw.isOpen).toBe(true);
  });

  it('moves a participant to another department: the old lane turns read-only and the new one writable', async () => {
    const world = await boardWithEveryRole();
    const { server, people, boardId } = world;
    const participant = await openAs(world, people.salesParticipant, ['salesLane', 'supportLane']);
    expect(await participant.write('supportLane')).toEqual({ saved: false, stored: false });
    const member = `/api/boards/${boardId}/members/${people.salesParticipant.userId}`;
    const moved = await callApi(server, server.owner, 'PATCH', member, {
      role: 'participant',
      departmentId: SUPPORT,
    });
    expect(moved.status).toBe(200);
    // The cards they write from now on are by someone of Support.
    world.departments.set(people.salesParticipant.userId!, SUPPORT);
    expect(await participant.write('salesLane')).toEqual({ saved: false, stored: false });
    expect(await participant.write('supportLane')).toEqual({ saved: true, stored: true });
  });

  it("closes a removed member's connections with the reason, and refuses them on the same socket", async () => {
    const world = await boardWithEveryRole();
    const { server, people, boardId, docNames } = world;
    const member = await openAs(world, people.salesParticipant, ['structure', 'salesLane', 'talk']);
    const removed = await callApi(
      server,
      server.owner,
      'DELETE',
      `/api/boards/${boardId}/members/${people.salesParticipant.userId}`,
    );
    expect(removed.status).toBe(200);
    for (const name of [docNames.structure, docNames.salesLane, docNames.talk]) {
      expect(await member.raw.nextMessage(closeOf(name), 3_000)).toEqual({
        documentName: name,
        type: 'close',
        reason: 'access-removed',
      });
      expect(await member.raw.authenticate(name)).toEqual({
        documentName: name,
        type: 'permissionDenied',
        reason: 'no-access',
      });
    }
  });

  it("closes a guest's connections within seconds with 'link-revoked'", async () => {
    const world = await boardWithEveryRole();
    const { server, people, boardId, docNames, links } = world;
    const guest = await openAs(world, people.supportGuest, ['structure', 'supportLane', 'talk']);
    const watcher = await openAs(world, people.watcher, ['structure', 'salesLane']);
    // Someone else on the board keeps their connections.
    const lead = await openAs(world, people.salesLead, ['structure', 'salesLane']);

    const started = Date.now();
    for (const link of [links.join, links.watch]) {
      expect(
        (await callApi(server, server.owner, 'DELETE', `/api/boards/${boardId}/links/${link.id}`)).status,
      ).toBe(200);
    }
    const closed = [
      ...[docNames.structure, docNames.supportLane, docNames.talk].map((name) =>
        guest.raw.nextMessage(closeOf(name), 3_000),
      ),
      ...[docNames.structure, docNames.salesLane].map((name) =>
        watcher.raw.nextMessage(closeOf(name), 3_000),
      ),
    ];
    for (const message of await Promise.all(closed)) {
      expect(message).toMatchObject({ type: 'close', reason: 'link-revoked' });
    }
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(await lead.write('salesLane')).toEqual({ saved: true, stored: true });
    expect(lead.raw.messages.some((m) => m.type === 'close')).toBe(false);
  });

  it('closes every connection to a deleted board, and opens none of its documents again', async () => {
    const world = await boardWithEveryRole();
    const { server, people, boardId, docNames } = world;
    const lead = await openAs(world, people.salesLead, ['structure', 'salesLane', 'talk']);
    const owner = await openAs(world, server.owner, ['structure', 'supportLane']);
    const deleted = await callApi(server, server.owner, 'DELETE', `/api/boards/${boardId}`);
    expect(deleted.status).toBe(200);
    const open = [
      [lead, [docNames.structure, docNames.salesLane, docNames.talk]],
      [owner, [docNames.structure, docNames.supportLane]],
    ] as const;
    for (const [person, names] of open) {
      for (const name of names) {
        expect(await person.raw.nextMessage(closeOf(name), 3_000)).toMatchObject({ type: 'close' });
        expect(await person.raw.authenticate(name)).toEqual({
          documentName: name,
          type: 'permissionDenied',
          reason: 'board-not-found',
        });
      }
    }
  });

  it('flips write access on open lane connections when the owner moves the lane to another department', async () => {
    const world = await boardWithEveryRole();
    const { server, people, laneIds, docNames } = world;
    const sales = await openAs(world, people.salesParticipant, ['salesLane']);
    const lead = await openAs(world, people.salesLead, ['salesLane']);
    const support = await openAs(world, people.supportParticipant, ['salesLane']);
    expect(await support.write('salesLane')).toEqual({ saved: false, stored: false });

    const structure = await connectClient(server).open(docNames.structure);
    const moveLane = async (department: string) => {
      const decided = accessDecidedAgain(world);
      setLaneDepartment(structure.document, laneIds.sales, department);
      await waitForSaved(structure);
      await decided();
    };

    await moveLane(SUPPORT);
    expect(await sales.write('salesLane')).toEqual({ saved: false, stored: false });
    expect(await lead.write('salesLane')).toEqual({ saved: false, stored: false });
    expect(await support.write('salesLane')).toEqual({ saved: true, stored: true });

    await moveLane('shared');
    for (const person of [sales, lead, support]) {
      expect(await person.write('salesLane')).toEqual({ saved: true, stored: true });
    }

    await moveLane(SALES);
    expect(await sales.write('salesLane')).toEqual({ saved: true, stored: true });
    expect(await support.write('salesLane')).toEqual({ saved: false, stored: false });
  });

  it('never refuses a write it has already stored, when the role changes while the write is being saved', async () => {
    const world = await boardWithEveryRole();
    const { server, people, boardId, docNames } = world;
    const observer = await connectClient(server).open(docNames.supportLane);
    const participant = await RawSyncSocket.connect(server, people.supportParticipant);
    await participant.authenticate(docNames.supportLane);
    const owner = await RawSyncSocket.connect(server);
    await owner.authenticate(docNames.talk);
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    expect(await requestOver(agent, server, 'GET', `/api/boards/${boardId}`)).toBe(200);

    // Stall the server inside a write, so that the participant's update and the role change
    // arrive together: the update is being saved when the participant becomes a viewer.
    const release = await holdWriteLock(server);
    owner.send(updateFrame(docNames.talk, markerUpdate(world, 'talk', new Y.Doc(), 'stalls the server')));
    await pause(100);
    const before = await storedState(server, docNames.supportLane);
    const racing = markerUpdate(
      world,
      'supportLane',
      new Y.Doc(),
      'written as the role changes',
      people.supportParticipant,
    );
    const answer = participant.write(docNames.supportLane, updateFrame(docNames.supportLane, racing));
    await pause(20);
    const member = `/api/boards/${boardId}/members/${people.supportParticipant.userId}`;
    const demoted = requestOver(agent, server, 'PATCH', member, { role: 'viewer' });
    await pause(100);
    await release();
    expect(await demoted).toBe(200);
    agent.destroy();

    const outcome = await answer;
    const stored = JSON.stringify(await storedState(server, docNames.supportLane)) !== JSON.stringify(before);
    if ('saved' in outcome) {
      // Handled after the change: refused, and so neither stored nor shown.
      expect({ outcome, stored }).toEqual({ outcome: { saved: false }, stored: false });
    } else {
      // Handled before: kept, stored and shown alike, and the client is told to open it again.
      expect({ outcome, stored }).toEqual({
        outcome: {
          closed: 'access-changed-while-saving',
        },
        stored: true,
      });
      await waitUntil(
        () => markersIn('supportLane', observer.document).includes('written as the role changes'),
        'the observer sees the kept write',
      );
    }
    const shown = markersIn('supportLane', observer.document);
    await server.stop('SIGTERM');
    const restarted = await startServerProcess(server.dataDir);
    const loaded = await connectClient(restarted).open(docNames.supportLane);
    expect(markersIn('supportLane', loaded.document)).toEqual(shown);
  });
});
