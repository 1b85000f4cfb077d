// What it costs to open a big board: the encoded size of its documents, and the server's cold load
// (a fresh client opening every document of the board, none of them in the server's memory: right
// after a restart, or in a running server once the board's last client has left).
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { laneDocName, readBoard, readCards, structureDocName, talkDocName } from '@journeyboard/board-model';
import * as Y from 'yjs';
import { type Account, type BenchServer, SyncClient } from './big-board-server.ts';
import { pause } from './lib/concurrency.ts';
import { cpuTimeMs } from './lib/process-stats.ts';

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

/** One timed opening of every document of the board by a fresh client. */
export interface BoardLoad {
  /** From creating the socket until the last document was synced, at the client. */
  ms: number;
  /** Copies of the documents as loaded (empty unless asked for). */
  docs: Map<string, Y.Doc>;
  /** The server's CPU time (all its threads) over the load, from /proc: what the load cost it. */
  serverCpuMs: number;
  /** This process's CPU time over the load: the client's own share (reading what arrives). */
  clientCpuMs: number;
  /** How many of the documents the server read from storage for this load (the rest it held). */
  docsLoaded: number;
  /**
   * The server's own time reading each document from storage and applying it (its `document
   * loaded` log lines: the durability extension's onLoadDocument), summed and the longest.
   */
  storageMs: { sum: number; max: number };
}

/** The server's log line for each document it loads (logged at debug level). */
const DOCUMENT_LOADED = 'document loaded';
/** How long a log line may take to come through the server's standard output after the sync. */
const LOG_LINE_WAIT_MS = 500;

/**
 * Times a fresh client (new WebSocket, new documents) opening every document of the board at
 * once, from creating the socket until the last document is synced: the server finds each
 * document in memory or reads it from storage, and sends it whole. Its log says which.
 */
export async function openBoard(
  server: BenchServer,
  owner: Account,
  boardId: string,
  laneIds: string[],
  keepDocs = false,
): Promise<BoardLoad> {
  const names = boardDocNames(boardId, laneIds);
  const logs = server.logs;
  const logFrom = logs.length;
  const serverCpuBefore = cpuTimeMs(server.pid);
  const clientCpuBefore = process.cpuUsage();
  const started = performance.now();
  const client = new SyncClient(server, owner);
  const providers = await Promise.all(names.map((name) => client.open(name)));
  const ms = performance.now() - started;
  const serverCpuMs = cpuTimeMs(server.pid) - serverCpuBefore;
  const clientCpu = process.cpuUsage(clientCpuBefore);
  const copies = new Map<string, Y.Doc>();
  if (keepDocs) {
    // Copies, so the documents outlive the client.
    providers.forEach((provider, i) => {
      const copy = new Y.Doc();
      Y.applyUpdate(copy, Y.encodeStateAsUpdate(provider.document));
      copies.set(names[i]!, copy);
    });
  }
  client.destroy();
  const wanted = new Set(names);
  const loadedLines = () =>
    logs
      .slice(logFrom)
      .filter((line) => line.msg === DOCUMENT_LOADED && wanted.has(String(line.documentName)));
  const waitUntil = performance.now() + LOG_LINE_WAIT_MS;
  while (loadedLines().length < names.length && performance.now() < waitUntil) await pause(20);
  const storage = loadedLines().map((line) => Number(line.ms));
  return {
    ms,
    serverCpuMs,
    clientCpuMs: (clientCpu.user + clientCpu.system) / 1000,
    docs: copies,
    docsLoaded: new Set(loadedLines().map((line) => line.documentName)).size,
    storageMs: { sum: storage.reduce((a, b) => a + b, 0), max: Math.max(0, ...storage) },
  };
}

/** Restarts the server, then opens the board (see `openBoard`): every document comes from storage. */
export async function coldLoad(
  server: BenchServer,
  owner: Account,
  boardId: string,
  laneIds: string[],
  keepDocs = false,
): Promise<BoardLoad> {
  await server.restart();
  const load = await openBoard(server, owner, boardId, laneIds, keepDocs);
  const expected = boardDocNames(boardId, laneIds).length;
  if (load.docsLoaded !== expected) {
    throw new Error(`after a restart the server logged ${load.docsLoaded} of ${expected} documents loaded`);
  }
  return load;
}

/**
 * How long after a client left the benchmark waits before opening the board again: Hocuspocus
 * unloads a document once its last connection closes (nobody changed it, so nothing waits to be
 * stored); this covers the close reaching a busy server.
 */
const UNLOAD_WAIT_MS = 300;

/**
 * Opens the board in the running server once none of its documents is held in memory: a cold
 * load without a restart, as when someone opens a board nobody has open while the server is busy
 * with other boards. A load that found a document still in memory (the last client's leaving had
 * not been handled yet) is not counted: it is retried after a longer wait. Returns the load and
 * how many tries were not counted.
 */
export async function coldLoadInRunningServer(
  server: BenchServer,
  owner: Account,
  boardId: string,
  laneIds: string[],
): Promise<BoardLoad & { warmRetries: number }> {
  const expected = boardDocNames(boardId, laneIds).length;
  for (let attempt = 0; attempt < 5; attempt++) {
    await pause(UNLOAD_WAIT_MS * 2 ** attempt);
    const load = await openBoard(server, owner, boardId, laneIds);
    if (load.docsLoaded === expected) return { ...load, warmRetries: attempt };
  }
  throw new Error(`the server still held some of the board's documents after 5 tries`);
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
