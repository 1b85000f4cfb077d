// Leaks: what the server keeps of people who came and went. One board; then 1,000 times (100 with
// --quick) a person opens it as the page does, one socket carrying the structure document with
// presence and every lane document, waits until all are synced, and leaves. Every other one is a
// new guest who signs in by the join link (a new session each time); the rest are one watcher who
// comes back by the watch link's session, so both ways in are covered. A few people come and go at
// once (LEAKS_AT_ONCE, 4), so documents are both kept open by someone and unloaded when the last
// one leaves. The server runs under `--inspect`: after 20 warm-up visits, and again after the
// visits once its documents have unloaded, it is made to collect its garbage and its own
// `process.memoryUsage()` is read. Figures: heap used, RSS and external memory before and after,
// and the change; heap after within 10% of before is the target.
//
// LEAKS_SNAPSHOTS=/tmp/leaks also writes a heap snapshot before and after (open them in Chrome's
// DevTools, Memory tab) and prints the kinds of object that grew the most between them.
// LEAKS_CYCLES=n sets the number of visits.
//
// Run: npm run bench -- leaks, or node bench/leaks.ts [--quick] with Node >= 22.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { JourneyboardClient } from './lib/board-clients.ts';
import { mapWithLimit, pause } from './lib/concurrency.ts';
import { compareHeapCounts, HeapSnapshot, type HeapGrowth, type NewObjects } from './lib/heap-snapshot.ts';
import { InspectorSession, type MemoryUsage } from './lib/inspector.ts';
import { createBoard, createLink, joinByLink, signUp, watchByLink } from './lib/journeyboard-api.ts';
import { round } from './lib/latency-summary.ts';
import { QUICK } from './lib/options.ts';
import { fmt, machineNow, printTable, writeResults } from './lib/report.ts';
import { startServerUnderTest } from './lib/server-under-test.ts';

const CYCLES = Number(process.env.LEAKS_CYCLES) || (QUICK ? 100 : 1000);
const WARMUP_CYCLES = 20;
const AT_ONCE = Number(process.env.LEAKS_AT_ONCE) || 4;
/** Memory is also read (after a collection) this many times along the way, to show a trend. */
const CHECKPOINTS = 10;
/**
 * After the last person left: time for the server to store and unload the documents (it unloads
 * a document as soon as its last connection closes and it is stored) and to let sockets go.
 */
const SETTLE_MS = 5_000;
const TARGET_HEAP_CHANGE = 0.1;
const SNAPSHOT_DIR = process.env.LEAKS_SNAPSHOTS || null;
const MB = 1024 * 1024;

type Way = 'guest' | 'watcher';

/** Who the n-th visit is: every other one a new guest, the rest the same watcher. */
const wayOf = (cycle: number): Way => (cycle % 2 === 0 ? 'guest' : 'watcher');

interface Checkpoint {
  cycles: number;
  heapUsedMB: number;
  rssMB: number;
  externalMB: number;
}

const toCheckpoint = (cycles: number, memory: MemoryUsage): Checkpoint => ({
  cycles,
  heapUsedMB: round(memory.heapUsed / MB, 1),
  rssMB: round(memory.rss / MB, 1),
  externalMB: round(memory.external / MB, 1),
});

/** The commonest kinds among a holder's new objects. */
function mostly(objects: NewObjects): string {
  return [...objects.kinds]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 3)
    .map(([kind, count]) => `${kind} ×${count}`)
    .join(', ')
    .slice(0, 80);
}

console.log(
  `\nLeaks: ${CYCLES} visits to one board (half new guests by the join link, half one watcher coming back), ` +
    `${AT_ONCE} at a time, each opening the structure document with presence and every lane, syncing, leaving; ` +
    `memory after a forced collection before (after ${WARMUP_CYCLES} warm-up visits) and after.`,
);
const machineBefore = machineNow();
const server = await startServerUnderTest('journeyboard', 1, { inspect: true });
const instance = server.instances[0]!;
const inspector = await InspectorSession.connect(instance.inspectorPort!);
let exitCode = 0;
try {
  const owner = await signUp(instance.url, `owner-${Date.now()}@leaks.bench`);
  const boardId = await createBoard(instance.url, owner, 'Leaks benchmark board');
  const joinToken = await createLink(instance.url, owner, boardId, 'join');
  const watch = await createLink(instance.url, owner, boardId, 'watch');
  const watcherCookie = await watchByLink(instance.url, watch);

  let visits = 0;
  const failures: string[] = [];
  const visit = async (cycle: number) => {
    const way = wayOf(cycle);
    const cookie =
      way === 'guest' ? await joinByLink(instance.url, joinToken, `Guest ${cycle}`) : watcherCookie;
    // What the page asks before it opens the board: its own shell (the web app's, when built) and
    // who is signed in; the client then reads the board's access and opens its documents.
    for (const path of [`/boards/${boardId}`, '/api/auth/me']) {
      const answer = await fetch(`${instance.url}${path}`, { headers: { cookie } });
      await answer.arrayBuffer();
    }
    const client = await JourneyboardClient.connect({
      syncUrl: instance.syncUrl,
      cookie,
      boardId,
      role: way === 'guest' ? 'editor' : 'watcher',
      name: `Visitor ${cycle}`,
    });
    client.destroy();
    visits++;
  };
  const visitAll = async (from: number, count: number) => {
    await mapWithLimit(
      Array.from({ length: count }, (_, i) => from + i),
      AT_ONCE,
      (cycle) =>
        visit(cycle).catch((error: unknown) => {
          failures.push(`visit ${cycle}: ${error instanceof Error ? error.message : String(error)}`);
        }),
    );
  };

  await visitAll(0, WARMUP_CYCLES);
  await pause(SETTLE_MS);
  const before = await inspector.memoryAfterGc();
  if (SNAPSHOT_DIR) {
    mkdirSync(SNAPSHOT_DIR, { recursive: true });
    await inspector.writeHeapSnapshot(join(SNAPSHOT_DIR, 'before.heapsnapshot'));
  }
  console.log(
    `  before: heap ${fmt(before.heapUsed / MB)} MB, RSS ${fmt(before.rss / MB)} MB, external ${fmt(before.external / MB)} MB`,
  );

  const started = performance.now();
  const checkpoints: Checkpoint[] = [toCheckpoint(0, before)];
  const perCheckpoint = Math.ceil(CYCLES / CHECKPOINTS);
  for (let done = 0; done < CYCLES; done += perCheckpoint) {
    const count = Math.min(perCheckpoint, CYCLES - done);
    await visitAll(WARMUP_CYCLES + done, count);
    if (done + count < CYCLES) {
      // Along the way documents may still be open: a trend, not the verdict.
      const memory = toCheckpoint(done + count, await inspector.memoryAfterGc(1));
      checkpoints.push(memory);
      console.log(
        `  ${memory.cycles} visits: heap ${fmt(memory.heapUsedMB)} MB, RSS ${fmt(memory.rssMB)} MB, external ${fmt(memory.externalMB)} MB`,
      );
    }
  }
  const visitSeconds = (performance.now() - started) / 1000;
  if (failures.length > 0) {
    throw new Error(
      `${failures.length} of ${CYCLES + WARMUP_CYCLES} visits failed: ${failures.slice(0, 5).join('; ')}`,
    );
  }
  await pause(SETTLE_MS);
  const after = await inspector.memoryAfterGc();
  checkpoints.push(toCheckpoint(CYCLES, after));

  let growth: HeapGrowth[] = [];
  let holders: NewObjects[] = [];
  if (SNAPSHOT_DIR) {
    await inspector.writeHeapSnapshot(join(SNAPSHOT_DIR, 'after.heapsnapshot'));
    const first = new HeapSnapshot(join(SNAPSHOT_DIR, 'before.heapsnapshot'));
    const last = new HeapSnapshot(join(SNAPSHOT_DIR, 'after.heapsnapshot'));
    growth = compareHeapCounts(first.groups(), last.groups()).slice(0, 15);
    holders = last.newObjectsByHolder(first.ids()).slice(0, 25);
  }

  const change = (key: keyof MemoryUsage) => (after[key] - before[key]) / before[key];
  const heapChange = change('heapUsed');
  const met = heapChange <= TARGET_HEAP_CHANGE;
  const row = (label: string, key: keyof MemoryUsage, target: string) => [
    label,
    fmt(before[key] / MB),
    fmt(after[key] / MB),
    `${change(key) >= 0 ? '+' : ''}${fmt(change(key) * 100)}%`,
    fmt((after[key] - before[key]) / CYCLES, 0),
    target,
  ];
  printTable(
    `Leaks: memory of the server after a forced collection, before and after ${CYCLES} visits (${fmt(visitSeconds, 0)} s)`,
    ['figure', 'before MB', 'after MB', 'change', 'bytes/visit', 'target'],
    [
      row('heap used', 'heapUsed', `≤ +${TARGET_HEAP_CHANGE * 100}%: ${met ? 'met' : 'MISSED'}`),
      row('heap total', 'heapTotal', ''),
      row('RSS', 'rss', ''),
      row('external', 'external', ''),
      row('array buffers', 'arrayBuffers', ''),
    ],
  );
  printTable(
    'Leaks: memory along the way (after a forced collection; documents may be open mid-way)',
    ['visits', 'heap used MB', 'RSS MB', 'external MB'],
    checkpoints.map((point) => [
      point.cycles,
      fmt(point.heapUsedMB),
      fmt(point.rssMB),
      fmt(point.externalMB),
    ]),
  );
  if (SNAPSHOT_DIR) {
    printTable(
      'Leaks: what grew the most between the heap snapshots (kind:constructor, own size)',
      ['objects', 'before', 'after', 'count change', 'size change kB'],
      growth.map((g) => [
        g.key.slice(0, 70),
        g.before.count,
        g.after.count,
        g.countChange,
        fmt(g.sizeChange / 1024, 0),
      ]),
    );
    printTable(
      'Leaks: where the objects new since the first snapshot hang (the nearest old object holding them, and the path)',
      ['held by', 'objects', 'own size kB', 'mostly'],
      holders.map((h) => [h.holder.slice(0, 100), h.count, fmt(h.selfSize / 1024, 0), mostly(h)]),
    );
  }
  writeResults('leaks', {
    scenario: {
      cycles: CYCLES,
      warmupCycles: WARMUP_CYCLES,
      atOnce: AT_ONCE,
      settleMs: SETTLE_MS,
      documentsPerVisit: 5,
      ways: { guest: 'a new guest by the join link', watcher: 'the same watcher by the watch link' },
    },
    machineBefore,
    machineAfter: machineNow(),
    visits,
    visitSeconds: round(visitSeconds, 1),
    before,
    after,
    change: {
      heapUsed: round(heapChange, 4),
      rss: round(change('rss'), 4),
      external: round(change('external'), 4),
      bytesPerVisit: {
        heapUsed: Math.round((after.heapUsed - before.heapUsed) / CYCLES),
        rss: Math.round((after.rss - before.rss) / CYCLES),
        external: Math.round((after.external - before.external) / CYCLES),
      },
    },
    checkpoints,
    newObjectsByHolder: holders.map((h) => ({
      holder: h.holder,
      count: h.count,
      selfSize: h.selfSize,
      kinds: Object.fromEntries(h.kinds),
    })),
    heapGrowth: growth.map((g) => ({
      objects: g.key,
      before: g.before,
      after: g.after,
      countChange: g.countChange,
      sizeChange: g.sizeChange,
    })),
    targets: { heapUsedChange: { target: TARGET_HEAP_CHANGE, measured: round(heapChange, 4), met } },
  });
  if (!met) exitCode = 1;
} finally {
  inspector.close();
  await server.stop();
}
process.exitCode = exitCode;
