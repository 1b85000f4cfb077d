// A big board, end to end, at each size asked for (5,000 then 10,000 cards): Journeyboard's server
// on loopback over a data folder of its own, the board written through the API and real sync
// clients, then
//   - the encoded size of all the board's documents,
//   - the server's cold load: a fresh client opens every document of the board while none of them
//     is in the server's memory, right after a restart, then in the running server, first quiet,
//     then while the relay benchmark's load runs on 100 other boards of the same server,
//   - in headless Chromium (without the relay load): the first render, and the time between frames
//     while idle, panning, panning while others edit, and zooming.
// Prints a table per size and writes bench/results/big-board.json. Exits with 1 only when the
// board does not fit its size target (2 MB, at sizes up to 5,000 cards; the timings depend on the
// machine: read them with its load average).
//
// Run: npm run bench (builds the web app first), or node bench/big-board.ts [--quick] with Node 24
// and web/build present. Environment: BIG_BOARD_CARDS (5000,10000; 1000,2000 quick; one size or
// several), BIG_BOARD_COLD_LOADS (30; 5 quick: for each kind of cold load), BIG_BOARD_BACKGROUND
// (1; 0 leaves the relay load out), BIG_BOARD_BROWSER_TRIALS (5; 1 quick), BIG_BOARD_DURATION_MS
// (4000; 2000 quick), BIG_BOARD_VIEWPORT (1280x720), BIG_BOARD_PROFILE=folder (Chromium CPU
// profiles of each phase), BIG_BOARD_WEB_BUILD=folder (another build of the web app, to compare),
// BENCH_CPU_PROF=folder (the server's CPU profiles, one per process, a folder per size),
// CHROMIUM_PATH.
import { join, resolve } from 'node:path';
import { structureDocName } from '@journeyboard/board-model';
import { type BackgroundFigures, BackgroundLoad, type BackgroundSettings } from './big-board-background.ts';
import { type BrowserTrial, browserTrial } from './big-board-browser.ts';
import { generateBigBoard } from './big-board-generate.ts';
import { liveEdits } from './big-board-live-edits.ts';
import {
  type BoardLoad,
  cellLayout,
  coldLoad,
  coldLoadInRunningServer,
  encodedSize,
  laneIdsOf,
} from './big-board-load.ts';
import type { FrameRun } from './big-board-page.ts';
import { BenchServer, createBigBoard, signUpOwner } from './big-board-server.ts';
import { median, round, summariseLatencies } from './lib/latency-summary.ts';
import { CPU_PROFILE_DIR, QUICK } from './lib/options.ts';
import { fmt, machineNow, printTable, writeResults } from './lib/report.ts';

const TARGETS = {
  encodedMB: 2,
  /** The encoded size is judged at sizes up to this many cards (the target is 5,000 cards' size). */
  encodedSizeUpToCards: 5000,
  coldLoadP99Ms: 300,
  firstRenderMs: 1500,
  frameP95Ms: 16.7,
  /** The relay benchmark's own target, for the relay load's fan-out while the big board loads. */
  backgroundFanoutP99Ms: 50,
};
/** How far a frame's timestamp strays from the 60 Hz beat (16.67 ms) without the frame being slow. */
const FRAME_JITTER_MS = 0.2;
/** A frame that took this long missed a refresh at 60 Hz. */
const LATE_FRAME_MS = 25;
/** Edits a second by other people while the page pans, in the live run. */
const LIVE_EDITS_PER_SECOND = 20;

const setting = (name: string, normal: number, quick = normal) => {
  const value = Number(process.env[name] ?? (QUICK ? quick : normal));
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number`);
  return value;
};
const sizes = (process.env.BIG_BOARD_CARDS ?? (QUICK ? '1000,2000' : '5000,10000'))
  .split(',')
  .map((size) => Number(size.trim()));
if (sizes.some((cards) => !Number.isInteger(cards) || cards <= 0)) {
  throw new Error('BIG_BOARD_CARDS must be a number of cards, or several separated by commas');
}
const coldLoads = setting('BIG_BOARD_COLD_LOADS', 30, 5);
const browserTrials = setting('BIG_BOARD_BROWSER_TRIALS', 5, 1);
const withBackground = process.env.BIG_BOARD_BACKGROUND !== '0';
/** The relay benchmark's load (relay.ts), a tenth of it in a quick run. */
const BACKGROUND: BackgroundSettings = QUICK
  ? { boards: 10, editors: 25, watchers: 75, intervalMs: 1000, workers: 2 }
  : { boards: 100, editors: 250, watchers: 750, intervalMs: 1000, workers: 4 };
const [width, height] = (process.env.BIG_BOARD_VIEWPORT ?? '1280x720').split('x').map(Number) as [
  number,
  number,
];
const browserOptions = {
  viewport: { width, height },
  durationMs: setting('BIG_BOARD_DURATION_MS', 4000, 2000),
  panSpeed: 3000,
  wheelDelta: 8,
  profileDir: process.env.BIG_BOARD_PROFILE ? resolve(process.env.BIG_BOARD_PROFILE) : null,
};

type RunKind = 'idle' | 'pan' | 'panLive' | 'zoom';
const RUNS: [RunKind, string][] = [
  ['idle', 'idle (noise floor)'],
  ['pan', `pan at ${browserOptions.panSpeed} px/s`],
  ['panLive', `pan, ${LIVE_EDITS_PER_SECOND} edits/s by others`],
  ['zoom', 'zoom, 5 gestures'],
];

const ms = (value: number | null) => `${fmt(value)} ms`;
const summarise = (values: number[]) => summariseLatencies(Float64Array.from(values));
const verdict = (ok: boolean | undefined) => (ok === undefined ? '' : ok ? 'met' : 'MISSED');
const list = (values: number[], digits = 0) => values.map((v) => fmt(v, digits)).join(', ');
const backgroundName = `${BACKGROUND.editors} editing, ${BACKGROUND.watchers} watching on ${BACKGROUND.boards} boards`;

/** A series of cold loads of one kind: the client's times and the server's storage time. */
function coldSeries(loads: (BoardLoad & { warmRetries?: number })[]) {
  return {
    summary: summarise(loads.map((l) => l.ms)),
    trials: loads.map((l) => round(l.ms, 1)),
    /** The durability extension's onLoadDocument (read from storage, apply), all documents summed. */
    serverStorageMsSum: summarise(loads.map((l) => l.storageMs.sum)),
    /** …and of the slowest document of each load. */
    serverStorageMsMax: summarise(loads.map((l) => l.storageMs.max)),
    /** The server's CPU over each load (under the relay load, the relay's share too). */
    serverCpuMs: summarise(loads.map((l) => l.serverCpuMs)),
    /** The client's own CPU over each load: reading the documents as they arrive. */
    clientCpuMs: summarise(loads.map((l) => l.clientCpuMs)),
    warmRetries: loads.reduce((n, l) => n + (l.warmRetries ?? 0), 0),
  };
}
type ColdSeries = ReturnType<typeof coldSeries>;

/** Runs every measurement for a board of `cards` cards on a server of its own; prints its table. */
async function measureSize(cards: number) {
  const cpuProfileDir = CPU_PROFILE_DIR ? join(resolve(CPU_PROFILE_DIR), `${cards}-cards`) : null;
  const server = await BenchServer.start({ cpuProfileDir });
  let background: BackgroundLoad | null = null;
  try {
    console.log(
      `\nBig board: ${cards} cards${QUICK ? ' (quick run)' : ''}; load average ${machineNow().loadAverage[0]}`,
    );
    const owner = await signUpOwner(server);
    const boardId = await createBigBoard(server, owner);
    const generated = await generateBigBoard(server, owner, boardId, cards);
    console.log(
      `generated: ${generated.stages} stages × ${generated.lanes} lanes, ${generated.cards} cards, ` +
        `${generated.comments} comments, ${generated.updates} updates by ${generated.writers} clients ` +
        `in ${(generated.ms / 1000).toFixed(1)} s`,
    );

    // The lane ids, from a first load; every cold load after it opens the same documents.
    const first = await coldLoad(server, owner, boardId, [], true);
    const laneIds = laneIdsOf(first.docs.get(structureDocName(boardId))!);
    const restartLoads: BoardLoad[] = [];
    let docs = first.docs;
    for (let i = 0; i < coldLoads; i++) {
      const load = await coldLoad(server, owner, boardId, laneIds, i === coldLoads - 1);
      restartLoads.push(load);
      if (i === coldLoads - 1) docs = load.docs;
      console.log(`cold load ${i + 1} after a restart: ${ms(load.ms)}`);
    }
    const size = encodedSize(server, boardId, laneIds, docs);
    const layout = cellLayout(boardId, docs);
    const shownCards = Object.values(layout).reduce((n, ids) => n + ids.length, 0);
    if (shownCards !== cards) throw new Error(`the board holds ${shownCards} cards, not ${cards}`);

    // From here the server keeps running: cold loads of a board nobody has open, quiet and then
    // beside the relay load. Times are from the process's start, to read its CPU profile with.
    const sinceSpawn = () => round((performance.now() - server.spawnedAt) / 1000, 1);
    const phases: Record<string, [number, number]> = {};
    const series = async (name: string, label: string) => {
      const from = sinceSpawn();
      const loads = [];
      for (let i = 0; i < coldLoads; i++) {
        const load = await coldLoadInRunningServer(server, owner, boardId, laneIds);
        loads.push(load);
        console.log(`cold load ${i + 1} in the running server, ${label}: ${ms(load.ms)}`);
      }
      phases[name] = [from, sinceSpawn()];
      return coldSeries(loads);
    };
    const quiet = await series('quiet', 'quiet');
    let underLoad: ColdSeries | null = null;
    let backgroundFigures: BackgroundFigures | null = null;
    if (withBackground) {
      background = await BackgroundLoad.connect(server, BACKGROUND);
      await background.start();
      underLoad = await series('underLoad', `relay load (${backgroundName})`);
      backgroundFigures = await background.stop();
      await background.dispose();
      background = null;
      console.log(
        `relay load during those loads: fan-out p50 ${ms(backgroundFigures.latencyMs.p50)}, p99 ` +
          `${ms(backgroundFigures.latencyMs.p99)}, ${backgroundFigures.delivered}/${backgroundFigures.expectedDeliveries} ` +
          `delivered; server CPU ${fmt(backgroundFigures.serverCpuCores * 100, 0)}% of a core`,
      );
    }
    const runningPid = server.pid;

    const others = liveEdits(server, owner, boardId, layout, LIVE_EDITS_PER_SECOND);
    const trials: BrowserTrial[] = [];
    for (let i = 0; i < browserTrials; i++) {
      const trial = await browserTrial(server, owner, boardId, layout, browserOptions, i + 1, others);
      trials.push(trial);
      const p95 = (run: FrameRun) => ms(summarise(run.deltas).p95);
      console.log(
        `browser ${i + 1}: first render ${ms(trial.marks.paintedAt)} (first card ${ms(trial.marks.firstCardAt)}, ` +
          `all saved ${ms(trial.marks.savedAt)}, ${trial.marks.cardsInDom} cards in the DOM); frame p95: ` +
          `idle ${p95(trial.idle)}, pan ${p95(trial.pan)}, pan+live ${p95(trial.panLive)}, zoom ${p95(trial.zoom)} ` +
          `(${trial.pan.covered}; ${trial.panLive.covered}; ${trial.zoom.covered})`,
      );
    }

    const restart = coldSeries(restartLoads);
    const firstRenders = trials.map((t) => t.marks.paintedAt ?? Number.NaN);
    const frames = RUNS.map(([kind, name]) => {
      const deltas = trials.flatMap((t) => t[kind].deltas);
      const p95s = trials.map((t) => summarise(t[kind].deltas).p95);
      return {
        kind,
        name,
        p95s,
        p95: median(p95s),
        pooled: summarise(deltas),
        lateShare: deltas.filter((d) => d > LATE_FRAME_MS).length / deltas.length,
      };
    });
    const encodedMB = size.totalBytes / 1e6;
    // A page without zoom has nothing to measure there: that misses the target too.
    const zoomed = trials.every((t) => t.zoom.zoomed);
    const met: Record<string, boolean> = {
      coldLoad: restart.summary.p99 <= TARGETS.coldLoadP99Ms,
      coldLoadQuiet: quiet.summary.p99 <= TARGETS.coldLoadP99Ms,
      firstRender: median(firstRenders) <= TARGETS.firstRenderMs,
    };
    if (cards <= TARGETS.encodedSizeUpToCards) met.encodedSize = encodedMB <= TARGETS.encodedMB;
    if (underLoad) met.coldLoadUnderLoad = underLoad.summary.p99 <= TARGETS.coldLoadP99Ms;
    if (backgroundFigures) {
      met.backgroundFanout =
        backgroundFigures.latencyMs.p99 <= TARGETS.backgroundFanoutP99Ms &&
        backgroundFigures.delivered === backgroundFigures.expectedDeliveries;
    }
    for (const f of frames) {
      if (f.kind !== 'idle') met[`${f.kind}Frames`] = f.p95 <= TARGETS.frameP95Ms + FRAME_JITTER_MS;
    }
    if (!zoomed) met.zoomFrames = false;

    const coldRow = (name: string, s: ColdSeries, ok: boolean | undefined) => [
      `${name} p50 / p95 / p99`,
      `${fmt(s.summary.p50, 0)} / ${fmt(s.summary.p95, 0)} / ${fmt(s.summary.p99, 0)} ms`,
      'p99 ≤ 300 ms',
      verdict(ok),
      `${s.trials.length} loads: ${list(s.trials)} ms; p50 server CPU ${fmt(s.serverCpuMs.p50, 0)} ms, client CPU ` +
        `${fmt(s.clientCpuMs.p50, 0)} ms, storage ${fmt(s.serverStorageMsSum.p50, 0)} ms (slowest document ` +
        `${fmt(s.serverStorageMsMax.p50, 0)})` +
        (s.warmRetries > 0 ? `; ${s.warmRetries} warm loads retried` : ''),
    ];
    const rows: string[][] = [
      [
        `encoded size, all ${laneIds.length + 2} documents`,
        `${fmt(encodedMB, 3)} MB`,
        cards <= TARGETS.encodedSizeUpToCards ? '≤ 2 MB' : '',
        verdict(met.encodedSize),
        `${fmt(size.totalBytes / cards, 0)} B a card; largest lane ${fmt(Math.max(...size.laneBytes) / 1e3, 0)} kB; stored ${
          size.storedBytes === null ? '—' : `${fmt(size.storedBytes / 1e6, 3)} MB`
        }`,
      ],
      coldRow('cold load after a restart', restart, met.coldLoad),
      coldRow('cold load, running server, quiet', quiet, met.coldLoadQuiet),
    ];
    if (underLoad && backgroundFigures) {
      const b = backgroundFigures;
      rows.push(coldRow('cold load, running server, relay load', underLoad, met.coldLoadUnderLoad), [
        'relay load meanwhile: fan-out p50 / p99',
        `${fmt(b.latencyMs.p50, 0)} / ${fmt(b.latencyMs.p99, 0)} ms`,
        '≤ 50 ms (relay)',
        verdict(met.backgroundFanout),
        `${backgroundName}, ${fmt(b.loadMs / 1000, 0)} s; ${fmt((100 * b.delivered) / Math.max(1, b.expectedDeliveries), 2)}% delivered, ` +
          `max ${fmt(b.latencyMs.max, 0)} ms, save p99 ${fmt(b.ackLatencyMs?.p99, 0)} ms; server CPU ` +
          `${fmt(b.serverCpuCores * 100, 0)}%, clients ${fmt(b.clientCpuCores * 100, 0)}%, others ${fmt(b.othersCpuCores * 100, 0)}% of a core`,
      ]);
    }
    rows.push(
      [
        `first render, median of ${trials.length}`,
        ms(median(firstRenders)),
        '≤ 1500 ms',
        verdict(met.firstRender),
        `${list(firstRenders)} ms`,
      ],
      ...frames.map((f) => [
        `frames p95, ${f.name}`,
        ms(f.p95),
        f.kind === 'idle' ? '' : '≤ 16.7 ms',
        verdict(met[`${f.kind}Frames`]),
        (f.kind === 'zoom' && !zoomed ? 'the page did not zoom; ' : '') +
          `p95 ${list(f.p95s, 1)} ms; all: p50 ${fmt(f.pooled.p50)}, p99 ${fmt(f.pooled.p99)}, ` +
          `max ${fmt(f.pooled.max)} ms, ${fmt(f.lateShare * 100)}% late`,
      ]),
    );
    printTable(
      `Big board: ${cards} cards, ${laneIds.length} lanes × ${generated.stages} stages (load average ${machineNow().loadAverage[0]})`,
      ['measure', 'figure', 'target', '', 'each trial / detail'],
      rows,
    );
    if (cpuProfileDir) {
      console.log(
        `Server CPU profiles in ${cpuProfileDir}; the running server's is CPU.*.${runningPid}.*.cpuprofile: ` +
          Object.entries(phases)
            .map(([name, [from, to]]) => `${name} loads ${from}–${to} s`)
            .join(', ') +
          ' after it started (bench/cpu-profile-summary.ts --window=FROM-TO).',
      );
    }

    return {
      cards,
      met,
      generated,
      size,
      coldLoadMs: restart,
      coldLoadInRunningServerMs: { quiet, underLoad },
      background: backgroundFigures,
      serverPhasesSeconds: { pid: runningPid, ...phases },
      firstRender: {
        definition:
          'navigation start → the first painted frame in which every visible cell shows its cards, in order, down to the bottom of the viewport',
        summary: summarise(firstRenders),
        trials: trials.map((t) => t.marks),
      },
      frames: Object.fromEntries(
        frames.map((f) => [
          f.kind,
          {
            name: f.name,
            p95MedianOfTrials: f.p95,
            pooled: f.pooled,
            lateShare: f.lateShare,
            trials: trials.map((t) => ({
              ...summarise(t[f.kind].deltas),
              cardsInDom: t[f.kind].cardsInDom,
              elements: t[f.kind].elements,
              covered: t[f.kind].covered,
              deltas: t[f.kind].deltas.map((d) => Math.round(d * 100) / 100),
            })),
          },
        ]),
      ),
    };
  } finally {
    await background?.dispose();
    await server.dispose();
  }
}

const results = [];
for (const cards of sizes) results.push(await measureSize(cards));
console.log(
  `Cold load: a fresh client opens every document of the board (structure, talk, each lane) while the server ` +
    `holds none of them in memory: after a restart, or in the running server once the board's last client left ` +
    `(the server's log confirms each document was read from storage); from creating the socket until the last ` +
    `document synced. Server CPU: the server process's CPU time over the load (all its threads; under the relay ` +
    `load, the relay's share too). Client CPU: the loading client's own (it reads the documents as they arrive). ` +
    `Storage: the server's own time reading and applying each document, summed (they load concurrently).\n` +
    `Relay load: ${withBackground ? `${backgroundName}, one update a second each, in ${BACKGROUND.workers} worker processes, on other boards of the same server, during the relay-load cold loads only` : 'left out (BIG_BOARD_BACKGROUND=0)'}.\n` +
    `First render: navigation start → the first painted frame in which every visible cell shows its cards, ` +
    `in order, down to the bottom of the viewport.\nFrames: time between animation frames in the page ` +
    `(60 Hz: 16.67 ms; timestamps jitter by ~0.1 ms, so a p95 within ${FRAME_JITTER_MS} ms of the target ` +
    `counts as met; the idle row is the floor). Late: over ${LATE_FRAME_MS} ms, a refresh missed.`,
);

writeResults('big-board', {
  machine: machineNow(),
  settings: {
    sizes,
    coldLoads,
    browserTrials,
    quick: QUICK,
    liveEditsPerSecond: LIVE_EDITS_PER_SECOND,
    background: withBackground ? BACKGROUND : null,
    ...browserOptions,
  },
  targets: TARGETS,
  sizes: results,
});
if (results.some((result) => result.met.encodedSize === false)) process.exitCode = 1;
