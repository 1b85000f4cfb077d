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

  it("refuses a lead who changes another department's lane or a shared lane with 403, and leaves the structure unchanged", async () => {
    const world = await boardWithEveryRole();
    const lead = laneCommand(world, 'salesLead');
    const { laneIds, docNames, server } = world;
    const structureBefore = await structureOf(world);
    const storedBefore = await storedState(server, docNames.structure);

    const refusals = {
      [laneIds.support]:
        'This lane belongs to another department: a lead changes the lanes of their own department only',
      [laneIds.shared]: 'This lane is shared by every department: only the owner and facilitators change it',
    };
    for (const [laneId, error] of Object.entries(refusals)) {
      for (const answer of [
        await lead.change(laneId, { name: 'Taken over' }),
        await lead.change(laneId, { index: 0 }),
        await lead.change(laneId, { department: SALES }),
        await lead.remove(laneId),
      ]) {
        expect({ status: answer.status, body: answer.body }, laneId).toEqual({
          status: 403,
          body: { error },
        });
      }
    }
    // Nor may a lead give their own lane away, or make it shared.
    for (const department of [SUPPORT, 'shared']) {
      expect(await lead.change(laneIds.sales, { department })).toEqual(
        expect.objectContaining({
          status: 403,
          body: { error: 'Only facilitators move a lane to another department' },
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
