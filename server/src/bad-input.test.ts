import { addCard, laneDocName, readCards, structureDocName } from '@journeyboard/board-model';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { MAX_MESSAGE_BYTES } from './app.ts';
import {
  connectClient,
  ownerAuthor,
  createBoard,
  listBoards,
  loadBoard,
  makeDataDir,
  startServerProcess,
  waitForSaved,
  type ServerProcess,
} from './testing/harness.ts';
import { RawSyncSocket, updateFrame, type ServerMessage } from './testing/raw-sync-socket.ts';
import { queryStore } from './testing/test-store.ts';

/** Every row of the update log, to compare before and after. */
const updateLog = (server: ServerProcess) =>
  queryStore(server.dataDir, async (db) =>
    (await db.selectFrom('doc_updates').select(['id', 'doc_name', 'data']).orderBy('id').execute()).map(
      (row) => ({ id: Number(row.id), doc_name: row.doc_name, bytes: row.data.length }),
    ),
  );

/** A board with one writer on its first lane, the world every test here starts from. */
async function boardWithWriter() {
  const server = await startServerProcess(await makeDataDir());
  const { id: boardId } = await createBoard(server);
  const board = await loadBoard(connectClient(server), boardId);
  const laneName = laneDocName(boardId, board.lanes[0]!.id);
  const writer = await connectClient(server).open(laneName);
  addCard(writer.document, {
    stageId: board.stages[0]!.id,
    text: 'Sees the ad on Zalo',
    author: ownerAuthor(server),
  });
  await waitForSaved(writer);
  return { server, boardId, board, laneName, writer };
}

/** A fresh client reads the lane; the texts of its cards, sorted. */
async function cardTexts(server: ServerProcess, laneName: string): Promise<string[]> {
  const reader = connectClient(server);
  const provider = await reader.open(laneName);
  const texts = readCards(provider.document)
    .map((card) => card.text)
    .sort();
  reader.destroy();
  return texts;
}

/** A real card update, cut in half: well framed, but not a Yjs update anyone can read. */
function truncatedUpdate(): Uint8Array {
  const doc = new Y.Doc();
  doc.getMap('cards').set('AAAAAAAAAAAA', new Y.Map([['text', 'half a card']]));
  const update = Y.encodeStateAsUpdate(doc);
  const truncated = update.slice(0, update.length >> 1);
  expect(() => Y.applyUpdate(new Y.Doc(), truncated)).toThrow();
  return truncated;
}

const isClose = (m: ServerMessage): m is Extract<ServerMessage, { type: 'close' }> => m.type === 'close';

describe('bad input on the sync socket', () => {
  it('closes a connection that sends a garbage frame, and other clients keep syncing', async () => {
    const { server, boardId, board, laneName, writer } = await boardWithWriter();
    const structureBefore = await loadBoard(connectClient(server), boardId);
    const logBefore = await updateLog(server);

    const raw = await RawSyncSocket.connect(server);
    expect(await raw.authenticate(structureDocName(boardId))).toMatchObject({ type: 'authenticated' });
    raw.send(new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff, 0xff]));
    // Hocuspocus closes the whole socket on a frame it cannot even address (4401).
    expect((await raw.closed).code).toBeGreaterThanOrEqual(4000);

    expect(await updateLog(server)).toEqual(logBefore);
    expect(await loadBoard(connectClient(server), boardId)).toEqual(structureBefore);
    addCard(writer.document, {
      stageId: board.stages[1]!.id,
      text: 'Compares prices',
      author: ownerAuthor(server),
    });
    await waitForSaved(writer);
    expect(await cardTexts(server, laneName)).toEqual(['Compares prices', 'Sees the ad on Zalo']);
  });

  it('closes a document that receives a malformed update with "Malformed message", and logs nothing', async () => {
    const { server, board, laneName, writer } = await boardWithWriter();
    const logBefore = await updateLog(server);

    const raw = await RawSyncSocket.connect(server);
    expect(await raw.authenticate(laneName)).toMatchObject({ type: 'authenticated' });
    raw.send(updateFrame(laneName, truncatedUpdate()));
    expect(await raw.nextMessage(isClose)).toEqual({
      documentName: laneName,
      type: 'close',
      reason: 'malformed-message',
    });
    expect(raw.messages.some((m) => m.type === 'syncStatus' && m.saved)).toBe(false);

    expect(await updateLog(server)).toEqual(logBefore);
    addCard(writer.document, {
      stageId: board.stages[1]!.id,
      text: 'Compares prices',
      author: ownerAuthor(server),
    });
    await waitForSaved(writer);
    expect(await cardTexts(server, laneName)).toEqual(['Compares prices', 'Sees the ad on Zalo']);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });

  it(`closes a connection that sends a frame larger than ${MAX_MESSAGE_BYTES} bytes, and keeps serving`, async () => {
    const { server, board, laneName, writer } = await boardWithWriter();
    const logBefore = await updateLog(server);

    const raw = await RawSyncSocket.connect(server);
    expect(await raw.authenticate(laneName)).toMatchObject({ type: 'authenticated' });
    raw.send(updateFrame(laneName, new Uint8Array(MAX_MESSAGE_BYTES)));
    expect((await raw.closed).code).toBe(1009);

    expect(await updateLog(server)).toEqual(logBefore);
    addCard(writer.document, {
      stageId: board.stages[1]!.id,
      text: 'Compares prices',
      author: ownerAuthor(server),
    });
    await waitForSaved(writer);
    expect(await cardTexts(server, laneName)).toEqual(['Compares prices', 'Sees the ad on Zalo']);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });

  it('refuses a document of an unknown board or with a malformed name, and creates nothing', async () => {
    const server = await startServerProcess(await makeDataDir());
    const { id: boardId } = await createBoard(server);
    const boardsBefore = await listBoards(server);
    const raw = await RawSyncSocket.connect(server);

    const refusals = {
      'board:NoSuchBoard1': 'board-not-found',
      'lane:NoSuchBoard1:NoSuchLane12': 'board-not-found',
      'journey-board': 'unknown-document',
      [`board:${boardId}:extra`]: 'unknown-document',
      'board:../../etc/passwd': 'unknown-document',
      [`lane:${boardId}`]: 'unknown-document',
      // A well-formed lane id that is not a lane of the board is refused, not opened empty.
      [`lane:${boardId}:NoSuchLane12`]: 'unknown-document',
    };
    for (const [name, reason] of Object.entries(refusals)) {
      expect(await raw.authenticate(name), name).toEqual({
        documentName: name,
        type: 'permissionDenied',
        reason,
      });
    }
    // The provider, as the page uses it, is told the same reason.
    await expect(connectClient(server).open('board:NoSuchBoard1')).rejects.toThrow('board-not-found');

    expect(raw.isOpen).toBe(true);
    expect(await listBoards(server)).toEqual(boardsBefore);
    const stored = await queryStore(server.dataDir, async (db) => ({
      boards: await db.selectFrom('boards').select('id').execute(),
      documents: await db
        .selectFrom('doc_snapshots')
        .select('doc_name')
        .union(db.selectFrom('doc_updates').select('doc_name'))
        .execute(),
    }));
    expect(stored).toEqual({
      boards: [{ id: boardId }],
      documents: [{ doc_name: structureDocName(boardId) }],
    });
  });
});
