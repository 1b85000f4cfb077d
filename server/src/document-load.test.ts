import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import { addCard, laneDocName } from '@journeyboard/board-model';
import { describe, expect, it, onTestFinished } from 'vitest';
import * as Y from 'yjs';
import {
  connectClient,
  ownerAuthor,
  createBoard,
  loadBoard,
  makeDataDir,
  startServerProcess,
  waitForSaved,
  webSocketWithCookie,
} from './testing/harness.ts';

describe('loading a stored document', () => {
  it('sends it once to the client that made the server load it', async () => {
    const dataDir = await makeDataDir();
    const server = await startServerProcess(dataDir);
    const { id: boardId } = await createBoard(server);
    const writer = connectClient(server);
    const board = await loadBoard(writer, boardId);
    const name = laneDocName(boardId, board.lanes[0]!.id);
    const lane = await writer.open(name);
    for (let i = 0; i < 300; i++)
      addCard(lane.document, {
        stageId: board.stages[i % 5]!.id,
        text: `Card ${i}`,
        author: ownerAuthor(server),
      });
    await waitForSaved(lane);
    writer.destroy();
    await server.stop('SIGTERM');

    const restarted = await startServerProcess(dataDir);
    let received = 0;
    const Counting = class extends webSocketWithCookie(restarted.owner.cookie) {
      constructor(url: string | URL, protocols?: string | string[]) {
        super(url, protocols);
        this.addEventListener('message', (event) => (received += (event.data as ArrayBuffer).byteLength));
      }
    };
    const socket = new HocuspocusProviderWebsocket({ url: restarted.syncUrl, WebSocketPolyfill: Counting });
    const provider = new HocuspocusProvider({
      websocketProvider: socket,
      name,
      document: new Y.Doc(),
      token: '',
    });
    onTestFinished(() => {
      provider.destroy();
      socket.destroy();
    });
    await new Promise<void>((resolve) => {
      provider.on('synced', () => resolve());
      provider.attach();
    });
    // Whatever else would come (Hocuspocus queues changes for broadcast) comes within a moment.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const size = Y.encodeStateAsUpdate(provider.document).length;
    expect(size).toBeGreaterThan(5_000);
    expect(received).toBeLessThan(size * 1.2);
  });
});
