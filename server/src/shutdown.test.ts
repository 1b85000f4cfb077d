import { connect } from 'node:net';
import { addCard, laneDocName, readCards } from '@journeyboard/board-model';
import { describe, expect, it, onTestFinished } from 'vitest';
import {
  connectClient,
  ownerAuthor,
  createBoard,
  listBoards,
  loadBoard,
  loggedUpdateCount,
  makeDataDir,
  startServerProcess,
  waitForSaved,
  type ServerProcess,
} from './testing/harness.ts';
import { CLOSE_GRACE_MS } from './app.ts';

/**
 * A client that completes the WebSocket upgrade and then never reads again, like a laptop that
 * went to sleep: it will not answer the server's close handshake.
 */
async function openUnresponsiveWebSocket(server: ServerProcess): Promise<void> {
  const { hostname, port } = new URL(server.url);
  const socket = connect(Number(port), hostname);
  onTestFinished(() => void socket.destroy());
  await new Promise((resolve) => socket.once('connect', resolve));
  socket.write(
    'GET /sync HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n' +
      'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n' +
      `Cookie: ${server.owner.cookie}\r\n\r\n`,
  );
  const response = await new Promise<Buffer>((resolve) => socket.once('data', resolve));
  expect(response.toString()).toMatch(/^HTTP\/1.1 101 /);
  socket.pause();
}

describe('shutdown', () => {
  it('closes cleanly on SIGTERM with clients connected, exits 0 and keeps the data', async () => {
    const dataDir = await makeDataDir();
    const server = await startServerProcess(dataDir);
    const created = await createBoard(server, 'Checkout');
    const board = await loadBoard(connectClient(server), created.id);
    const laneName = laneDocName(created.id, board.lanes[1]!.id);
    const lane = await connectClient(server).open(laneName);
    for (const stage of board.stages)
      addCard(lane.document, {
        stageId: stage.id,
        text: `Pays in ${stage.name}`,
        author: ownerAuthor(server),
      });
    await waitForSaved(lane);
    const cards = readCards(lane.document);

    const started = Date.now();
    expect(await server.stop('SIGTERM')).toEqual({ code: 0, signal: null });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(server.logs.map((line) => line.msg)).toEqual(
      expect.arrayContaining(['shutting down', 'Journeyboard stopped']),
    );
    expect(server.logs.filter((line) => line.level >= 50)).toEqual([]);
    // The documents were unloaded on the way out, which merged their logs into snapshots.
    expect(await loggedUpdateCount(dataDir, laneName)).toBe(0);

    const restarted = await startServerProcess(dataDir);
    expect(await listBoards(restarted)).toEqual([
      expect.objectContaining({ id: created.id, title: 'Checkout' }),
    ]);
    const reloaded = await connectClient(restarted).open(laneName);
    expect(readCards(reloaded.document)).toEqual(cards);
  });

  it('does not let a client that never answers hold up a SIGTERM', async () => {
    const server = await startServerProcess(await makeDataDir());
    await createBoard(server);
    await openUnresponsiveWebSocket(server);

    const started = Date.now();
    expect(await server.stop('SIGTERM')).toEqual({ code: 0, signal: null });
    expect(Date.now() - started).toBeLessThan(CLOSE_GRACE_MS + 2_000);
  });
});
