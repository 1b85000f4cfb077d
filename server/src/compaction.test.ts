import { addCard, laneDocName, readCards } from '@journeyboard/board-model';
import { describe, expect, it } from 'vitest';
import {
  connectClient,
  ownerAuthor,
  createBoard,
  loadBoard,
  loggedUpdateCount,
  makeDataDir,
  startServerProcess,
  waitForSaved,
  waitUntil,
} from './testing/harness.ts';
import { queryStore } from './testing/test-store.ts';

/** The server compacts a document's log once it holds this many updates (DurabilityExtension). */
const COMPACT_AFTER = 200;

const hasSnapshot = (dataDir: string, docName: string) =>
  queryStore(
    dataDir,
    async (db) =>
      (await db
        .selectFrom('doc_snapshots')
        .select('doc_name')
        .where('doc_name', '=', docName)
        .executeTakeFirst()) !== undefined,
  );

describe('update log compaction', () => {
  it('merges the log into the snapshot after 200 updates and on unload, and the board loads the same', async () => {
    const dataDir = await makeDataDir();
    const server = await startServerProcess(dataDir);
    const { id: boardId } = await createBoard(server);
    const board = await loadBoard(connectClient(server), boardId);
    const docName = laneDocName(boardId, board.lanes[0]!.id);
    const writer = connectClient(server);
    const lane = await writer.open(docName);

    const edits = COMPACT_AFTER + 50;
    for (let n = 0; n < edits; n++) {
      addCard(lane.document, {
        stageId: board.stages[n % board.stages.length]!.id,
        text: `Card ${n}`,
        author: ownerAuthor(server),
      });
    }
    await waitForSaved(lane);
    // Compaction runs after the 200th update was acknowledged; what stays is the tail after it.
    await waitUntil(
      async () => (await loggedUpdateCount(dataDir, docName)) <= edits - COMPACT_AFTER,
      'the log was compacted',
    );
    expect(await hasSnapshot(dataDir, docName)).toBe(true);
    // The store shows the compaction before the server hears back from its storage thread and
    // logs it, and the line then travels through a pipe.
    await waitUntil(
      () =>
        server.logs.some((line) => line.msg === 'compacted the update log' && line.documentName === docName),
      'the server logs the compaction',
    );
    const before = readCards(lane.document);
    expect(before).toHaveLength(edits);

    // The last client leaves: the document is unloaded and what remains of its log is merged.
    writer.destroy();
    await waitUntil(
      async () => (await loggedUpdateCount(dataDir, docName)) === 0,
      'the log was compacted on unload',
    );

    expect(await server.stop('SIGTERM')).toEqual({ code: 0, signal: null });
    const restarted = await startServerProcess(dataDir);
    const reloaded = await connectClient(restarted).open(docName);
    expect(readCards(reloaded.document)).toEqual(before);
    expect(await loggedUpdateCount(dataDir, docName)).toBe(0);
  });
});
