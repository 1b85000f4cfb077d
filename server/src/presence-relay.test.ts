import { Document } from '@hocuspocus/server';
import { laneDocName, readPresence, structureDocName, talkDocName } from '@journeyboard/board-model';
import { describe, expect, it } from 'vitest';
import { PRESENCE_RELAY_WINDOW_MS, PresenceRelayExtension } from './sync/presence-relay-extension.ts';
import { boardWithEveryRole } from './testing/board-with-every-role.ts';
import { connectClient, waitUntil } from './testing/harness.ts';
import { awarenessFrame, RawSyncSocket } from './testing/raw-sync-socket.ts';

// Presence (cursors, viewports) is relayed in windows: a crowd moving its pointers costs every
// person one message a window, not one per move of each of them.

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('presence is relayed in windows', () => {
  it('gathers the broadcasts of documents that carry presence, and no other', async () => {
    const extension = new PresenceRelayExtension();
    const opened = async (name: string) => {
      const document = new Document(name);
      await extension.afterLoadDocument({ documentName: name, document } as Parameters<
        PresenceRelayExtension['afterLoadDocument']
      >[0]);
      return document;
    };
    expect((await opened(structureDocName('boardAbc123'))).flushDelay).toBe(PRESENCE_RELAY_WINDOW_MS);
    // Card edits and comments go out at once, as before (Hocuspocus's default: this turn's changes).
    expect((await opened(laneDocName('boardAbc123', 'laneAbc123'))).flushDelay).toBe(0);
    expect((await opened(talkDocName('boardAbc123'))).flushDelay).toBe(0);
  });

  it("sends a mover's rapid cursor changes to the others in a few messages, ending with its latest state", async () => {
    const world = await boardWithEveryRole();
    const { people, docNames } = world;
    const observer = await connectClient(world.server, people.watcher).open(docNames.structure);
    const mover = await RawSyncSocket.connect(world.server, people.supportGuest);
    expect(await mover.authenticate(docNames.structure)).toMatchObject({ type: 'authenticated' });
    const MOVER = 777_777;
    // Every awareness message the observer takes in that holds the mover's state.
    const received: number[] = [];
    observer.awareness!.on('update', ({ added, updated }: { added: number[]; updated: number[] }) => {
      if ([...added, ...updated].includes(MOVER)) {
        const cursor = readPresence(observer.awareness!.getStates().get(MOVER))?.cursor;
        if (cursor) received.push(cursor.x);
      }
    });

    // Twenty positions 5 ms apart: about 100 ms of movement, a few windows of 40 ms.
    const MOVES = 20;
    const started = performance.now();
    for (let i = 1; i <= MOVES; i++) {
      mover.send(
        awarenessFrame(docNames.structure, [
          { clientId: MOVER, clock: i, state: { cursor: { x: i, y: 0 } } },
        ]),
      );
      await pause(5);
    }
    const sendingMs = performance.now() - started;
    await waitUntil(() => received.at(-1) === MOVES, 'the last position arrives');
    // Relayed one by one, each move would be a message of its own. In windows, each message holds
    // what changed since the last: the positions seen only grow, and there are at most as many
    // messages as windows fit in the time the moves took (however slowly this machine sent them).
    expect(received.length).toBeLessThanOrEqual(Math.floor(sendingMs / PRESENCE_RELAY_WINDOW_MS) + 2);
    expect(received.length).toBeLessThan(MOVES);
    expect(received).toEqual([...received].sort((a, b) => a - b));
    expect(readPresence(observer.awareness!.getStates().get(MOVER))?.user).toMatchObject({
      userId: people.supportGuest.userId,
      guest: true,
    });
  });
});
