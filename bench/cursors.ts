// Cursors: one board, 40 people moving their pointer at once (each publishing a cursor and a
// viewport in the board's presence about 15 times a second along a smooth path) and 100 watching
// by the watch link, all real protocol clients in worker processes; 5 s of warm-up, then 20 s
// measured. Figures: the bytes a second each client receives (mean and max, watchers and movers),
// the server's CPU, the cursor's delay from mover to watcher (p50/p99), and, in headless Chromium
// watching the board by its watch link, the time between animation frames for 10 s of it. The
// same load runs against the reference Yjs server (without the browser: its page needs
// Journeyboard) for a ratio. Targets: < 30 kB/s per client, p99 < 100 ms, frame p95 ≤ 16.7 ms.
//
// Run: npm run bench -- cursors (builds the web app first), or node bench/cursors.ts [--quick]
// with Node 24 and web/build present. BENCH_TRIALS and BENCH_SERVERS work as for the fan-out
// benchmarks; CURSORS_BROWSER=0 leaves the browser out (e.g. without Chromium).
import { existsSync } from 'node:fs';
import { cpus } from 'node:os';
import { newId, type PresenceIdentity } from '@journeyboard/board-model';
import { WatchingBrowser } from './cursors-browser.ts';
import { pause } from './lib/concurrency.ts';
import type { CursorClientReport, CursorClientSpec, CursorWorkerReport } from './lib/cursor-worker.ts';
import { createBoard, createLink, joinByLink, signUp, watchByLink } from './lib/journeyboard-api.ts';
import { mapWithLimit } from './lib/concurrency.ts';
import {
  concatSamples,
  median,
  round,
  summariseLatencies,
  type LatencySummary,
} from './lib/latency-summary.ts';
import { QUICK, SERVERS, TRIALS } from './lib/options.ts';
import { CpuMeter, MachineMeter } from './lib/process-stats.ts';
import { fmt, machineNow, printTable, writeResults } from './lib/report.ts';
import { startServerUnderTest, type ServerKind, type ServerUnderTest } from './lib/server-under-test.ts';
import { startWorkers, type ClientWorker } from './lib/worker-pool.ts';

const WORKER_SCRIPT = new URL('./lib/cursor-worker.ts', import.meta.url);
const WEB_BUILD = new URL('../web/build/handler.js', import.meta.url).pathname;

const SCENARIO = {
  movers: QUICK ? 8 : 40,
  watchers: QUICK ? 20 : 100,
  /** Cursor updates a second per mover (the page sends at most 15 while the pointer moves). */
  rate: 15,
  warmupSeconds: QUICK ? 2 : 5,
  loadSeconds: QUICK ? 6 : 20,
  /** Frames recorded in the watching browser, in the middle of the measured window. */
  frameSeconds: QUICK ? 3 : 10,
  /** Frames recorded before anyone moves: the floor of this machine and browser. */
  idleFrameSeconds: QUICK ? 2 : 5,
  workers: QUICK ? 2 : 4,
  browser: process.env.CURSORS_BROWSER !== '0',
};
const TARGETS = { kBPerSecondPerClient: 30, p99Ms: 100, frameP95Ms: 16.7 };
/** How far a frame's timestamp strays from the 60 Hz beat without the frame being slow (as big-board). */
const FRAME_JITTER_MS = 0.2;
/** A frame that took this long missed a refresh at 60 Hz. */
const LATE_FRAME_MS = 25;
/** Time after everyone connected for the initial sync and presence traffic to die down. */
const SETTLE_MS = 2_000;
/** Time after the last cursor is sent for the last deliveries to arrive. */
const DRAIN_MS = 1_500;
const KB = 1000;

interface BytesFigures {
  meanKBps: number;
  maxKBps: number;
}

interface CursorTrial {
  server: ServerKind;
  trial: number;
  connections: number;
  cursorsSent: number;
  /** Every cursor sent in the window, at every watcher. */
  expectedAtWatchers: number;
  deliveredAtWatchers: number;
  latencyMs: LatencySummary;
  /** On the wire: what each client's TCP socket received (compressed where the server compressed). */
  watcherWire: BytesFigures;
  moverWire: BytesFigures;
  /** As the client reads them: WebSocket payloads (inflated) plus frame headers. */
  watcherBytes: BytesFigures;
  moverBytes: BytesFigures;
  /** Share of the connections that agreed to permessage-deflate. */
  deflatingShare: number;
  /** What a mover sends, kB/s (mean): payloads plus frame headers and masks. */
  moverSentKBps: number;
  /** What a mover's TCP socket sends, kB/s (mean). */
  moverSentWireKBps: number;
  /** What a watcher would receive with permessage-deflate (kB/s; the mean of one watcher per worker). */
  watcherDeflatedKBps: number;
  /** Messages a second a watcher receives (mean): how far the server batches. */
  watcherMessagesPerSecond: number;
  /** Cursor positions a second a watcher takes in (mean), of movers × rate sent. */
  watcherCursorsPerSecond: number;
  sampleState: string | null;
  sampleStateBytes: number | null;
  serverCpuCores: number;
  serverCpuMsPerCursor: number;
  clientCpuCores: number;
  clientLoopDelayP99Ms: number;
  othersCpuCores: number;
  disconnects: number;
  browser: BrowserFigures | null;
}

interface BrowserFigures {
  idle: FrameFigures;
  moving: FrameFigures;
  receivedKBps: number;
}

interface FrameFigures {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  lateShare: number;
  deltas: number[];
}

function frameFigures(deltas: number[]): FrameFigures {
  const summary = summariseLatencies(Float64Array.from(deltas));
  return {
    count: summary.count,
    p50: summary.p50,
    p95: summary.p95,
    p99: summary.p99,
    max: summary.max,
    lateShare: round(deltas.filter((d) => d > LATE_FRAME_MS).length / Math.max(1, deltas.length), 4),
    deltas: deltas.map((d) => round(d, 2)),
  };
}

function bytesFigures(
  clients: CursorClientReport[],
  seconds: number,
  pick: (client: CursorClientReport) => number,
): BytesFigures {
  const rates = clients.map((client) => pick(client) / KB / seconds);
  return {
    meanKBps: round(rates.reduce((a, b) => a + b, 0) / Math.max(1, rates.length), 2),
    maxKBps: round(Math.max(...rates), 2),
  };
}

const roleOf = (k: number): 'mover' | 'watcher' => (k < SCENARIO.movers ? 'mover' : 'watcher');
const people = () => Array.from({ length: SCENARIO.movers + SCENARIO.watchers }, (_, k) => k);

/** One owner, one board, its links; movers join by the join link (guests of Sales), watchers watch. */
async function prepareJourneyboard(server: ServerUnderTest) {
  const url = server.instances[0]!.url;
  const owner = await signUp(url, `owner-${Date.now()}@cursors.bench`);
  const boardId = await createBoard(url, owner, 'Cursor benchmark board');
  const join = await createLink(url, owner, boardId, 'join');
  const watch = await createLink(url, owner, boardId, 'watch');
  const cookies = await mapWithLimit(people(), 8, (k) =>
    roleOf(k) === 'mover' ? joinByLink(url, join, `Mover ${k}`) : watchByLink(url, watch),
  );
  const specs = people().map((k): CursorClientSpec => ({
    id: k,
    role: roleOf(k),
    syncUrl: server.instances[0]!.syncUrl,
    boardId,
    cookie: cookies[k]!,
  }));
  return { specs, watchToken: watch };
}

/**
 * The reference stamps nothing: each client publishes itself the record Journeyboard's server
 * would relay for it (same fields, same lengths), so that both servers carry the same bytes.
 */
function prepareReference(server: ServerUnderTest): CursorClientSpec[] {
  return people().map((k) => {
    const identity: PresenceIdentity =
      roleOf(k) === 'mover'
        ? {
            // A guest's id is 16 characters long.
            userId: `${newId()}${newId()}`.slice(0, 16),
            name: `Mover ${k}`,
            role: 'participant',
            departmentId: 'dept-sales',
            guest: true,
            watcher: false,
          }
        : { userId: null, name: '', role: 'viewer', departmentId: null, guest: false, watcher: true };
    return {
      id: k,
      role: roleOf(k),
      syncUrl: server.instances[0]!.syncUrl,
      docName: 'cursors-board',
      identity,
    };
  });
}

async function runTrial(kind: ServerKind, trial: number): Promise<CursorTrial> {
  const server = await startServerUnderTest(kind);
  let workers: ClientWorker[] = [];
  let browser: WatchingBrowser | null = null;
  try {
    const prepared = kind === 'journeyboard' ? await prepareJourneyboard(server) : null;
    const specs = prepared ? prepared.specs : prepareReference(server);
    workers = startWorkers(WORKER_SCRIPT, SCENARIO.workers);
    const connected = await Promise.all(
      workers.map((worker) =>
        worker.request<{ connected: number; failures: string[] }>(
          {
            type: 'connect',
            clients: specs.filter((_, k) => k % workers.length === worker.index),
            concurrency: 10,
          },
          180_000,
        ),
      ),
    );
    const connectedCount = connected.reduce((n, result) => n + result.connected, 0);
    if (connectedCount !== specs.length) {
      const failures = connected.flatMap((result) => result.failures);
      throw new Error(`only ${connectedCount} of ${specs.length} clients connected: ${failures.join('; ')}`);
    }
    await pause(SETTLE_MS);

    let idleFrames: number[] | null = null;
    if (prepared && SCENARIO.browser) {
      browser = await WatchingBrowser.open(server.instances[0]!.url, prepared.watchToken);
      idleFrames = await browser.frameIntervals(SCENARIO.idleFrameSeconds * 1000);
    }

    const startAt = Date.now() + 1_000;
    const measureFrom = startAt + SCENARIO.warmupSeconds * 1000;
    const measureTo = measureFrom + SCENARIO.loadSeconds * 1000;
    const loading = workers.map((worker) =>
      worker.request(
        { type: 'load', startAt, measureFrom, measureTo, rate: SCENARIO.rate },
        measureTo - Date.now() + 60_000,
      ),
    );
    await pause(measureFrom - Date.now());
    const serverCpu = new CpuMeter(server.pids);
    const clientCpu = new CpuMeter(workers.map((worker) => worker.pid));
    const machine = new MachineMeter();
    browser?.countBytes(true);
    const framing = browser
      ? pause(((SCENARIO.loadSeconds - SCENARIO.frameSeconds) * 1000) / 2).then(() =>
          browser!.frameIntervals(SCENARIO.frameSeconds * 1000),
        )
      : null;
    await Promise.all(loading);
    const cpu = serverCpu.read();
    const clientCores = clientCpu.read().cores;
    const machineLoad = machine.read();
    browser?.countBytes(false);
    const browserBytes = browser?.received.bytes ?? 0;
    const movingFrames = framing ? await framing : null;
    await pause(DRAIN_MS);
    const reports = await Promise.all(
      workers.map((worker) => worker.request<CursorWorkerReport>({ type: 'report' }, 60_000)),
    );
    await Promise.all(workers.map((worker) => worker.request({ type: 'close' }, 60_000)));

    const seconds = SCENARIO.loadSeconds;
    const clients = reports.flatMap((report) => report.clients);
    const watchers = clients.filter((client) => client.role === 'watcher');
    const movers = clients.filter((client) => client.role === 'mover');
    const cursorsSent = movers.reduce((n, mover) => n + mover.cursorsSent, 0);
    const latencies = concatSamples(reports.map((report) => report.latencies));
    const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);
    const sampleState = reports.find((report) => report.sampleState !== null)?.sampleState ?? null;
    return {
      server: kind,
      trial,
      connections: specs.length,
      cursorsSent,
      expectedAtWatchers: cursorsSent * watchers.length,
      deliveredAtWatchers: latencies.length,
      latencyMs: summariseLatencies(latencies),
      watcherWire: bytesFigures(watchers, seconds, (client) => client.wireIn),
      moverWire: bytesFigures(movers, seconds, (client) => client.wireIn),
      watcherBytes: bytesFigures(watchers, seconds, (client) => client.bytesIn),
      moverBytes: bytesFigures(movers, seconds, (client) => client.bytesIn),
      deflatingShare: round(
        clients.filter((client) => client.deflating).length / Math.max(1, clients.length),
        3,
      ),
      watcherDeflatedKBps: round(
        mean(reports.flatMap((report) => (report.deflated ? [report.deflated.bytes / KB / seconds] : []))),
        2,
      ),
      moverSentKBps: round(mean(movers.map((mover) => mover.bytesOut / KB / seconds)), 2),
      moverSentWireKBps: round(mean(movers.map((mover) => mover.wireOut / KB / seconds)), 2),
      watcherMessagesPerSecond: round(mean(watchers.map((w) => w.messagesIn / seconds)), 1),
      watcherCursorsPerSecond: round(mean(watchers.map((w) => w.cursorsIn / seconds)), 1),
      sampleState,
      sampleStateBytes: sampleState === null ? null : Buffer.byteLength(sampleState),
      serverCpuCores: round(cpu.cores, 3),
      serverCpuMsPerCursor: round(cpu.cpuMs / Math.max(1, cursorsSent), 3),
      clientCpuCores: round(clientCores, 3),
      clientLoopDelayP99Ms: round(Math.max(...reports.map((report) => report.loopDelayP99Ms)), 1),
      othersCpuCores: round(Math.max(0, machineLoad.cpuCores - cpu.cores - clientCores), 2),
      disconnects: reports.reduce((n, report) => n + report.disconnects, 0),
      browser:
        idleFrames && movingFrames
          ? {
              idle: frameFigures(idleFrames),
              moving: frameFigures(movingFrames),
              receivedKBps: round(browserBytes / KB / seconds, 2),
            }
          : null,
    };
  } finally {
    await browser?.close();
    await Promise.all(workers.map((worker) => worker.stop()));
    await server.stop();
  }
}

if (SCENARIO.browser && SERVERS.includes('journeyboard') && !existsSync(WEB_BUILD)) {
  throw new Error(
    'the web app is not built (web/build has no handler.js): run `pnpm --filter @journeyboard/web build` ' +
      '(npm run bench builds it), or leave the browser out with CURSORS_BROWSER=0',
  );
}

console.log(
  `\nCursors: one board, ${SCENARIO.movers} people moving their cursor (${SCENARIO.rate} updates/s each) and ` +
    `${SCENARIO.watchers} watching; ${SCENARIO.warmupSeconds} s warm-up, ${SCENARIO.loadSeconds} s measured per ` +
    `server, ${TRIALS} trial(s), ${SCENARIO.workers} client worker processes, ${cpus().length} cores` +
    `${SCENARIO.browser ? `; a watching Chromium records ${SCENARIO.frameSeconds} s of frames` : ''}.`,
);
const machineBefore = machineNow();
const trials: CursorTrial[] = [];
for (let trial = 1; trial <= TRIALS; trial++) {
  // Alternate which server goes first, so a trend in the machine's load favours neither.
  const order: ServerKind[] = trial % 2 === 1 ? ['journeyboard', 'reference'] : ['reference', 'journeyboard'];
  for (const kind of order.filter((server) => SERVERS.includes(server))) {
    console.log(`  trial ${trial}: ${kind}…`);
    const result = await runTrial(kind, trial);
    console.log(
      `    watchers ${fmt(result.watcherWire.meanKBps)} kB/s on the wire (max ${fmt(result.watcherWire.maxKBps)}; ` +
        `${fmt(result.watcherBytes.meanKBps)} kB/s inflated), ` +
        `p50 ${fmt(result.latencyMs.p50)} ms, p99 ${fmt(result.latencyMs.p99)} ms, ` +
        `CPU ${fmt(result.serverCpuCores * 100, 0)}% of a core` +
        (result.browser ? `, frame p95 ${fmt(result.browser.moving.p95)} ms` : ''),
    );
    trials.push(result);
  }
}

const pct = (part: number, whole: number) => `${fmt((100 * part) / Math.max(1, whole), 2)}%`;
printTable(
  'Cursors: each trial',
  [
    'trial / server',
    'watcher wire kB/s mean',
    'max',
    'mover wire kB/s mean',
    'max',
    'watcher inflated kB/s',
    'deflate',
    'msgs/s',
    'cursors/s',
    'p50 ms',
    'p95 ms',
    'p99 ms',
    'max ms',
    'delivered',
    'CPU %core',
    'client loop p99 ms',
    "others' CPU %core",
    'frame p95 ms',
  ],
  trials.map((t) => [
    `${t.trial} ${t.server}`,
    fmt(t.watcherWire.meanKBps),
    fmt(t.watcherWire.maxKBps),
    fmt(t.moverWire.meanKBps),
    fmt(t.moverWire.maxKBps),
    fmt(t.watcherBytes.meanKBps),
    pct(t.deflatingShare, 1),
    fmt(t.watcherMessagesPerSecond, 0),
    fmt(t.watcherCursorsPerSecond, 0),
    fmt(t.latencyMs.p50),
    fmt(t.latencyMs.p95),
    fmt(t.latencyMs.p99),
    fmt(t.latencyMs.max),
    pct(t.deliveredAtWatchers, t.expectedAtWatchers),
    fmt(t.serverCpuCores * 100, 0),
    fmt(t.clientLoopDelayP99Ms),
    fmt(t.othersCpuCores * 100, 0),
    fmt(t.browser?.moving.p95),
  ]),
);

const of = (server: ServerKind, pick: (t: CursorTrial) => number | null | undefined) =>
  round(median(trials.filter((t) => t.server === server).map((t) => pick(t) ?? NaN)), 2);
const figure = (pick: (t: CursorTrial) => number | null | undefined) => ({
  ours: of('journeyboard', pick),
  reference: of('reference', pick),
});
const figures = {
  watcherWireMeanKBps: figure((t) => t.watcherWire.meanKBps),
  watcherWireMaxKBps: figure((t) => t.watcherWire.maxKBps),
  moverWireMeanKBps: figure((t) => t.moverWire.meanKBps),
  moverWireMaxKBps: figure((t) => t.moverWire.maxKBps),
  moverSentWireKBps: figure((t) => t.moverSentWireKBps),
  deflatingShare: figure((t) => t.deflatingShare),
  watcherMeanKBps: figure((t) => t.watcherBytes.meanKBps),
  watcherMaxKBps: figure((t) => t.watcherBytes.maxKBps),
  moverMeanKBps: figure((t) => t.moverBytes.meanKBps),
  moverMaxKBps: figure((t) => t.moverBytes.maxKBps),
  moverSentKBps: figure((t) => t.moverSentKBps),
  watcherDeflatedKBps: figure((t) => t.watcherDeflatedKBps),
  watcherMessagesPerSecond: figure((t) => t.watcherMessagesPerSecond),
  sampleStateBytes: figure((t) => t.sampleStateBytes),
  p50Ms: figure((t) => t.latencyMs.p50),
  p95Ms: figure((t) => t.latencyMs.p95),
  p99Ms: figure((t) => t.latencyMs.p99),
  deliveredPercent: figure((t) => (100 * t.deliveredAtWatchers) / Math.max(1, t.expectedAtWatchers)),
  serverCpuCores: figure((t) => t.serverCpuCores),
  serverCpuMsPerCursor: figure((t) => t.serverCpuMsPerCursor),
  browserKBps: figure((t) => t.browser?.receivedKBps),
  frameIdleP95Ms: figure((t) => t.browser?.idle.p95),
  frameP95Ms: figure((t) => t.browser?.moving.p95),
  frameLateShare: figure((t) => t.browser?.moving.lateShare),
};
// The target is about the network: bytes on the wire, as compressed as the connection agreed.
const worstClientKBps = Math.max(figures.watcherWireMaxKBps.ours, figures.moverWireMaxKBps.ours);
const met = {
  kBPerSecondPerClient: worstClientKBps < TARGETS.kBPerSecondPerClient,
  p99: figures.p99Ms.ours < TARGETS.p99Ms,
  frameP95: figures.frameP95Ms.ours <= TARGETS.frameP95Ms + FRAME_JITTER_MS,
};
const verdict = (ok: boolean, measured: number) =>
  Number.isFinite(measured) ? (ok ? 'met' : 'MISSED') : '—';
const ratio = (f: { ours: number; reference: number }, digits = 2) => fmt(f.ours / f.reference, digits);
const row = (name: string, f: { ours: number; reference: number }, digits: number, target = '') => [
  name,
  fmt(f.ours, digits),
  fmt(f.reference, digits),
  ratio(f),
  target,
];
printTable(
  `Cursors: medians over ${TRIALS} trial(s) (kB = 1000 bytes; "wire": what each client's TCP socket received)`,
  ['figure', 'Journeyboard', 'reference', 'ratio', 'target'],
  [
    [
      'connections with permessage-deflate',
      `${fmt(figures.deflatingShare.ours * 100, 0)}%`,
      `${fmt(figures.deflatingShare.reference * 100, 0)}%`,
      '',
      '',
    ],
    row(
      'watcher receives on the wire, mean (kB/s)',
      figures.watcherWireMeanKBps,
      2,
      `< ${TARGETS.kBPerSecondPerClient} per client: ${verdict(met.kBPerSecondPerClient, worstClientKBps)}`,
    ),
    row('watcher receives on the wire, max (kB/s)', figures.watcherWireMaxKBps, 2),
    row('mover receives on the wire, mean (kB/s)', figures.moverWireMeanKBps, 2),
    row('mover receives on the wire, max (kB/s)', figures.moverWireMaxKBps, 2),
    row('mover sends on the wire, mean (kB/s)', figures.moverSentWireKBps, 2),
    row('watcher reads, inflated, mean (kB/s)', figures.watcherMeanKBps, 2),
    row('watcher reads, inflated, max (kB/s)', figures.watcherMaxKBps, 2),
    row('mover reads, inflated, mean (kB/s)', figures.moverMeanKBps, 2),
    row('mover sends, uncompressed, mean (kB/s)', figures.moverSentKBps, 2),
    row('watcher, deflated here (one context, 1 kB threshold; kB/s)', figures.watcherDeflatedKBps, 2),
    row('messages a watcher receives (/s)', figures.watcherMessagesPerSecond, 0),
    row("one mover's state as relayed (bytes)", figures.sampleStateBytes, 0),
    row('cursor delay p50 (ms)', figures.p50Ms, 1),
    row('cursor delay p95 (ms)', figures.p95Ms, 1),
    row(
      'cursor delay p99 (ms)',
      figures.p99Ms,
      1,
      `< ${TARGETS.p99Ms} ms: ${verdict(met.p99, figures.p99Ms.ours)}`,
    ),
    [
      'cursors delivered to watchers',
      `${fmt(figures.deliveredPercent.ours, 2)}%`,
      `${fmt(figures.deliveredPercent.reference, 2)}%`,
      '',
      '',
    ],
    row(
      'server CPU (% of a core)',
      { ours: figures.serverCpuCores.ours * 100, reference: figures.serverCpuCores.reference * 100 },
      0,
    ),
    row('server CPU per cursor update (ms)', figures.serverCpuMsPerCursor, 3),
    ['browser reads, inflated (kB/s)', fmt(figures.browserKBps.ours, 2), '—', '', ''],
    ['browser frames p95, nobody moving (ms)', fmt(figures.frameIdleP95Ms.ours), '—', '', ''],
    [
      `browser frames p95, ${SCENARIO.movers} moving (ms)`,
      fmt(figures.frameP95Ms.ours),
      '—',
      '',
      `≤ ${TARGETS.frameP95Ms} ms: ${verdict(met.frameP95, figures.frameP95Ms.ours)}`,
    ],
    [`browser frames over ${LATE_FRAME_MS} ms`, `${fmt(figures.frameLateShare.ours * 100)}%`, '—', '', ''],
  ],
);
console.log(
  `Delay: from a mover's awareness change to a watcher's awareness taking it in, every watcher, cursors sent ` +
    `in the measured window (a cursor the server coalesced away is not delivered). Cursors' x carries the send ` +
    `time as its fraction (17 significant digits, the longest a number gets in JSON). Frames: time between ` +
    `animation frames in the watching page; a p95 within ${FRAME_JITTER_MS} ms of the target counts as met.\n` +
    `Clients offer permessage-deflate as Chromium does; the reference (@y/websocket-server) runs ws with it off, ` +
    `ws's default, and is measured as it is: its wire bytes are uncompressed.\n` +
    `Relayed state (Journeyboard): ${trials.find((t) => t.server === 'journeyboard')?.sampleState ?? '—'}\n`,
);

// Coalescing drops superseded states (Journeyboard relays in windows), so "delivered" under 100%
// alone is no sign; half of the cursors missing, or clients' event loops 100 ms late, are.
const behind = trials.filter(
  (t) => t.deliveredAtWatchers < 0.5 * t.expectedAtWatchers || t.clientLoopDelayP99Ms > 100,
);
if (behind.length > 0) {
  console.log(
    `Clients fell behind in ${behind.map((t) => `trial ${t.trial} ${t.server}`).join(', ')}: under half of the ` +
      `cursors reached the watchers in time, or their event loops ran over 100 ms late (see others' CPU). ` +
      `Those figures are the ` +
      `machine's, not the server's: bytes are counted as the clients take them in, so they read low too.\n`,
  );
}

writeResults('cursors', {
  scenario: SCENARIO,
  machineBefore,
  machineAfter: machineNow(),
  trials,
  medians: figures,
  targets: {
    kBPerSecondPerClient: {
      target: TARGETS.kBPerSecondPerClient,
      measuredWorstClient: worstClientKBps,
      met: met.kBPerSecondPerClient,
    },
    p99: { targetMs: TARGETS.p99Ms, measuredMs: figures.p99Ms.ours, met: met.p99 },
    frameP95: { targetMs: TARGETS.frameP95Ms, measuredMs: figures.frameP95Ms.ours, met: met.frameP95 },
  },
});
