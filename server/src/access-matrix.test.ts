import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  boardWithEveryRole,
  DOCUMENTS,
  markersIn,
  markerUpdate,
  PEOPLE,
  type BoardDocument,
  type Person,
} from './testing/board-with-every-role.ts';
import { connectClient, startServerProcess, waitForSaved, waitUntil } from './testing/harness.ts';
import { RawSyncSocket, syncStep2Frame, updateFrame } from './testing/raw-sync-socket.ts';
import { storedState } from './testing/stored-rows.ts';

// Who may write which document. Every cell is tried by a raw protocol client, both as a sync
// Update and as a SyncStep2, so that the server's decision is tested, not the provider's manners.
// prettier-ignore
const MAY_WRITE: Record<Person, Record<BoardDocument, 'writes' | 'refused'>> = {
  owner:              { structure: 'writes',  salesLane: 'writes',  supportLane: 'writes',  sharedLane: 'writes',  talk: 'writes'  },
  facilitator:        { structure: 'writes',  salesLane: 'writes',  supportLane: 'writes',  sharedLane: 'writes',  talk: 'writes'  },
  salesLead:          { structure: 'refused', salesLane: 'writes',  supportLane: 'refused', sharedLane: 'writes',  talk: 'writes'  },
  supportParticipant: { structure: 'refused', salesLane: 'refused', supportLane: 'writes',  sharedLane: 'writes',  talk: 'writes'  },
  salesParticipant:   { structure: 'refused', salesLane: 'writes',  supportLane: 'refused', sharedLane: 'writes',  talk: 'writes'  },
  viewer:             { structure: 'refused', salesLane: 'refused', supportLane: 'refused', sharedLane: 'refused', talk: 'refused' },
  watcher:            { structure: 'refused', salesLane: 'refused', supportLane: 'refused', sharedLane: 'refused', talk: 'refused' },
  supportGuest:       { structure: 'refused', salesLane: 'refused', supportLane: 'writes',  sharedLane: 'writes',  talk: 'writes'  },
};

const WHO: Record<Person, string> = {
  owner: 'the owner',
  facilitator: 'a facilitator',
  salesLead: 'the lead of Sales',
  supportParticipant: 'a participant of Support',
  salesParticipant: 'a participant of Sales',
  viewer: 'a viewer by membership',
  watcher: 'a watcher by watch link',
  supportGuest: 'a guest who joined Support by link',
};

const WHAT: Record<BoardDocument, string> = {
  structure: 'the structure doc',
  salesLane: 'a Sales lane',
  supportLane: 'a Support lane',
  sharedLane: 'a shared lane',
  talk: 'the talk doc',
};

const MESSAGES = { update: updateFrame, syncStep2: syncStep2Frame } as const;

function perDocument<T>(make: (document: BoardDocument) => T): Record<BoardDocument, T> {
  return Object.fromEntries(DOCUMENTS.map((d) => [d, make(d)])) as Record<BoardDocument, T>;
}

function list(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

function specification(person: Person): string {
  const writes = DOCUMENTS.filter((d) => MAY_WRITE[person][d] === 'writes').map((d) => WHAT[d]);
  const refused = DOCUMENTS.filter((d) => MAY_WRITE[person][d] === 'refused').map((d) => WHAT[d]);
  if (refused.length === 0) return `lets ${WHO[person]} write every document`;
  if (writes.length === 0) return `refuses every write of ${WHO[person]}, and stores and shows none`;
  return `lets ${WHO[person]} write ${list(writes)}; refuses its writes to ${list(refused)}, and stores and shows none`;
}

describe('who may write which document, tried by a raw protocol client', () => {
  for (const person of PEOPLE) {
    it(specification(person), async () => {
      const world = await boardWithEveryRole();
      const { server, docNames } = world;
      // The owner watches every document through the provider, as a page would.
      const observer = connectClient(server);
      const opened = await Promise.all(DOCUMENTS.map((d) => observer.open(docNames[d])));
      const watched = perDocument((d) => opened[DOCUMENTS.indexOf(d)]!.document);
      const initial = perDocument((d) => markersIn(d, watched[d]));

      const raw = await RawSyncSocket.connect(server, world.people[person]);
      const written = perDocument((): string[] => []);
      const refused = perDocument((): string[] => []);
      for (const document of DOCUMENTS) {
        const name = docNames[document];
        const expected = MAY_WRITE[person][document];
        expect(await raw.authenticate(name), `${person} opening ${document}`).toEqual({
          documentName: name,
          type: 'authenticated',
          scope: expected === 'writes' ? 'read-write' : 'readonly',
        });
        for (const [message, frameOf] of Object.entries(MESSAGES)) {
          const marker = `${person} ${message}`;
          const what = `${person} writing ${document} by ${message}`;
          const before = await storedState(server, name);
          const answer = await raw.write(
            name,
            frameOf(name, markerUpdate(world, document, watched[document], marker, world.people[person])),
          );
          const after = await storedState(server, name);
          if (expected === 'writes') {
            expect(answer, what).toEqual({ saved: true });
            expect(after, what).not.toEqual(before);
            await waitUntil(() => markersIn(document, watched[document]).includes(marker), `${what} is seen`);
            written[document].push(marker);
          } else {
            expect(answer, what).toEqual({ saved: false });
            expect(after, what).toEqual(before);
            refused[document].push(marker);
          }
        }
      }
      expect(raw.isOpen).toBe(true);

      // A write the owner makes now reaches the observer after anything broadcast before it; a
      // refused write would have been broadcast before its answer came back.
      const owner = connectClient(server);
      for (const document of DOCUMENTS) {
        const provider = await owner.open(docNames[document]);
        const barrier = `barrier after ${person}`;
        Y.applyUpdate(provider.document, markerUpdate(world, document, provider.document, barrier));
        await waitForSaved(provider);
        await waitUntil(
          () => markersIn(document, watched[document]).includes(barrier),
          `the observer sees the barrier on ${document}`,
        );
        written[document].push(barrier);
        expect(
          markersIn(document, watched[document]).filter((m) => refused[document].includes(m)),
          document,
        ).toEqual([]);
      }

      // After a restart, a fresh client loads from storage exactly what was allowed.
      await server.stop('SIGTERM');
      const restarted = await startServerProcess(server.dataDir);
      const fresh = connectClient(restarted);
      for (const document of DOCUMENTS) {
        const loaded = markersIn(document, (await fresh.open(docNames[document])).document);
        expect(loaded.filter((m) => !initial[document].includes(m)).sort(), document).toEqual(
          [...written[document]].sort(),
        );
      }
    });
  }
});
