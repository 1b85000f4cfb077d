/**
 * An update is relayed to the others on the board as soon as its append is queued, and
 * acknowledged to its author only once it is committed: "saved" still means durable.
 */
import { addCard, laneDocName, readCards, updateCardText } from '@journeyboard/board-model';
import { describe, expect, it } from 'vitest';
import {
  connectClient,
  createBoard,
  loadBoard,
  makeDataDir,
  ownerAuthor,
  startServerProcess,
  waitForSaved,
  waitUntil,
} from './testing/harness.ts';
import { holdWriteLock } from './testing/stored-rows.ts';

const texts = (document: Parameters<typeof readCards>[0]) =>
  readCards(document)
    .map((card) => card.text)
    .sort();

describe('relaying an update before its commit', () => {
  it('shows an edit to the others while it is being stored, and tells its author "saved" only once it is', async () => {
    const dataDir = await makeDataDir();
    const server = await startServerProcess(dataDir);
    const { id: boardId } = await createBoard(server);
    const board = await loadBoard(connectClient(server), boardId);
    const laneName = laneDocName(boardId, board.lanes[0]!.id);
    const stageId = board.stages[0]!.id;
    const author = await connectClient(server).open(laneName);
    const observer = await connectClient(server).open(laneName);
    addCard(author.document, { stageId, text: 'Reads a review', author: ownerAuthor(server) });
    addCard(author.document, { stageId, text: 'Asks', author: ownerAuthor(server) });
    await waitForSaved(author);
    const asks = readCards(author.document).find((card) => card.text === 'Asks')!;

    // The log's writes wait behind a lock the test holds: nothing can be committed meanwhile. (An
    // edit of a card's text touches no other table; a new card's record would wait for the lock.)
    const release = await holdWriteLock(server);
    updateCardText(author.document, asks.id, 'Asks a friend');
    await waitUntil(
      () => texts(observer.document).includes('Asks a friend'),
      'the observer sees the edit before it is stored',
    );
    expect(author.unsyncedChanges).toBeGreaterThan(0);
    // The author's next edit does not wait for the first one's commit either.
    const reads = readCards(author.document).find((card) => card.text === 'Reads a review')!;
    updateCardText(author.document, reads.id, 'Reads a review on Tiki');
    await waitUntil(
      () => texts(observer.document).includes('Reads a review on Tiki'),
      'the observer sees the next edit while the first is still being stored',
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(author.unsyncedChanges, 'not acknowledged while the commit waits').toBeGreaterThan(0);

    await release();
    await waitForSaved(author);
    await server.stop('SIGKILL');
    const restarted = await startServerProcess(dataDir);
    const reloaded = await connectClient(restarted).open(laneName);
    expect(texts(reloaded.document)).toEqual(['Asks a friend', 'Reads a review on Tiki']);
  });
});
