import { sql } from 'kysely';
import { addCard, laneDocName, readCards } from '@journeyboard/board-model';
import { describe, expect, it } from 'vitest';
import {
  connectClient,
  ownerAuthor,
  createBoard,
  loadBoard,
  makeDataDir,
  startServerProcess,
  waitForSaved,
  waitUntil,
} from './testing/harness.ts';
import { queryStore, TEST_STORE } from './testing/test-store.ts';

const NOT_SAVED = 'not-saved';

/** Renames a table under the running server, through a second connection to its store. */
function renameTable(dataDir: string, from: string, to: string): Promise<void> {
  return queryStore(dataDir, async (db) => {
    await sql`alter table ${sql.table(from)} rename to ${sql.table(to)}`.execute(db);
  });
}

async function health(url: string): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${url}/healthz`);
  return { status: response.status, body: await response.json() };
}

describe('when storage fails', () => {
  it('never shows an edit as saved that could not be stored, and saves it once storage is back', async () => {
    const dataDir = await makeDataDir();
    const server = await startServerProcess(dataDir);
    const { id: boardId } = await createBoard(server);
    const board = await loadBoard(connectClient(server), boardId);
    const laneName = laneDocName(boardId, board.lanes[0]!.id);
    const client = connectClient(server);
    const lane = await client.open(laneName);
    const stageId = board.stages[0]!.id;
    addCard(lane.document, { stageId, text: 'Sees the ad on Zalo', author: ownerAuthor(server) });
    await waitForSaved(lane);
    expect(await health(server.url)).toEqual({ status: 200, body: { status: 'ok', storage: TEST_STORE } });
    const observerClient = connectClient(server);
    const observer = await observerClient.open(laneName);
    const observerCloses: string[] = [];
    observer.on('close', ({ event }: { event: { reason: string } }) => observerCloses.push(event.reason));

    // The update log becomes unreachable under the running server.
    await renameTable(dataDir, 'doc_updates', 'doc_updates_away');
    const closeReasons: string[] = [];
    lane.on('close', ({ event }: { event: { reason: string } }) => closeReasons.push(event.reason));
    let sawSaved = false;
    lane.on('unsyncedChanges', ({ number }: { number: number }) => (sawSaved ||= number === 0));

    addCard(lane.document, { stageId, text: 'Compares prices', author: ownerAuthor(server) });
    await waitUntil(() => closeReasons.includes(NOT_SAVED), 'the client was told the change was not saved');
    expect(lane.unsyncedChanges).toBeGreaterThan(0);
    expect(sawSaved).toBe(false);
    // The change was relayed while it was being stored; the live document that holds it, which the
    // log lacks, is discarded: everyone on it is told, and syncs again against what is stored.
    await waitUntil(() => observerCloses.includes(NOT_SAVED), 'the observer was told too');
    await waitUntil(
      () => server.logs.some((line) => line.msg === 'an update could not be saved; the client was told'),
      'the server logged the failure',
    );
    await waitUntil(
      () => server.logs.some((line) => String(line.msg).startsWith('discarded a live document')),
      'the server logged that it discarded the live document',
    );
    const unhealthy = await health(server.url);
    expect(unhealthy).toMatchObject({ status: 503, body: { status: 'unavailable', storage: TEST_STORE } });

    // Storage comes back. Someone opening the lane now gets what is stored: the live document
    // holding the unsaved change is gone.
    await renameTable(dataDir, 'doc_updates_away', 'doc_updates');
    expect((await health(server.url)).status).toBe(200);
    const newcomer = await connectClient(server).open(laneName);
    expect(readCards(newcomer.document).map((card) => card.text)).toEqual(['Sees the ad on Zalo']);

    // The author reconnects and its pending edit is saved; everyone sees it.
    await client.reconnect();
    await waitForSaved(lane);
    expect(sawSaved).toBe(true);
    await waitUntil(
      () => readCards(newcomer.document).some((card) => card.text === 'Compares prices'),
      'the newcomer sees the edit once it is stored',
    );
    await observerClient.reconnect();

    await server.stop('SIGKILL');
    client.destroy();
    const restarted = await startServerProcess(dataDir);
    const reloaded = await connectClient(restarted).open(laneName);
    expect(
      readCards(reloaded.document)
        .map((card) => card.text)
        .sort(),
    ).toEqual(['Compares prices', 'Sees the ad on Zalo']);
  });
});
