// Soak: a working day's traffic, compressed into half an hour, on one server. 200 people on 10
// boards of 20, each a page's connection (one socket: the structure document with presence, every
// lane), all joined by the boards' join links as guests of Sales. Each person changes the text of
// their own card once a second and moves their cursor three times a second, for 30 minutes
// (--quick: 3; SOAK_MINUTES=n for n). Clients run in 4 worker processes, so their CPU is not the
// server's. The server runs under `--inspect`: once a minute it is made to collect its garbage
// and its own memory is read. Figures, minute by minute: heap used, RSS and external memory after
// the collection, the fan-out delay of card changes (send → arrival at every other person on the
// board: p50, p99), the server's CPU. Targets: memory in the last five minutes within 5% of the
// first five (heap used and RSS), and the p99 of the last five minutes no higher than the first
// five's (within 10%, this machine's noise). A run of n < 10 minutes compares its first and last
// n/2 minutes.
//
// Not in the default `npm run bench` list: run it by name, `npm run bench -- soak`, or
// node bench/soak.ts [--quick] with Node >= 22.
import { createBoard, createLink, joinByLink, signUp } from './lib/journeyboard-api.ts';
import { mapWithLimit, pause } from './lib/concurrency.ts';
import { InspectorSession, type MemoryUsage } from './lib/inspector.ts';
import { concatSamples, round, summariseLatencies, type LatencySummary } from './lib/latency-summary.ts';
import { QUICK } from './lib/options.ts';
import { CpuMeter, MachineMeter } from './lib/process-stats.ts';
import { fmt, machineNow, printTable, writeResults } from './lib/report.ts';
import { startServerUnderTest } from './lib/server-under-test.ts';
import type { SoakClientSpec, SoakMinute, SoakStartRequest, SoakTake } from './lib/soak-worker.ts';
import { startWorkers, type ClientWorker } from './lib/worker-pool.ts';

const MINUTES = Math.max(1, Math.round(Number(process.env.SOAK_MINUTES) || (QUICK ? 3 : 30)));
const SCENARIO = {
  minutes: MINUTES,
  boards: 10,
  peoplePerBoard: 20,
  /** Each person changes their card once a second. */
  editIntervalMs: 1_000,
  /** And moves their cursor this many times a second. */
  cursorRate: 3,
  workers: 4,
  /** The first and the last this many minutes are compared. */
  windowMinutes: Math.max(1, Math.min(5, Math.floor(MINUTES / 2))),
};
const TARGETS = { memoryGrowth: 0.05, p99Rise: 0.1 };
/** After a minute ends, time for its last changes to arrive before its delays are taken. */
const DRAIN_MS = 5_000;
/** After everyone connected, time for the first syncs and presence to die down. */
const SETTLE_MS = 3_000;
const MB = 1024 * 1024;

interface MinuteFigures {
  minute: number;
  heapUsedMB: number;
  rssMB: number;
  externalMB: number;
  sent: number;
  expected: number;
  delivered: number;
  latencyMs: LatencySummary;
  serverCpuCores: number;
  clientCpuCores: number;
  /** CPU used by every other process on the machine in the minute (cores): the noise. */
  othersCpuCores: number;
  clientLoopDelayP99Ms: number;
}

const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);

console.log(
  `\nSoak: ${SCENARIO.boards * SCENARIO.peoplePerBoard} people on ${SCENARIO.boards} boards of ${SCENARIO.peoplePerBoard}, ` +
    `each changing a card every ${SCENARIO.editIntervalMs / 1000} s and moving their cursor ${SCENARIO.cursorRate} times a second, ` +
    `for ${MINUTES} min; memory after a forced collection and delays minute by minute, ${SCENARIO.workers} client worker processes.`,
);
const machineBefore = machineNow();
const server = await startServerUnderTest('journeyboard', 1, { inspect: true });
const instance = server.instances[0]!;
const inspector = await InspectorSession.connect(instance.inspectorPort!);
let workers: ClientWorker[] = [];
let exitCode = 0;
try {
  const owner = await signUp(instance.url, `owner-${Date.now()}@soak.bench`);
  const boards = await mapWithLimit(
    Array.from({ length: SCENARIO.boards }, (_, b) => b),
    4,
    async (b) => {
      const boardId = await createBoard(instance.url, owner, `Soak board ${b}`);
      return { boardId, join: await createLink(instance.url, owner, boardId, 'join') };
    },
  );
  const total = SCENARIO.boards * SCENARIO.peoplePerBoard;
  const cookies = await mapWithLimit(
    Array.from({ length: total }, (_, k) => k),
    8,
    (k) => joinByLink(instance.url, boards[k % SCENARIO.boards]!.join, `Person ${k}`),
  );
  const specs = cookies.map((cookie, k): SoakClientSpec => ({
    id: k,
    board: k % SCENARIO.boards,
    syncUrl: instance.syncUrl,
    boardId: boards[k % SCENARIO.boards]!.boardId,
    cookie,
    // The n-th person of a board writes in the board's n-th lane (wrapping around).
    editDoc: Math.floor(k / SCENARIO.boards),
  }));

  workers = startWorkers(new URL('./lib/soak-worker.ts', import.meta.url), SCENARIO.workers);
  const connected = await Promise.all(
    workers.map((worker) =>
      worker.request<{ connected: number; failures: string[] }>(
        {
          type: 'connect',
          clients: specs.filter((_, k) => k % workers.length === worker.index),
          concurrency: 10,
        },
        300_000,
      ),
    ),
  );
  const connectedCount = connected.reduce((n, result) => n + result.connected, 0);
  if (connectedCount !== total) {
    const failures = connected.flatMap((result) => result.failures);
    throw new Error(`only ${connectedCount} of ${total} people connected: ${failures.join('; ')}`);
  }
  await pause(SETTLE_MS);
  const connectedMemory = await inspector.memoryAfterGc();
  console.log(
    `  ${total} people connected: heap ${fmt(connectedMemory.heapUsed / MB)} MB, RSS ${fmt(connectedMemory.rss / MB)} MB`,
  );

  const startAt = Date.now() + 1_000;
  const endAt = startAt + MINUTES * 60_000;
  const start: SoakStartRequest = {
    startAt,
    endAt,
    editIntervalMs: SCENARIO.editIntervalMs,
    cursorRate: SCENARIO.cursorRate,
  };
  await Promise.all(workers.map((worker) => worker.request({ type: 'start', ...start }, 30_000)));
  await pause(startAt - Date.now());

  const figures: MinuteFigures[] = [];
  const taken = new Map<number, SoakMinute[]>();
  const takeUpTo = async (minute: number) => {
    const answers = await Promise.all(
      workers.map((worker) => worker.request<SoakTake>({ type: 'take', minute }, 60_000)),
    );
    for (const answer of answers) {
      for (const part of answer.minutes) taken.set(part.minute, [...(taken.get(part.minute) ?? []), part]);
    }
    return answers;
  };
  let serverCpu = new CpuMeter(server.pids);
  const clientPids = workers.map((worker) => worker.pid);
  let clientCpu = new CpuMeter(clientPids);
  let machine = new MachineMeter();
  let lastTake: SoakTake[] = [];
  // Every delay of the first and of the latest minutes, for the percentiles of each window.
  const window = SCENARIO.windowMinutes;
  const firstSamples: Float64Array[] = [];
  const lastSamples: Float64Array[] = [];
  for (let minute = 0; minute < MINUTES; minute++) {
    await pause(startAt + (minute + 1) * 60_000 - Date.now());
    const cpu = serverCpu.read();
    const clients = clientCpu.read();
    const others = machine.read();
    const memory: MemoryUsage = await inspector.memoryAfterGc(1);
    serverCpu = new CpuMeter(server.pids);
    clientCpu = new CpuMeter(clientPids);
    machine = new MachineMeter();
    await pause(DRAIN_MS);
    lastTake = await takeUpTo(minute);
    const parts = taken.get(minute) ?? [];
    taken.delete(minute);
    const latencies = concatSamples(parts.map((part) => part.latencies));
    if (minute < window) firstSamples.push(latencies.slice());
    lastSamples.push(latencies.slice());
    if (lastSamples.length > window) lastSamples.shift();
    const sent = parts.reduce((n, part) => n + part.sent, 0);
    const row: MinuteFigures = {
      minute: minute + 1,
      heapUsedMB: round(memory.heapUsed / MB, 1),
      rssMB: round(memory.rss / MB, 1),
      externalMB: round(memory.external / MB, 1),
      sent,
      expected: sent * (SCENARIO.peoplePerBoard - 1),
      delivered: latencies.length,
      latencyMs: summariseLatencies(latencies),
      serverCpuCores: round(cpu.cores, 3),
      clientCpuCores: round(clients.cores, 2),
      othersCpuCores: round(Math.max(0, others.cpuCores - cpu.cores - clients.cores), 2),
      clientLoopDelayP99Ms: round(Math.max(...lastTake.map((answer) => answer.loopDelayP99Ms)), 1),
    };
    figures.push(row);
    console.log(
      `  minute ${row.minute}: heap ${fmt(row.heapUsedMB)} MB, RSS ${fmt(row.rssMB)} MB, ` +
        `p50 ${fmt(row.latencyMs.p50)} ms, p99 ${fmt(row.latencyMs.p99)} ms, ` +
        `${fmt((100 * row.delivered) / Math.max(1, row.expected), 1)}% delivered, CPU ${fmt(row.serverCpuCores * 100, 0)}% of a core (clients ${fmt(row.clientCpuCores * 100, 0)}%, others ${fmt(row.othersCpuCores * 100, 0)}%)`,
    );
  }
  await Promise.all(workers.map((worker) => worker.request({ type: 'stop' }, 60_000)));
  const final = await takeUpTo(MINUTES + 1);
  await Promise.all(workers.map((worker) => worker.request({ type: 'close' }, 60_000)));
  const late = final.reduce((n, answer) => n + answer.late, 0);
  const disconnects = final.reduce((n, answer) => n + answer.disconnects, 0);

  const first = figures.slice(0, window);
  const last = figures.slice(-window);
  const firstDelays = summariseLatencies(concatSamples(firstSamples));
  const lastDelays = summariseLatencies(concatSamples(lastSamples));
  const summary = {
    heapUsedMB: {
      first: round(mean(first.map((r) => r.heapUsedMB)), 1),
      last: round(mean(last.map((r) => r.heapUsedMB)), 1),
    },
    rssMB: {
      first: round(mean(first.map((r) => r.rssMB)), 1),
      last: round(mean(last.map((r) => r.rssMB)), 1),
    },
    externalMB: {
      first: round(mean(first.map((r) => r.externalMB)), 1),
      last: round(mean(last.map((r) => r.externalMB)), 1),
    },
    p50Ms: { first: firstDelays.p50, last: lastDelays.p50 },
    p99Ms: { first: firstDelays.p99, last: lastDelays.p99 },
  };
  const growth = (figure: { first: number; last: number }) => (figure.last - figure.first) / figure.first;
  const targets = {
    heapUsedGrowth: {
      target: TARGETS.memoryGrowth,
      measured: round(growth(summary.heapUsedMB), 4),
      met: growth(summary.heapUsedMB) <= TARGETS.memoryGrowth,
    },
    rssGrowth: {
      target: TARGETS.memoryGrowth,
      measured: round(growth(summary.rssMB), 4),
      met: growth(summary.rssMB) <= TARGETS.memoryGrowth,
    },
    p99Rise: {
      target: TARGETS.p99Rise,
      measured: round(growth(summary.p99Ms), 4),
      met: growth(summary.p99Ms) <= TARGETS.p99Rise,
    },
  };

  printTable(
    `Soak: minute by minute (memory after a forced collection at the minute's end)`,
    [
      'minute',
      'heap MB',
      'RSS MB',
      'external MB',
      'p50 ms',
      'p99 ms',
      'max ms',
      'delivered',
      'CPU %core',
      'clients %core',
      "others' %core",
      'client loop p99 ms',
    ],
    figures.map((row) => [
      row.minute,
      fmt(row.heapUsedMB),
      fmt(row.rssMB),
      fmt(row.externalMB),
      fmt(row.latencyMs.p50),
      fmt(row.latencyMs.p99),
      fmt(row.latencyMs.max),
      `${fmt((100 * row.delivered) / Math.max(1, row.expected), 2)}%`,
      fmt(row.serverCpuCores * 100, 0),
      fmt(row.clientCpuCores * 100, 0),
      fmt(row.othersCpuCores * 100, 0),
      fmt(row.clientLoopDelayP99Ms),
    ]),
  );
  const change = (figure: { first: number; last: number }) =>
    `${growth(figure) >= 0 ? '+' : ''}${fmt(growth(figure) * 100)}%`;
  const verdict = (met: boolean) => (met ? 'met' : 'MISSED');
  printTable(
    `Soak: the first ${window} min against the last ${window} min (memory: the mean of the minutes' samples; delays: all of the window's)`,
    ['figure', `first ${window} min`, `last ${window} min`, 'change', 'target'],
    [
      [
        'heap used (MB)',
        fmt(summary.heapUsedMB.first),
        fmt(summary.heapUsedMB.last),
        change(summary.heapUsedMB),
        `≤ +5%: ${verdict(targets.heapUsedGrowth.met)}`,
      ],
      [
        'RSS (MB)',
        fmt(summary.rssMB.first),
        fmt(summary.rssMB.last),
        change(summary.rssMB),
        `≤ +5%: ${verdict(targets.rssGrowth.met)}`,
      ],
      [
        'external (MB)',
        fmt(summary.externalMB.first),
        fmt(summary.externalMB.last),
        change(summary.externalMB),
        '',
      ],
      ['fan-out p50 (ms)', fmt(summary.p50Ms.first), fmt(summary.p50Ms.last), change(summary.p50Ms), ''],
      [
        'fan-out p99 (ms)',
        fmt(summary.p99Ms.first),
        fmt(summary.p99Ms.last),
        change(summary.p99Ms),
        `no rise (≤ +10%): ${verdict(targets.p99Rise.met)}`,
      ],
    ],
  );
  console.log(
    `Changes that arrived more than ${DRAIN_MS / 1000} s after their minute: ${late}; connections lost: ${disconnects}.\n`,
  );

  writeResults('soak', {
    scenario: SCENARIO,
    machineBefore,
    machineAfter: machineNow(),
    connectedMemory,
    minutes: figures,
    summary,
    late,
    disconnects,
    targets,
  });
  if (!targets.heapUsedGrowth.met || !targets.rssGrowth.met || !targets.p99Rise.met) exitCode = 1;
} finally {
  await Promise.all(workers.map((worker) => worker.stop()));
  inspector.close();
  await server.stop();
}
process.exitCode = exitCode;
