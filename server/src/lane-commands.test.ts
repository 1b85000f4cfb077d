import { laneDocName, type BoardStructure } from '@journeyboard/board-model';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { callApi } from './testing/api-client.ts';
import {
  boardWithEveryRole,
  markerUpdate,
  SALES,
  SUPPORT,
  type BoardWithEveryRole,
  type Person,
} from './testing/board-with-every-role.ts';
import { connectClient, loadBoard } from './testing/harness.ts';
import { RawSyncSocket, updateFrame } from './testing/raw-sync-socket.ts';
import { storedState } from './testing/stored-rows.ts';

/** The board's structure as a fresh owner client loads it. */
async function structureOf(world: BoardWithEveryRole): Promise<BoardStructure> {
  const client = connectClient(world.server);
  const board = await loadBoard(client, world.boardId);
  client.destroy();
  return board;
}

function laneCommand(world: BoardWithEveryRole, person: Person) {
  const path = `/api/boards/${world.boardId}/lanes`;
  const as = world.people[person];
  return {
    add: (body: Record<string, unknown>) => callApi(world.server, as, 'POST', path, body),
    change: (laneId: string, body: Record<string, unknown>) =>
      callApi(world.server, as, 'PATCH', `${path}/${laneId}`, body),
    remove: (laneId: string) => callApi(world.server, as, 'DELETE', `${path}/${laneId}`),
    restore: (laneId: string) => callApi(world.server, as, 'POST', `${path}/${laneId}/restore`),
  };
}

describe('lane commands', () => {
  it("adds a lead's lane to the lead's own department, even when the request names another", async () => {
    const world = await boardWithEveryRole();
    const lead = laneCommand(world, 'salesLead');
    for (const department of [SUPPORT, 'shared', undefined]) {
      const added = await lead.add({ name: `Calls ${department}`, kind: 'actions', department });
      expect(added.status, String(department)).toBe(201);
      const lane = (await structureOf(world)).lanes.find((l) => l.id === added.body.laneId);
      expect(lane, String(department)).toMatchObject({ name: `Calls ${department}`, department: SALES });
    }
  });

  it('lets a lead rename, reorder and remove the lanes of their own department', async () => {
    const world = await boardWithEveryRole();
    const lead = laneCommand(world, 'salesLead');
    const { laneIds } = world;

    expect(await lead.change(laneIds.sales, { name: 'Sales calls' })).toMatchObject({ status: 200 });
    expect((await structureOf(world)).lanes.find((l) => l.id === laneIds.sales)?.name).toBe('Sales calls');

    expect(await lead.change(laneIds.sales, { index: 0 })).toMatchObject({ status: 200 });
    expect((await structureOf(world)).lanes[0]?.id).toBe(laneIds.sales);

    expect(await lead.remove(laneIds.sales)).toMatchObject({ status: 200, body: { removed: true } });
    expect((await structureOf(world)).lanes.map((l) => l.id)).not.toContain(laneIds.sales);
  });

  it('lets a lead bring back a lane they removed, as it was, with its cards, once', async () => {
    const world = await boardWithEveryRole();
    const lead = laneCommand(world, 'salesLead');
    const { laneIds, docNames, server } = world;
    const before = await structureOf(world);
    const cards = await storedState(server, docNames.salesLane);

    expect(await lead.remove(laneIds.sales)).toMatchObject({ status: 200 });
    // Those who do not manage lanes cannot bring it back.
    for (const person of ['salesParticipant', 'supportParticipant', 'viewer', 'supportGuest'] as const) {
      expect(await laneCommand(world, person).restore(laneIds.sales), person).toMatchObject({ status: 403 });
    }
    expect((await structureOf(world)).lanes.map((l) => l.id)).not.toContain(laneIds.sales);

    expect(await lead.restore(laneIds.sales)).toMatchObject({ status: 200, body: { laneId: laneIds.sales } });
    expect((await structureOf(world)).lanes).toEqual(before.lanes);
    expect(await storedState(server, docNames.salesLane)).toEqual(cards);
    expect(await lead.restore(laneIds.sales)).toMatchObject({
      status: 404,
      body: { code: 'LANE_NOT_RESTORABLE' },
    });
  });

  it('brings back only lanes removed through the server: not a lane on the board, nor a made-up id', async () => {
    const world = await boardWithEveryRole();
    const lead = laneCommand(world, 'salesLead');
    expect(await lead.restore(world.laneIds.sales)).toMatchObject({
      status: 404,
      body: { code: 'LANE_NOT_RESTORABLE' },
    });
    expect(await lead.restore('made-up-lane-id')).toMatchObject({
      status: 404,
      body: { code: 'LANE_NOT_RESTORABLE' },
    });
  });

  it("puts a lead's new lane at the position asked for, between two others", async () => {
    const world = await boardWithEveryRole();
    const before = (await structureOf(world)).lanes.map((lane) => lane.id);
    const added = await laneCommand(world, 'salesLead').add({
      name: 'Sales calls',
      kind: 'actions',
      index: 1,
    });
    expect(added.status).toBe(201);
    const { lanes } = await structureOf(world);
    expect(lanes.map((lane) => lane.id)).toEqual([before[0], added.body.laneId, ...before.slice(1)]);
    expect(lanes[1]).toMatchObject({ name: 'Sales calls', kind: 'actions', department: SALES });
  });

  it('refuses a lane added or moved to a position the board does not have with 400, saying which positions there are, and writes nothing', async () => {
    const world = await boardWithEveryRole();
    const lead = laneCommand(world, 'salesLead');
    const { server, docNames, laneIds } = world;
    const storedBefore = await storedState(server, docNames.structure);
    const count = (await structureOf(world)).lanes.length;

    // A new lane may go anywhere from the top (0) to after the last lane (count)…
    for (const index of [-1, 1.5, count + 1, 1000]) {
      const answer = await lead.add({ name: 'Sales calls', kind: 'actions', index });
      expect({ status: answer.status, body: answer.body }, String(index)).toEqual({
        status: 400,
        body: {
          error: `Position ${index} is out of range: use a whole number from 0 to ${count}`,
          code: 'INVALID_INDEX',
        },
      });
    }
    // …a lane moves to one of the places the lanes are at now.
    const moved = await lead.change(laneIds.sales, { index: count });
    expect({ status: moved.status, body: moved.body }).toEqual({
      status: 400,
      body: {
        error: `Position ${count} is out of range: use a whole number from 0 to ${count - 1}`,
        code: 'INVALID_INDEX',
      },
    });
    // A position that is not a number at all is refused as it is read.
    const text = await lead.add({ name: 'Sales calls', kind: 'actions', index: '1' });
    expect({ status: text.status, body: text.body }).toEqual({
      status: 400,
      body: { error: 'index must be a number', code: 'INVALID_REQUEST' },
    });

    expect(await storedState(server, docNames.structure)).toEqual(storedBefore);
  });

  it("refuses a lead who changes another department's lane or a shared lane with 403, and leaves the structure unchanged", async () => {
    const world = await boardWithEveryRole();
    const lead = laneCommand(world, 'salesLead');
    const { laneIds, docNames, server } = world;
    const structureBefore = await structureOf(world);
    const storedBefore = await storedState(server, docNames.structure);

    const refusals = {
      [laneIds.support]: {
        error:
          'This lane belongs to another department: a lead changes the lanes of their own department only',
        code: 'LANE_OF_OTHER_DEPARTMENT',
      },
      [laneIds.shared]: {
        error: 'This lane is shared by every department: only the owner and facilitators change it',
        code: 'SHARED_LANE',
      },
    };
    for (const [laneId, body] of Object.entries(refusals)) {
      for (const answer of [
        await lead.change(laneId, { name: 'Taken over' }),
        await lead.change(laneId, { index: 0 }),
        await lead.change(laneId, { department: SALES }),
        await lead.remove(laneId),
      ]) {
        expect({ status: answer.status, body: answer.body }, laneId).toEqual({
          status: 403,
          body,
        });
      }
    }
    // Nor may a lead give their own lane away, or make it shared.
    for (const department of [SUPPORT, 'shared']) {
      expect(await lead.change(laneIds.sales, { department })).toEqual(
        expect.objectContaining({
          status: 403,
          body: {
            error: 'Only facilitators move a lane to another department',
            code: 'LANE_MOVE_NOT_ALLOWED',
          },
        }),
      );
    }

    expect(await storedState(server, docNames.structure)).toEqual(storedBefore);
    expect(await structureOf(world)).toEqual(structureBefore);
  });

  it('refuses lane commands from participants, viewers, watchers and guests with 403, and changes nothing', async () => {
    const world = await boardWithEveryRole();
    const { laneIds, docNames, server } = world;
    const structureBefore = await structureOf(world);
    const storedBefore = await storedState(server, docNames.structure);

    const cannot = ['salesParticipant', 'supportParticipant', 'viewer', 'watcher', 'supportGuest'] as const;
    for (const person of cannot) {
      const command = laneCommand(world, person);
      const ownLane = person === 'salesParticipant' ? laneIds.sales : laneIds.support;
      const answers = {
        add: await command.add({ name: 'Mine', kind: 'notes', department: SALES }),
        addOwn: await command.add({ name: 'Mine', kind: 'notes' }),
        rename: await command.change(ownLane, { name: 'Renamed' }),
        reorder: await command.change(laneIds.shared, { index: 0 }),
        remove: await command.remove(ownLane),
      };
      for (const [what, answer] of Object.entries(answers)) {
        expect(answer.status, `${person} ${what}`).toBe(403);
        expect(answer.body.error, `${person} ${what}`).toMatch(
          /^Your role on this board \((participant|viewer)\) cannot do that$/,
        );
        expect(answer.body.code, `${person} ${what}`).toBe('ROLE_NOT_ALLOWED');
      }
    }

    expect(await storedState(server, docNames.structure)).toEqual(storedBefore);
    expect(await structureOf(world)).toEqual(structureBefore);
  });

  it("makes the lead's new lane writable by the lead and Sales participants, and read-only for Support", async () => {
    const world = await boardWithEveryRole();
    const { server, people, boardId } = world;
    const added = await laneCommand(world, 'salesLead').add({ name: 'Sales calls', kind: 'actions' });
    expect(added.status).toBe(201);
    const name = laneDocName(boardId, String(added.body.laneId));

    const expected = {
      salesLead: { scope: 'read-write', answer: { saved: true } },
      salesParticipant: { scope: 'read-write', answer: { saved: true } },
      supportParticipant: { scope: 'readonly', answer: { saved: false } },
      supportGuest: { scope: 'readonly', answer: { saved: false } },
      viewer: { scope: 'readonly', answer: { saved: false } },
    } as const;
    for (const [person, { scope, answer }] of Object.entries(expected)) {
      const raw = await RawSyncSocket.connect(server, people[person as Person]);
      expect(await raw.authenticate(name), person).toMatchObject({ type: 'authenticated', scope });
      const update = markerUpdate(
        world,
        'salesLane',
        new Y.Doc(),
        `${person} was here`,
        people[person as Person],
      );
      expect(await raw.write(name, updateFrame(name, update)), person).toEqual(answer);
    }
  });
});
