import { readPresence, type PresenceRecord } from '@journeyboard/board-model';
import { describe, expect, it } from 'vitest';
import { boardWithEveryRole } from './testing/board-with-every-role.ts';
import { connectClient, waitUntil } from './testing/harness.ts';
import { awarenessFrame, RawSyncSocket } from './testing/raw-sync-socket.ts';

// What the live workshop puts in presence (cursors, the view, presenting, bring everyone,
// reaction bursts) is sent by pages, so a raw client can send anything there: the server relays
// only what the connection's role may say, under the connection's own name.

describe('workshop presence is stamped by the server', () => {
  it('relays a participant’s forged presenter, gather and name without them, and a watcher’s burst not at all', async () => {
    const world = await boardWithEveryRole();
    const { people, docNames } = world;
    const observer = await connectClient(world.server, people.owner).open(docNames.structure);
    observer.awareness!.setLocalState({});
    const relayed = (clientId: number): PresenceRecord | null =>
      readPresence(observer.awareness!.getStates().get(clientId));

    const forged = {
      user: {
        userId: people.owner.userId,
        name: 'Olivia Owner',
        role: 'owner',
        guest: false,
        watcher: false,
      },
      name: 'Olivia Owner',
      cursor: { x: 120, y: 340 },
      viewport: { x: 600, y: 400, zoom: 1.25 },
      presenting: true,
      gather: 5,
      burst: { emoji: '🎉', n: 3 },
    };

    // A participant says it is the owner, presenting and gathering everyone.
    const participant = await RawSyncSocket.connect(world.server, people.supportParticipant);
    expect(await participant.authenticate(docNames.structure)).toMatchObject({ type: 'authenticated' });
    participant.send(awarenessFrame(docNames.structure, [{ clientId: 610_001, clock: 1, state: forged }]));

    // A facilitator sends the same: theirs to say, relayed as sent (under their own name).
    const facilitator = await RawSyncSocket.connect(world.server, people.facilitator);
    expect(await facilitator.authenticate(docNames.structure)).toMatchObject({ type: 'authenticated' });
    facilitator.send(awarenessFrame(docNames.structure, [{ clientId: 610_002, clock: 1, state: forged }]));

    // A watcher sends a burst, which watchers never send.
    const watcher = await RawSyncSocket.connect(world.server, people.watcher);
    expect(await watcher.authenticate(docNames.structure)).toMatchObject({ type: 'authenticated' });
    watcher.send(awarenessFrame(docNames.structure, [{ clientId: 610_003, clock: 1, state: forged }]));

    await waitUntil(
      () => [610_001, 610_002, 610_003].every((id) => relayed(id) !== null),
      'all three are relayed',
    );

    const fromParticipant = relayed(610_001)!;
    expect(fromParticipant.user).toMatchObject({
      userId: people.supportParticipant.userId,
      name: world.displayNames.get(people.supportParticipant.userId!),
      role: 'participant',
      watcher: false,
    });
    expect(fromParticipant.user.name).not.toBe('Olivia Owner');
    expect(fromParticipant.presenting).toBe(false);
    expect(fromParticipant.gather).toBe(0);
    // What a participant may say comes through.
    expect(fromParticipant.cursor).toEqual({ x: 120, y: 340 });
    expect(fromParticipant.viewport).toEqual({ x: 600, y: 400, zoom: 1.25 });
    expect(fromParticipant.burst).toEqual({ emoji: '🎉', n: 3 });

    const fromFacilitator = relayed(610_002)!;
    expect(fromFacilitator.user).toMatchObject({
      userId: people.facilitator.userId,
      name: world.displayNames.get(people.facilitator.userId!),
      role: 'facilitator',
    });
    expect(fromFacilitator.presenting).toBe(true);
    expect(fromFacilitator.gather).toBe(5);

    const fromWatcher = relayed(610_003)!;
    expect(fromWatcher.user).toMatchObject({ userId: null, name: '', watcher: true });
    expect(fromWatcher.burst).toBeNull();
    expect(fromWatcher.presenting).toBe(false);
    expect(fromWatcher.gather).toBe(0);
    // As it went over the wire, not only as the page's reader sees it.
    const rawWatcherState = observer.awareness!.getStates().get(610_003) as Record<string, unknown>;
    expect(rawWatcherState.burst).toBeNull();
    expect(rawWatcherState.presenting).toBe(false);
    const rawParticipantState = observer.awareness!.getStates().get(610_001) as Record<string, unknown>;
    expect(rawParticipantState.presenting).toBe(false);
    expect(rawParticipantState.gather).toBe(0);
    expect(rawParticipantState.name).toBeUndefined();
  });
});
