// Durability: 50 people add cards to a board while the server is killed with SIGKILL at a random
// moment, then restarted on the same data, 20 times. After each restart a fresh client loads the
// board and every card the server had acknowledged as saved must be there. Figures: acknowledged
// edits lost (target 0), edits in flight at the kill (not acknowledged: they may or may not
// survive), and the restart time: process start to listening, to the first document served (the
// board's structure), and to all of the board's documents served.
// Run: npm run bench (all benchmarks) or node bench/durability.ts [--quick] with Node >= 22.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readCards } from '@journeyboard/board-model';
import { JourneyboardClient } from './lib/board-clients.ts';
import { mapWithLimit, pause } from './lib/concurrency.ts';
import type { DurabilityClientSpec, EditsReport } from './lib/durability-worker.ts';
import { createBoard, createLink, joinByLink, signUp } from './lib/journeyboard-api.ts';
import { median, round } from './lib/latency-summary.ts';
import { QUICK } from './lib/options.ts';
import { fmt, machineNow, printTable, writeResults } from './lib/report.ts';
import { freePort, spawnJourneyboard, type ServerProcess } from './lib/server-under-test.ts';
import { startWorkers } from './lib/worker-pool.ts';

const CLIENTS = QUICK ? 10 : 50;
const CYCLES = QUICK ? 3 : 20;
const WORKERS = 2;
/** Each person adds a card every 100–300 ms: ~5 a second, 250 a second for 50 people. */
const EDIT_INTERVAL_MS = { min: 100, max: 300 };
/** The kill comes at a random moment this long after the edits began. */
const KILL_AFTER_MS = { min: 500, max: 2_500 };

interface Cycle {
  cycle: number;
  killedAfterMs: number;
  acknowledged: number;
  inFlight: number;
  /** Acknowledged cards missing after the restart: must be 0. */
  lost: number;
  /** In-flight cards that were saved all the same. */
  inFlightKept: number;
  listeningMs: number;
  firstDocumentMs: number;
  boardServedMs: number;
  cardsOnBoard: number;
}

const port = await freePort();
const dataDir = mkdtempSync(join(tmpdir(), 'journeyboard-durability-'));
const workers = startWorkers(new URL('./lib/durability-worker.ts', import.meta.url), WORKERS);
let server: ServerProcess | null = null;
const cycles: Cycle[] = [];
console.log(
  `\nDurability: ${CLIENTS} people adding cards (one every ${EDIT_INTERVAL_MS.min}–${EDIT_INTERVAL_MS.max} ms each), ` +
    `SIGKILL ${KILL_AFTER_MS.min / 1000}–${KILL_AFTER_MS.max / 1000} s into the edits, restart, check; ${CYCLES} times.`,
);
const machineBefore = machineNow();
try {
  server = await spawnJourneyboard({ dataDir, port });
  const owner = await signUp(server.url, `owner-${Date.now()}@bench.test`);
  const boardId = await createBoard(server.url, owner, 'Durability board');
  const joinToken = await createLink(server.url, owner, boardId, 'join');
  const cookies = await mapWithLimit(
    Array.from({ length: CLIENTS }, (_, i) => i),
    8,
    (i) => joinByLink(server!.url, joinToken, `Writer ${i}`),
  );

  for (let cycle = 1; cycle <= CYCLES; cycle++) {
    const specs: DurabilityClientSpec[] = cookies.map((cookie, id) => ({
      id,
      syncUrl: server!.syncUrl,
      boardId,
      cookie,
      lane: id,
    }));
    await Promise.all(
      workers.map((worker) =>
        worker.request(
          { type: 'connect', clients: specs.filter((_, k) => k % WORKERS === worker.index) },
          120_000,
        ),
      ),
    );
    const editing = workers.map((worker) =>
      worker.request<EditsReport[]>(
        { type: 'edit', cycle, minMs: EDIT_INTERVAL_MS.min, maxMs: EDIT_INTERVAL_MS.max, timeoutMs: 60_000 },
        90_000,
      ),
    );
    const killAfter = KILL_AFTER_MS.min + Math.random() * (KILL_AFTER_MS.max - KILL_AFTER_MS.min);
    await pause(killAfter);
    await server.stop('SIGKILL');
    const reports = (await Promise.all(editing)).flat();
    await Promise.all(workers.map((worker) => worker.request({ type: 'close' }, 30_000)));

    server = await spawnJourneyboard({ dataDir, port });
    const timings: { structureSynced?: number; allSynced?: number } = {};
    const reader = await JourneyboardClient.connect({
      syncUrl: server.syncUrl,
      cookie: owner,
      boardId,
      role: 'watcher',
      name: 'Checker',
      timings,
    });
    const stored = reader.cardDocs.map((doc) => new Set(readCards(doc).map((card) => card.text)));
    reader.destroy();
    let lost = 0;
    let inFlightKept = 0;
    for (const report of reports) {
      const lane = stored[report.lane % stored.length]!;
      lost += report.acknowledged.filter((text) => !lane.has(text)).length;
      inFlightKept += report.inFlight.filter((text) => lane.has(text)).length;
    }
    const result: Cycle = {
      cycle,
      killedAfterMs: Math.round(killAfter),
      acknowledged: reports.reduce((n, report) => n + report.acknowledged.length, 0),
      inFlight: reports.reduce((n, report) => n + report.inFlight.length, 0),
      lost,
      inFlightKept,
      listeningMs: round(server.listeningAfterMs, 0),
      firstDocumentMs: round(timings.structureSynced! - server.spawnedAt, 0),
      boardServedMs: round(timings.allSynced! - server.spawnedAt, 0),
      cardsOnBoard: stored.reduce((n, lane) => n + lane.size, 0),
    };
    cycles.push(result);
    console.log(
      `  cycle ${cycle}: killed after ${result.killedAfterMs} ms, ${result.acknowledged} acknowledged, ` +
        `${result.inFlight} in flight, ${result.lost} lost; restart: listening ${result.listeningMs} ms, ` +
        `first document ${result.firstDocumentMs} ms`,
    );
  }
} finally {
  await Promise.all(workers.map((worker) => worker.stop()));
  await server?.stop();
  rmSync(dataDir, { recursive: true, force: true });
}

const total = (pick: (c: Cycle) => number) => cycles.reduce((n, c) => n + pick(c), 0);
const lost = total((c) => c.lost);
printTable(
  'Durability: each kill -9 and restart',
  [
    'cycle',
    'killed after ms',
    'acknowledged',
    'in flight',
    'in flight kept',
    'lost',
    'listening ms',
    'first doc ms',
    'board ms',
    'cards',
  ],
  cycles.map((c) => [
    String(c.cycle),
    c.killedAfterMs,
    c.acknowledged,
    c.inFlight,
    c.inFlightKept,
    c.lost,
    c.listeningMs,
    c.firstDocumentMs,
    c.boardServedMs,
    c.cardsOnBoard,
  ]),
);
const summary = {
  kills: cycles.length,
  acknowledged: total((c) => c.acknowledged),
  inFlight: total((c) => c.inFlight),
  inFlightKept: total((c) => c.inFlightKept),
  lost,
  restart: {
    listeningMedianMs: median(cycles.map((c) => c.listeningMs)),
    listeningMaxMs: Math.max(...cycles.map((c) => c.listeningMs)),
    firstDocumentMedianMs: median(cycles.map((c) => c.firstDocumentMs)),
    firstDocumentMaxMs: Math.max(...cycles.map((c) => c.firstDocumentMs)),
    boardServedMedianMs: median(cycles.map((c) => c.boardServedMs)),
    boardServedMaxMs: Math.max(...cycles.map((c) => c.boardServedMs)),
  },
};
printTable(
  'Durability: summary',
  ['figure', 'measured', 'target'],
  [
    ['kills', summary.kills, ''],
    ['acknowledged edits', summary.acknowledged, ''],
    ['acknowledged edits lost', summary.lost, `0: ${summary.lost === 0 ? 'met' : 'MISSED'}`],
    ['in flight at the kill (kept)', `${summary.inFlight} (${summary.inFlightKept})`, 'either way'],
    [
      'restart to listening, median / max (ms)',
      `${fmt(summary.restart.listeningMedianMs, 0)} / ${fmt(summary.restart.listeningMaxMs, 0)}`,
      '',
    ],
    [
      'restart to first document, median / max (ms)',
      `${fmt(summary.restart.firstDocumentMedianMs, 0)} / ${fmt(summary.restart.firstDocumentMaxMs, 0)}`,
      '',
    ],
    [
      'restart to whole board, median / max (ms)',
      `${fmt(summary.restart.boardServedMedianMs, 0)} / ${fmt(summary.restart.boardServedMaxMs, 0)}`,
      '',
    ],
  ],
);
writeResults('durability', {
  config: { clients: CLIENTS, cycles: CYCLES, editIntervalMs: EDIT_INTERVAL_MS, killAfterMs: KILL_AFTER_MS },
  machineBefore,
  machineAfter: machineNow(),
  cycles,
  summary,
  targets: { lost: { target: 0, measured: lost, met: lost === 0 } },
});
if (lost > 0) process.exitCode = 1;
