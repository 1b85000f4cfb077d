/**
 * Hocuspocus answers "authenticated" before the document has loaded and the connection has joined
 * it. A sign-out or a removal in that moment must still close the connection once it is there.
 * PostgreSQL lets the test hold the load up for as long as it needs: a lock on the stored rows.
 */
import pg from 'pg';
import { describe, expect, it, onTestFinished } from 'vitest';
import { callApi } from './testing/api-client.ts';
import { boardWithEveryRole } from './testing/board-with-every-role.ts';
import { createBoard, makeDataDir, startServerProcess, type ServerProcess } from './testing/harness.ts';
import { RawSyncSocket, type ServerMessage } from './testing/raw-sync-socket.ts';
import { databaseUrlOf } from './testing/test-store.ts';

/** Holds every load of a stored document until the returned function is called. */
async function holdDocumentLoads(server: ServerProcess): Promise<() => Promise<void>> {
  const client = new pg.Client({ connectionString: databaseUrlOf(server.dataDir) });
  client.on('error', () => {});
  await client.connect();
  onTestFinished(() => client.end().catch(() => {}));
  await client.query('begin');
  await client.query('lock table doc_snapshots, doc_updates in access exclusive mode');
  return async () => {
    await client.query('commit');
  };
}

const closeOf = (name: string) => (m: ServerMessage) => m.type === 'close' && m.documentName === name;

describe('a change of access while a document is still loading', () => {
  it('closes a connection signed out everywhere between its authentication and its load', async () => {
    const server = await startServerProcess(await makeDataDir());
    const { id: boardId } = await createBoard(server);
    const signedIn = await callApi<{ user: { id: string } }>(server, null, 'POST', '/api/auth/signin', {
      email: 'owner@journeyboard.test',
      password: 'correct horse battery',
    });
    const otherDevice = { cookie: signedIn.cookie!, userId: signedIn.body.user.id };
    const socket = await RawSyncSocket.connect(server, otherDevice);
    const talk = `talk:${boardId}`;

    const release = await holdDocumentLoads(server);
    expect(await socket.authenticate(talk)).toMatchObject({ type: 'authenticated' });
    const everywhere = await callApi(server, server.owner, 'POST', '/api/auth/signout-everywhere', {});
    expect(everywhere.status).toBe(200);
    await release();

    expect(await socket.nextMessage(closeOf(talk), 5_000)).toEqual({
      documentName: talk,
      type: 'close',
      reason: 'signed-out',
    });
  });

  it("closes a removed member's connection that was loading as they were removed", async () => {
    const world = await boardWithEveryRole();
    const { server, people, boardId, docNames } = world;
    const member = await RawSyncSocket.connect(server, people.salesParticipant);
    // Someone staying on the board opens the same document meanwhile, and keeps it.
    const stays = await RawSyncSocket.connect(server, people.supportParticipant);

    const release = await holdDocumentLoads(server);
    expect(await member.authenticate(docNames.talk)).toMatchObject({ type: 'authenticated' });
    expect(await stays.authenticate(docNames.talk)).toMatchObject({ type: 'authenticated' });
    const removed = await callApi(
      server,
      server.owner,
      'DELETE',
      `/api/boards/${boardId}/members/${people.salesParticipant.userId}`,
    );
    expect(removed.status).toBe(200);
    await release();

    expect(await member.nextMessage(closeOf(docNames.talk), 5_000)).toEqual({
      documentName: docNames.talk,
      type: 'close',
      reason: 'access-removed',
    });
    // The pass that closed it decided the one who stays too, and kept them.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(stays.messages.some(closeOf(docNames.talk))).toBe(false);
  });
});
