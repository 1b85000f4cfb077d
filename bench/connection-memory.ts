// Connection memory: what one more page costs the server, measured in its heap. Journeyboard runs
// under --inspect; two people per board (one editing, one watching) open every board first, so
// that its documents are loaded and the code is warm; the heap is collected and snapshotted. Then
// the measured people open the boards (ten per board, three of them editing, as in relay.ts: one
// socket each, the structure document with presence and four lane documents), and once they
// settled the heap is collected and snapshotted again. What each socket keeps alone is split by
// which of its objects keeps it (lib/socket-shares.ts); what the server's own state grew by, per
// connection, beside it; and what process.memoryUsage() says. (Not the RSS: writing a snapshot
// takes it up by about the heap's size, and it stays up; relay.ts measures the RSS under load.)
// Target: ≤ 50 kB per connection.
// Run: node bench/connection-memory.ts [--quick] with Node >= 22. BENCH_KEEP_SNAPSHOTS=dir keeps
// the two .heapsnapshot files (Chrome's DevTools, Memory tab, opens them).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mapWithLimit, pause } from './lib/concurrency.ts';
import type { ConnectResult, FanoutClientSpec } from './lib/fanout-worker.ts';
import { HeapSnapshot } from './lib/heap-snapshot.ts';
import { InspectorSession, type MemoryUsage } from './lib/inspector.ts';
import { createBoard, createLink, joinByLink, signUp, watchByLink } from './lib/journeyboard-api.ts';
import { QUICK } from './lib/options.ts';
import { fmt, machineNow, printTable, writeResults } from './lib/report.ts';
import { spawnJourneyboard } from './lib/server-under-test.ts';
import { sharesBySocket, type OwnerShare } from './lib/socket-shares.ts';
import { startWorkers } from './lib/worker-pool.ts';

const BOARDS = QUICK ? 10 : 30;
/** Measured people per board, and how many of them edit (relay.ts: 1,000 on 100 boards, 250 editing). */
const PER_BOARD = 10;
const EDITORS_PER_BOARD = 3;
/** People per board before the first snapshot: the first edits, the second watches. */
const WARM_UP_PER_BOARD = 2;
const WORKERS = 2;
/** Time for the last syncs, acknowledgements and presence to pass before a snapshot. */
const SETTLE_MS = 3_000;
const TARGET_KB = 50;
const WORKER_SCRIPT = new URL('./lib/fanout-worker.ts', import.meta.url);

/**
 * The objects of a socket its heap is split by, named as the table shows them. crossws bundles
 * `ws` minified, so its classes are told apart by their fields.
 */
const ANCHORS: Record<string, string> = {
  NodePeer: 'crossws peer (and what its parts share)',
  ClientConnection: 'Hocuspocus socket (ClientConnection)',
  Connection: 'Hocuspocus document connections (Connection)',
  SyncSocket: "Journeyboard's socket (SyncSocket, limits)",
  NodeReqProxy: "crossws's Request",
  IncomingMessage: 'HTTP upgrade request (IncomingMessage)',
  Socket: 'net.Socket',
  TCP: 'TCP handle',
  'Node / TCPSocketWrap': 'TCP handle',
  Timeout: 'timers',
};

function anchorOf(snapshot: HeapSnapshot, node: number, kind: string): string | null {
  const named = ANCHORS[kind];
  if (named) return named;
  if (snapshot.kindOf(node) !== 'object') return null;
  const has = (name: string) => snapshot.hasProperty(node, name);
  if (has('_receiver') && has('_sender')) return 'ws WebSocket';
  if (has('_mask') && has('_fragments')) return 'ws frame reader (Receiver)';
  if (has('_firstFragment') && has('_queue')) return 'ws frame writer (Sender)';
  if (has('_deflate') && has('_inflate')) return 'permessage-deflate';
  return null;
}

async function main() {
  const dataDir = mkdtempSync(join(tmpdir(), 'journeyboard-connection-memory-'));
  const keep = process.env.BENCH_KEEP_SNAPSHOTS || null;
  const server = await spawnJourneyboard({ dataDir, inspect: true });
  const workers = startWorkers(WORKER_SCRIPT, WORKERS);
  let inspector: InspectorSession | null = null;
  try {
    const url = server.url;
    const owner = await signUp(url, `owner-${Date.now()}@bench.test`);
    const boards = await mapWithLimit(
      Array.from({ length: BOARDS }, (_, b) => b),
      4,
      async (b) => {
        const boardId = await createBoard(url, owner, `Memory board ${b}`);
        return {
          boardId,
          join: await createLink(url, owner, boardId, 'join'),
          watch: await createLink(url, owner, boardId, 'watch'),
        };
      },
    );
    // Person k sits on board k mod BOARDS, in round k div BOARDS: rounds 0 and 1 warm up (an
    // editor and a watcher), then EDITORS_PER_BOARD rounds of editors and the rest watchers.
    const rounds = WARM_UP_PER_BOARD + PER_BOARD;
    const roleOf = (round: number) =>
      round === 0 || (round >= WARM_UP_PER_BOARD && round < WARM_UP_PER_BOARD + EDITORS_PER_BOARD)
        ? 'editor'
        : 'watcher';
    const people = Array.from({ length: BOARDS * rounds }, (_, k) => ({
      id: k,
      board: k % BOARDS,
      round: Math.floor(k / BOARDS),
    }));
    const specs = await mapWithLimit(people, 8, async (person): Promise<FanoutClientSpec> => {
      const role = roleOf(person.round);
      const board = boards[person.board]!;
      return {
        id: person.id,
        board: person.board,
        role,
        // Every editor edits the board's first lane, where the warm-up's editor wrote first: the
        // figures are what one more page costs, not a lane's first writer (a check's copy of it).
        editDoc: 0,
        syncUrl: server.syncUrl,
        boardId: board.boardId,
        cookie:
          role === 'editor'
            ? await joinByLink(url, board.join, `Editor ${person.id}`)
            : await watchByLink(url, board.watch),
      };
    });
    const connect = async (clients: FanoutClientSpec[]) => {
      const results = await Promise.all(
        workers.map((worker) =>
          worker.request<ConnectResult>(
            {
              type: 'connect',
              clients: clients.filter((_, k) => k % workers.length === worker.index),
              concurrency: 10,
            },
            180_000,
          ),
        ),
      );
      const failures = results.flatMap((result) => result.failures);
      if (failures.length > 0) throw new Error(`clients failed to connect: ${failures.join('; ')}`);
      await pause(SETTLE_MS);
    };
    inspector = await InspectorSession.connect(server.inspectorPort!);
    const snapshotDir = keep ?? dataDir;
    const measure = async (name: string) => {
      const usage = await inspector!.memoryAfterGc();
      const file = join(snapshotDir, `${name}.heapsnapshot`);
      await inspector!.writeHeapSnapshot(file);
      return { usage, shares: sharesBySocket(new HeapSnapshot(file), 'NodePeer', anchorOf), file };
    };

    const idle = await inspector.memoryAfterGc();
    await connect(specs.filter((_, k) => people[k]!.round < WARM_UP_PER_BOARD));
    const before = await measure('before');
    const measured = specs.filter((_, k) => people[k]!.round >= WARM_UP_PER_BOARD);
    await connect(measured);
    const after = await measure('after');
    const connections = measured.length;
    const perConnection = (a: number, b: number) => (b - a) / connections;

    printTable(
      `Connection memory: ${connections} pages (one socket, 5 documents each) on ${BOARDS} boards, after a full GC`,
      ['figure', 'before MB', 'after MB', 'kB per connection'],
      (['heapTotal', 'heapUsed', 'external', 'arrayBuffers'] as const).map((field: keyof MemoryUsage) => [
        field,
        fmt(before.usage[field] / 1024 / 1024, 1),
        fmt(after.usage[field] / 1024 / 1024, 1),
        fmt(perConnection(before.usage[field], after.usage[field]) / 1024, 2),
      ]),
    );

    // The warm-up's share, for scale: each board's documents loaded, with two people on it.
    const perBoard = (before.usage.heapUsed - idle.heapUsed) / BOARDS;
    console.log(
      `Before the first snapshot: ${fmt(perBoard / 1024, 1)} kB of heap per board (its five documents ` +
        `loaded, with ${WARM_UP_PER_BOARD} people on it; one of them added a card).`,
    );

    // What one socket keeps alone, as the average over every socket of the second snapshot.
    const sockets = after.shares.sockets;
    const sum = (map: Map<string, OwnerShare>) => [...map.values()].reduce((n, s) => n + s.bytes, 0);
    const perSocket = [...after.shares.byOwner]
      .map(([owner, share]) => ({ owner, bytes: share.bytes / sockets, count: share.count / sockets }))
      .sort((a, b) => b.bytes - a.bytes);
    const socketBytes = sum(after.shares.byOwner) / sockets;
    // What the server's own state grew by: maps of sockets, presence, sessions, documents' growth.
    const serverGrowth = [
      ...new Set([...before.shares.serverByKind.keys(), ...after.shares.serverByKind.keys()]),
    ]
      .map((kind) => {
        const a = before.shares.serverByKind.get(kind) ?? { bytes: 0, count: 0 };
        const b = after.shares.serverByKind.get(kind) ?? { bytes: 0, count: 0 };
        return { kind, bytes: perConnection(a.bytes, b.bytes), count: perConnection(a.count, b.count) };
      })
      .sort((a, b) => Math.abs(b.bytes) - Math.abs(a.bytes));
    const serverBytes = perConnection(sum(before.shares.serverByKind), sum(after.shares.serverByKind));
    const sharedBytes = perConnection(
      before.shares.sharedBytes + before.shares.strayBytes,
      after.shares.sharedBytes + after.shares.strayBytes,
    );
    const total = socketBytes + serverBytes + sharedBytes;
    printTable(
      `Heap per connection: ${fmt(total / 1024, 2)} kB (target ≤ ${TARGET_KB} kB: ${total / 1024 <= TARGET_KB ? 'met' : 'MISSED'})`,
      ['part', 'bytes', 'objects per connection'],
      [
        ...perSocket.map((row) => [`socket: ${row.owner}`, fmt(row.bytes, 0), fmt(row.count, 2)]),
        ['socket, all of it', fmt(socketBytes, 0), ''],
        ...serverGrowth
          .filter((row) => Math.abs(row.bytes) >= 64)
          .slice(0, 15)
          .map((row) => [`server state: ${row.kind}`, fmt(row.bytes, 0), fmt(row.count, 2)]),
        ["server state's growth, all of it", fmt(serverBytes, 0), ''],
        ['kept by several sockets, or by none', fmt(sharedBytes, 0), ''],
      ],
    );
    writeResults('connection-memory', {
      machine: machineNow(),
      boards: BOARDS,
      connections,
      documentsPerConnection: 5,
      heapKBPerBoardWarmUp: Math.round(perBoard / 102.4) / 10,
      usageIdle: idle,
      usageBefore: before.usage,
      usageAfter: after.usage,
      heapKBPerConnection: Math.round(total / 102.4) / 10,
      socketBytes: Math.round(socketBytes),
      socketByOwner: perSocket,
      serverStateBytesPerConnection: Math.round(serverBytes),
      serverStateByKind: serverGrowth.filter((row) => Math.abs(row.bytes) >= 1),
      sharedBytesPerConnection: Math.round(sharedBytes),
      target: { heapKBPerConnection: TARGET_KB, met: total / 1024 <= TARGET_KB },
    });
    if (keep) console.log(`Heap snapshots kept: ${before.file}, ${after.file}`);
  } finally {
    inspector?.close();
    await Promise.all(workers.map((worker) => worker.request({ type: 'close' }, 60_000).catch(() => null)));
    await Promise.all(workers.map((worker) => worker.stop()));
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
