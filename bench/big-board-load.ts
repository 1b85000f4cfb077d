// What it costs to open a big board: the encoded size of its documents, and the server's cold load
// (a fresh client opening every document of the board right after the server restarted).
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { laneDocName, readBoard, readCards, structureDocName, talkDocName } from '@journeyboard/board-model';
import * as Y from 'yjs';
import { type Account, type BenchServer, SyncClient } from './big-board-server.ts';

/** The encoded Yjs state (`Y.encodeStateAsUpdate`) of each of the board's documents, in bytes. */
export interface EncodedSize {
  structureBytes: number;
  talkBytes: number;
  laneBytes: number[];
  totalBytes: number;
  /** What the server's SQLite file holds for the board (snapshots + log tail), when readable. */
  storedBytes: number | null;
}

/** The card ids of each cell, in the order a page shows them: `laneId:stageId` → ids. */
export type CellLayout = Record<string, string[]>;

/** The documents of a board, by name. */
export function boardDocNames(boardId: string, laneIds: string[]): string[] {
  return [structureDocName(boardId), talkDocName(boardId), ...laneIds.map((id) => laneDocName(boardId, id))];
}

/**
 * Restarts the server, then times a fresh client (new WebSocket, new documents) opening every
 * document of the board at once, from creating the socket until the last document is synced:
 * the server reads each document from storage and sends it whole. Returns the documents too.
 */
export async function coldLoad(
  server: BenchServer,
  owner: Account,
  boardId: string,
  laneIds: string[],
): Promise<{ ms: number; docs: Map<string, Y.Doc> }> {
  await server.restart();
  const started = performance.now();
  const client = new SyncClient(server, owner);
  const names = boardDocNames(boardId, laneIds);
  const providers = await Promise.all(names.map((name) => client.open(name)));
  const ms = performance.now() - started;
  const docs = new Map(providers.map((p, i) => [names[i]!, p.document]));
  // Copies, so the documents outlive the client.
  const copies = new Map<string, Y.Doc>();
  for (const [name, doc] of docs) {
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
    copies.set(name, copy);
  }
  client.destroy();
  return { ms, docs: copies };
}

/** The lane ids of a loaded board, in order. */
export function laneIdsOf(structure: Y.Doc): string[] {
  return readBoard(structure).lanes.map((l) => l.id);
}

export function encodedSize(
  server: BenchServer,
  boardId: string,
  laneIds: string[],
  docs: Map<string, Y.Doc>,
): EncodedSize {
  const bytes = (name: string) => Y.encodeStateAsUpdate(docs.get(name)!).length;
  const structureBytes = bytes(structureDocName(boardId));
  const talkBytes = bytes(talkDocName(boardId));
  const laneBytes = laneIds.map((id) => bytes(laneDocName(boardId, id)));
  return {
    structureBytes,
    talkBytes,
    laneBytes,
    totalBytes: structureBytes + talkBytes + laneBytes.reduce((a, b) => a + b, 0),
    storedBytes: storedBytes(server, boardId),
  };
}

/** Bytes of snapshots and logged updates the server's SQLite file holds for the board. */
function storedBytes(server: BenchServer, boardId: string): number | null {
  try {
    const db = new DatabaseSync(join(server.dataDir, 'journeyboard.sqlite'), { readOnly: true });
    try {
      const sum = (sql: string) => Number((db.prepare(sql).get(boardId) as { n: number | null }).n ?? 0);
      return (
        sum('select sum(length(state)) as n from doc_snapshots where board_id = ?') +
        sum('select sum(length(data)) as n from doc_updates where board_id = ?')
      );
    } finally {
      db.close();
    }
  } catch {
    // Another storage backend (or schema): the encoded size still stands.
    return null;
  }
}

/** Where each card is shown: the ids of each cell's cards in page order. */
export function cellLayout(boardId: string, docs: Map<string, Y.Doc>): CellLayout {
  const structure = readBoard(docs.get(structureDocName(boardId))!);
  const layout: CellLayout = {};
  for (const lane of structure.lanes) {
    const cards = readCards(docs.get(laneDocName(boardId, lane.id))!);
    for (const stage of structure.stages) {
      layout[`${lane.id}:${stage.id}`] = cards.filter((c) => c.stageId === stage.id).map((c) => c.id);
    }
  }
  return layout;
}
