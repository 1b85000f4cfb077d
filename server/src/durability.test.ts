import type { HocuspocusProvider } from '@hocuspocus/provider';
import {
  addCard,
  laneDocName,
  readCards,
  type BoardStructure,
  type CardAuthor,
} from '@journeyboard/board-model';
import { describe, expect, it } from 'vitest';
import {
  connectClient,
  ownerAuthor,
  createBoard,
  loadBoard,
  makeDataDir,
  startServerProcess,
  waitForSaved,
  type ServerProcess,
  type SyncClient,
} from './testing/harness.ts';

const CLIENTS = 20;
const EDITS_PER_CLIENT = 50;

/** One simulated person: their own WebSocket, one lane doc, and the cards they added to it. */
interface Writer {
  client: SyncClient;
  provider: HocuspocusProvider;
  laneId: string;
  /** Who writes its cards: the board's owner. */
  author: CardAuthor;
  /** Texts of the cards added, in order. */
  added: string[];
  /** How many of `added` the server has acknowledged (unsyncedChanges reached 0 after them). */
  acknowledged: number;
}

/** `CLIENTS` writers spread over the board's lanes, each synced with the server. */
async function connectWriters(
  server: ServerProcess,
  boardId: string,
  board: BoardStructure,
): Promise<Writer[]> {
  return Promise.all(
    Array.from({ length: CLIENTS }, async (_, i) => {
      const lane = board.lanes[i % board.lanes.length]!;
      const client = connectClient(server);
      const provider = await client.open(laneDocName(boardId, lane.id));
      const writer: Writer = {
        client,
        provider,
        laneId: lane.id,
        author: ownerAuthor(server),
        added: [],
        acknowledged: 0,
      };
      provider.on('unsyncedChanges', ({ number }: { number: number }) => {
        if (number === 0) writer.acknowledged = writer.added.length;
      });
      return writer;
    }),
  );
}

/** Adds the writer's `n`th card, in a stage chosen by `n`. */
function addNthCard(writer: Writer, index: number, n: number, board: BoardStructure): void {
  const text = `Card ${n} of client ${index}`;
  addCard(writer.provider.document, {
    stageId: board.stages[n % board.stages.length]!.id,
    text,
    author: writer.author,
  });
  writer.added.push(text);
}

/** Card texts per lane, as a fresh client loads them from `server`. */
async function storedTexts(server: ServerProcess, boardId: string, board: BoardStructure) {
  const reader = connectClient(server);
  const texts = new Map<string, Set<string>>();
  for (const lane of board.lanes) {
    const provider = await reader.open(laneDocName(boardId, lane.id));
    texts.set(lane.id, new Set(readCards(provider.document).map((card) => card.text)));
  }
  reader.destroy();
  return texts;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('durability of acknowledged edits', () => {
  it('keeps all 1000 cards of 20 clients × 50 edits across a kill -9 and a restart', async () => {
    const dataDir = await makeDataDir();
    const server = await startServerProcess(dataDir);
    const { id: boardId } = await createBoard(server);
    const board = await loadBoard(connectClient(server), boardId);
    expect(board.lanes).toHaveLength(4);
    const writers = await connectWriters(server, boardId, board);

    await Promise.all(
      writers.map(async (writer, index) => {
        for (let n = 0; n < EDITS_PER_CLIENT; n++) {
          addNthCard(writer, index, n, board);
          if (Math.random() < 0.2) await pause(Math.random() * 5);
        }
        await waitForSaved(writer.provider);
      }),
    );
    expect(writers.every((writer) => writer.acknowledged === EDITS_PER_CLIENT)).toBe(true);

    expect(await server.stop('SIGKILL')).toEqual({ code: null, signal: 'SIGKILL' });
    for (const writer of writers) writer.client.destroy();

    const restarted = await startServerProcess(dataDir);
    const stored = await storedTexts(restarted, boardId, board);
    let total = 0;
    for (const writer of writers) {
      const lane = stored.get(writer.laneId)!;
      const missing = writer.added.filter((text) => !lane.has(text));
      expect(missing, `cards of a client on lane ${writer.laneId}`).toEqual([]);
      total += writer.added.length;
    }
    expect(total).toBe(CLIENTS * EDITS_PER_CLIENT);
    expect([...stored.values()].reduce((sum, texts) => sum + texts.size, 0)).toBe(total);
  });

  it('keeps every acknowledged card when killed -9 while edits are still in flight', async () => {
    const dataDir = await makeDataDir();
    const server = await startServerProcess(dataDir);
    const { id: boardId } = await createBoard(server);
    const board = await loadBoard(connectClient(server), boardId);
    const writers = await connectWriters(server, boardId, board);

    // Each client writes bursts of cards; after a burst it either pauses briefly or waits until
    // its edits show as saved, like a person glancing at the indicator. The server is killed right
    // after an edit was sent, once half the cards have been added.
    let inFlightAtKill = 0;
    let killed = false;
    const addedCount = () => writers.reduce((sum, writer) => sum + writer.added.length, 0);
    await Promise.all(
      writers.map(async (writer, index) => {
        for (let n = 0; n < EDITS_PER_CLIENT && !killed; n++) {
          addNthCard(writer, index, n, board);
          if (addedCount() >= (CLIENTS * EDITS_PER_CLIENT) / 2) {
            killed = true;
            void server.stop('SIGKILL');
            inFlightAtKill = writers.filter((w) => w.provider.unsyncedChanges > 0).length;
            break;
          }
          if (Math.random() < 0.25) {
            await (Math.random() < 0.5
              ? Promise.race([waitForSaved(writer.provider), server.exited])
              : pause(Math.random() * 20));
          }
        }
      }),
    );
    expect(killed).toBe(true);
    expect(inFlightAtKill).toBeGreaterThan(0);
    await server.exited;
    for (const writer of writers) writer.client.destroy();
    const acknowledged = writers.map((writer) => writer.added.slice(0, writer.acknowledged));

    const restarted = await startServerProcess(dataDir);
    const stored = await storedTexts(restarted, boardId, board);
    writers.forEach((writer, index) => {
      const lane = stored.get(writer.laneId)!;
      const lost = acknowledged[index]!.filter((text) => !lane.has(text));
      expect(lost, `acknowledged cards of client ${index}`).toEqual([]);
    });
    // The run proved something only if many cards were acknowledged before the kill.
    expect(acknowledged.flat().length).toBeGreaterThan(CLIENTS);
  });
});
