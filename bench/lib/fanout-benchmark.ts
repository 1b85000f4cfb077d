/**
 * The fan-out benchmark shared by relay.ts and busy-board.ts: people spread over boards, some
 * editing (one update per second each), the rest watching; the latency from an editor's update to
 * its arrival at every other person on the board, and the server's CPU and memory meanwhile. The
 * same load runs against Journeyboard and against the reference Yjs server, alternating which goes
 * first, so each figure also comes as a ratio.
 */
import { cpus } from 'node:os';
import { mapWithLimit, pause } from './concurrency.ts';
import type { ConnectResult, FanoutClientSpec, FanoutReport, LoadResult } from './fanout-worker.ts';
import { createBoard, createLink, joinByLink, signUp, watchByLink } from './journeyboard-api.ts';
import { concatSamples, median, round, summariseLatencies, type LatencySummary } from './latency-summary.ts';
import { SERVERS, TRIALS } from './options.ts';
import { CpuMeter, MachineMeter, RssSampler, rssBytes } from './process-stats.ts';
import { fmt, machineNow, printTable, writeResults } from './report.ts';
import { startServerUnderTest, type ServerKind, type ServerUnderTest } from './server-under-test.ts';
import { startWorkers, type ClientWorker } from './worker-pool.ts';

const WORKER_SCRIPT = new URL('./fanout-worker.ts', import.meta.url);
const MB = 1024 * 1024;
/** Time after the last update is sent for the last deliveries to arrive. */
const DRAIN_MS = 3_000;
/** Time after everyone connected for the initial sync and presence traffic to die down. */
const SETTLE_MS = 2_000;

export interface FanoutScenario {
  /** File name of the results: bench/results/<name>.json */
  name: string;
  title: string;
  boards: number;
  editors: number;
  watchers: number;
  /** Seconds of load per server. */
  loadSeconds: number;
  /** Each editor sends one update every this many ms. */
  intervalMs: number;
  /** Journeyboard's fan-out p99 must not exceed this (ms). */
  targetP99Ms: number;
  /** …nor this many times the reference's p99 (the median of the trials' paired ratios). */
  maxP99Ratio: number;
  /** Journeyboard's memory per connection must not exceed this (kB), when set. */
  maxKBPerConnection?: number;
  /** Journeyboard's server CPU per update must not exceed this many times the reference's, when set. */
  maxCpuPerUpdateRatio?: number;
  /** Client worker processes. */
  workers: number;
  /** Journeyboard processes (more than one relay through Redis: set REDIS_URL). */
  instances?: number;
}

/** The figures of one server in one trial. */
export interface FanoutTrial {
  server: ServerKind;
  trial: number;
  connections: number;
  documentsPerConnection: number;
  setupMs: number;
  connectMs: number;
  updatesSent: number;
  expectedDeliveries: number;
  delivered: number;
  latencyMs: LatencySummary;
  /** Journeyboard: time from sending an update to the server saying it is saved. */
  ackLatencyMs: LatencySummary | null;
  serverCpuCores: number;
  serverCpuMsPerUpdate: number;
  rssBaselineMB: number;
  rssLoadedMB: number;
  rssPeakMB: number;
  kBPerConnection: number;
  clientCpuCores: number;
  clientLoopDelayP99Ms: number;
  /** CPU used by every other process on the machine during the load (cores): the noise. */
  othersCpuCores: number;
  /** Share of the load time the disk had I/O in progress (anyone's). */
  diskBusy: number;
  disconnects: number;
}

/** How many people, on how many boards, and how many worker processes carry them. */
export type FanoutPeople = Pick<FanoutScenario, 'boards' | 'editors' | 'watchers'>;

/** Who each simulated person is: client k sits on board k mod boards; the first `editors` edit. */
function assignPeople(scenario: FanoutPeople) {
  const total = scenario.editors + scenario.watchers;
  return Array.from({ length: total }, (_, k) => ({
    id: k,
    board: k % scenario.boards,
    role: (k < scenario.editors ? 'editor' : 'watcher') as 'editor' | 'watcher',
    // The n-th editor of a board edits the board's n-th card document (wrapping around).
    editDoc: Math.floor(k / scenario.boards),
  }));
}

/** Where a Journeyboard process answers: its HTTP API and its sync endpoint. */
export interface JourneyboardAddress {
  url: string;
  syncUrl: string;
}

/**
 * Creates the boards, links and sessions on Journeyboard (through the first instance; the others
 * share its storage); returns each person's board id, cookie and the instance they connect to.
 */
export async function prepareJourneyboard(
  instances: readonly JourneyboardAddress[],
  scenario: FanoutPeople,
): Promise<FanoutClientSpec[]> {
  const url = instances[0]!.url;
  const owner = await signUp(url, `owner-${Date.now()}@bench.test`);
  const boards = await mapWithLimit(
    Array.from({ length: scenario.boards }, (_, b) => b),
    4,
    async (b) => {
      const boardId = await createBoard(url, owner, `Benchmark board ${b}`);
      return {
        boardId,
        join: await createLink(url, owner, boardId, 'join'),
        watch: await createLink(url, owner, boardId, 'watch'),
      };
    },
  );
  const people = assignPeople(scenario);
  const cookies = await mapWithLimit(people, 8, (person) => {
    const board = boards[person.board]!;
    return person.role === 'editor'
      ? joinByLink(url, board.join, `Editor ${person.id}`)
      : watchByLink(url, board.watch);
  });
  return people.map((person, k): FanoutClientSpec => {
    const instance = instances[Math.floor(k / scenario.boards) % instances.length]!;
    return {
      ...person,
      syncUrl: instance.syncUrl,
      boardId: boards[person.board]!.boardId,
      cookie: cookies[k]!,
    };
  });
}

function prepareReference(server: ServerUnderTest, scenario: FanoutScenario): FanoutClientSpec[] {
  return assignPeople(scenario).map((person) => ({
    ...person,
    syncUrl: server.instances[0]!.syncUrl,
    docName: `${scenario.name}-board-${person.board}`,
  }));
}

/** What the clients measured over one load. */
export interface FanoutFigures {
  updatesSent: number;
  expectedDeliveries: number;
  delivered: number;
  latencyMs: LatencySummary;
  ackLatencyMs: LatencySummary | null;
  clientLoopDelayP99Ms: number;
  disconnects: number;
}

/**
 * The simulated people of a fan-out load, in worker processes of their own: connected, then
 * editing at a steady rate for a while, then asked what arrived. relay.ts and busy-board.ts run one
 * load per server; the big-board benchmark runs one beside its own measurements.
 */
export class FanoutClients {
  private readonly specs: FanoutClientSpec[];
  private readonly workers: ClientWorker[];

  constructor(specs: FanoutClientSpec[], workerCount: number) {
    this.specs = specs;
    this.workers = startWorkers(WORKER_SCRIPT, workerCount);
  }

  get pids(): number[] {
    return this.workers.map((worker) => worker.pid);
  }

  /** Connects every person (each worker its share); resolves with how long it took, in ms. */
  async connect(): Promise<number> {
    const started = performance.now();
    const connected = await Promise.all(
      this.workers.map((worker) =>
        worker.request<ConnectResult>(
          {
            type: 'connect',
            clients: this.specs.filter((_, k) => k % this.workers.length === worker.index),
            concurrency: 10,
          },
          180_000,
        ),
      ),
    );
    const connectedCount = connected.reduce((n, result) => n + result.connected, 0);
    if (connectedCount !== this.specs.length) {
      const failures = connected.flatMap((result) => result.failures);
      throw new Error(
        `only ${connectedCount} of ${this.specs.length} clients connected: ${failures.join('; ')}`,
      );
    }
    return performance.now() - started;
  }

  /**
   * Starts the load at `startAt` (wall clock) for `durationMs` at most (see `end`); the promise
   * settles once every editor has stopped sending.
   */
  load(startAt: number, durationMs: number, intervalMs: number): Promise<LoadResult[]> {
    return Promise.all(
      this.workers.map((worker) =>
        worker.request<LoadResult>({ type: 'load', startAt, durationMs, intervalMs }, durationMs + 60_000),
      ),
    );
  }

  /** Ends the load in progress now, however long it was asked to last. */
  async end(): Promise<void> {
    const at = Date.now();
    await Promise.all(this.workers.map((worker) => worker.request({ type: 'endLoad', at }, 60_000)));
  }

  /**
   * Once the load has ended (`loads` is what `load` resolved with): waits for the last deliveries,
   * then collects every worker's measurements and disconnects the people.
   */
  async collect(loads: LoadResult[]): Promise<FanoutFigures> {
    await pause(DRAIN_MS);
    const reports = await Promise.all(
      this.workers.map((worker) => worker.request<FanoutReport>({ type: 'report' }, 60_000)),
    );
    await Promise.all(this.workers.map((worker) => worker.request({ type: 'close' }, 60_000)));
    const peoplePerBoard = new Map<number, number>();
    for (const spec of this.specs) peoplePerBoard.set(spec.board, (peoplePerBoard.get(spec.board) ?? 0) + 1);
    let updatesSent = 0;
    let expectedDeliveries = 0;
    for (const load of loads) {
      for (const [board, sent] of Object.entries(load.sentByBoard)) {
        updatesSent += sent;
        expectedDeliveries += sent * ((peoplePerBoard.get(Number(board)) ?? 1) - 1);
      }
    }
    const latencies = concatSamples(reports.map((report) => report.latencies));
    const acks = concatSamples(reports.map((report) => report.ackLatencies));
    return {
      updatesSent,
      expectedDeliveries,
      delivered: latencies.length,
      latencyMs: summariseLatencies(latencies),
      ackLatencyMs: acks.length > 0 ? summariseLatencies(acks) : null,
      clientLoopDelayP99Ms: round(Math.max(...reports.map((report) => report.loopDelayP99Ms)), 1),
      disconnects: reports.reduce((n, report) => n + report.disconnects, 0),
    };
  }

  /** Ends the worker processes (and any client still connected). */
  async stop(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.stop()));
  }
}

const totalRss = (pids: number[]) => pids.reduce((sum, pid) => sum + rssBytes(pid), 0);

async function runTrial(kind: ServerKind, scenario: FanoutScenario, trial: number): Promise<FanoutTrial> {
  // The reference keeps documents in one process's memory: it always runs as one instance.
  const server = await startServerUnderTest(kind, kind === 'reference' ? 1 : (scenario.instances ?? 1));
  let clients: FanoutClients | null = null;
  try {
    const setupStarted = performance.now();
    const specs =
      kind === 'journeyboard'
        ? await prepareJourneyboard(server.instances, scenario)
        : prepareReference(server, scenario);
    const setupMs = performance.now() - setupStarted;
    await pause(500);
    const rssBaseline = totalRss(server.pids);

    clients = new FanoutClients(specs, scenario.workers);
    const connectMs = await clients.connect();
    await pause(SETTLE_MS);

    const startAt = Date.now() + 1_000;
    const loading = clients.load(startAt, scenario.loadSeconds * 1000, scenario.intervalMs);
    await pause(startAt - Date.now());
    const serverCpu = new CpuMeter(server.pids);
    const clientCpu = new CpuMeter(clients.pids);
    const rss = new RssSampler(server.pids);
    const machine = new MachineMeter();
    const loads = await loading;
    const cpu = serverCpu.read();
    const clientCores = clientCpu.read().cores;
    const machineLoad = machine.read();
    const memory = rss.stop();
    const figures = await clients.collect(loads);
    return {
      server: kind,
      trial,
      connections: specs.length,
      documentsPerConnection: kind === 'journeyboard' ? 5 : 1,
      setupMs: Math.round(setupMs),
      connectMs: Math.round(connectMs),
      updatesSent: figures.updatesSent,
      expectedDeliveries: figures.expectedDeliveries,
      delivered: figures.delivered,
      latencyMs: figures.latencyMs,
      ackLatencyMs: figures.ackLatencyMs,
      serverCpuCores: round(cpu.cores, 3),
      serverCpuMsPerUpdate: round(cpu.cpuMs / Math.max(1, figures.updatesSent), 3),
      rssBaselineMB: round(rssBaseline / MB, 1),
      rssLoadedMB: round(memory.median / MB, 1),
      rssPeakMB: round(memory.peak / MB, 1),
      kBPerConnection: round((memory.median - rssBaseline) / 1024 / specs.length, 1),
      clientCpuCores: round(clientCores, 3),
      clientLoopDelayP99Ms: figures.clientLoopDelayP99Ms,
      othersCpuCores: round(Math.max(0, machineLoad.cpuCores - cpu.cores - clientCores), 2),
      diskBusy: round(machineLoad.diskBusy, 3),
      disconnects: figures.disconnects,
    };
  } finally {
    await clients?.stop();
    await server.stop();
  }
}

/** Medians over trials of one server's figures. */
function mediansOf(trials: FanoutTrial[]) {
  const of = (pick: (t: FanoutTrial) => number) => round(median(trials.map(pick)), 2);
  return {
    p50Ms: of((t) => t.latencyMs.p50),
    p95Ms: of((t) => t.latencyMs.p95),
    p99Ms: of((t) => t.latencyMs.p99),
    maxMs: of((t) => t.latencyMs.max),
    deliveredShare: of((t) => t.delivered / Math.max(1, t.expectedDeliveries)),
    serverCpuCores: of((t) => t.serverCpuCores),
    serverCpuMsPerUpdate: of((t) => t.serverCpuMsPerUpdate),
    rssLoadedMB: of((t) => t.rssLoadedMB),
    kBPerConnection: of((t) => t.kBPerConnection),
    ackP99Ms: of((t) => t.ackLatencyMs?.p99 ?? NaN),
  };
}

/** Runs the scenario against both servers `TRIALS` times, prints the tables, writes the JSON. */
export async function runFanoutBenchmark(scenario: FanoutScenario): Promise<void> {
  const connections = scenario.editors + scenario.watchers;
  console.log(
    `\n${scenario.title}: ${connections} connections on ${scenario.boards} board(s), ${scenario.editors} editing ` +
      `(one update every ${scenario.intervalMs} ms), ${scenario.watchers} watching; ${scenario.loadSeconds} s of ` +
      `load per server, ${TRIALS} trial(s), ${scenario.workers} client worker processes, ${cpus().length} cores.`,
  );
  const machineBefore = machineNow();
  const trials: FanoutTrial[] = [];
  for (let trial = 1; trial <= TRIALS; trial++) {
    // Alternate which server goes first, so a trend in the machine's load favours neither.
    const order: ServerKind[] =
      trial % 2 === 1 ? ['journeyboard', 'reference'] : ['reference', 'journeyboard'];
    for (const kind of order.filter((server) => SERVERS.includes(server))) {
      console.log(`  trial ${trial}: ${kind}…`);
      const result = await runTrial(kind, scenario, trial);
      console.log(
        `    p50 ${fmt(result.latencyMs.p50)} ms, p99 ${fmt(result.latencyMs.p99)} ms, ` +
          `${result.delivered}/${result.expectedDeliveries} delivered, CPU ${fmt(result.serverCpuCores * 100, 0)}% of a core`,
      );
      trials.push(result);
    }
  }

  printTable(
    `${scenario.title}: each trial`,
    [
      'trial / server',
      'p50 ms',
      'p95 ms',
      'p99 ms',
      'max ms',
      'delivered',
      'CPU %core',
      'RSS MB',
      'kB/conn',
      'save p99 ms',
      'client loop p99 ms',
      "others' CPU %core",
      'disk busy',
    ],
    trials.map((t) => [
      `${t.trial} ${t.server}`,
      fmt(t.latencyMs.p50),
      fmt(t.latencyMs.p95),
      fmt(t.latencyMs.p99),
      fmt(t.latencyMs.max),
      `${fmt((100 * t.delivered) / Math.max(1, t.expectedDeliveries), 2)}%`,
      fmt(t.serverCpuCores * 100, 0),
      fmt(t.rssLoadedMB, 0),
      fmt(t.kBPerConnection, 1),
      fmt(t.ackLatencyMs?.p99),
      fmt(t.clientLoopDelayP99Ms),
      fmt(t.othersCpuCores * 100, 0),
      `${fmt(t.diskBusy * 100, 0)}%`,
    ]),
  );

  const ours = mediansOf(trials.filter((t) => t.server === 'journeyboard'));
  const reference = mediansOf(trials.filter((t) => t.server === 'reference'));
  const ratio = (a: number, b: number) => round(a / b, 2);
  const pairedP99Ratios = Array.from({ length: TRIALS }, (_, i) => {
    const a = trials.find((t) => t.trial === i + 1 && t.server === 'journeyboard');
    const b = trials.find((t) => t.trial === i + 1 && t.server === 'reference');
    return a && b ? ratio(a.latencyMs.p99, b.latencyMs.p99) : NaN;
  });
  // Trials run back to back, so a pair shares the machine's mood: the median of the pairs' ratios
  // is steadier than the ratio of the medians.
  const p99Ratio = round(median(pairedP99Ratios), 2);
  const cpuRatio = ratio(ours.serverCpuMsPerUpdate, reference.serverCpuMsPerUpdate);
  const targets = {
    p99: { targetMs: scenario.targetP99Ms, measuredMs: ours.p99Ms, met: ours.p99Ms <= scenario.targetP99Ms },
    p99AgainstReference: {
      maxRatio: scenario.maxP99Ratio,
      medianPairedRatio: p99Ratio,
      met: p99Ratio <= scenario.maxP99Ratio,
    },
    ...(scenario.maxKBPerConnection === undefined
      ? {}
      : {
          kBPerConnection: {
            maxKB: scenario.maxKBPerConnection,
            measuredKB: ours.kBPerConnection,
            met: ours.kBPerConnection <= scenario.maxKBPerConnection,
          },
        }),
    ...(scenario.maxCpuPerUpdateRatio === undefined
      ? {}
      : {
          cpuPerUpdateAgainstReference: {
            maxRatio: scenario.maxCpuPerUpdateRatio,
            ratio: cpuRatio,
            met: cpuRatio <= scenario.maxCpuPerUpdateRatio,
          },
        }),
  };
  const verdict = (met: boolean | undefined) => (met === undefined ? '' : met ? 'met' : 'MISSED');
  printTable(
    `${scenario.title}: medians over ${TRIALS} trial(s)`,
    ['figure', 'Journeyboard', 'reference', 'ratio', 'target'],
    [
      [
        'fan-out p50 (ms)',
        fmt(ours.p50Ms),
        fmt(reference.p50Ms),
        fmt(ratio(ours.p50Ms, reference.p50Ms), 2),
        '',
      ],
      [
        'fan-out p95 (ms)',
        fmt(ours.p95Ms),
        fmt(reference.p95Ms),
        fmt(ratio(ours.p95Ms, reference.p95Ms), 2),
        '',
      ],
      [
        'fan-out p99 (ms)',
        fmt(ours.p99Ms),
        fmt(reference.p99Ms),
        fmt(p99Ratio, 2),
        `≤ ${scenario.targetP99Ms} ms: ${verdict(targets.p99.met)}; ratio ≤ ${scenario.maxP99Ratio}: ${verdict(targets.p99AgainstReference.met)}`,
      ],
      [
        'delivered',
        `${fmt(ours.deliveredShare * 100, 2)}%`,
        `${fmt(reference.deliveredShare * 100, 2)}%`,
        '',
        '100%',
      ],
      [
        'server CPU (% of a core)',
        fmt(ours.serverCpuCores * 100, 0),
        fmt(reference.serverCpuCores * 100, 0),
        fmt(ratio(ours.serverCpuCores, reference.serverCpuCores), 2),
        '',
      ],
      [
        'server CPU per update (ms)',
        fmt(ours.serverCpuMsPerUpdate, 3),
        fmt(reference.serverCpuMsPerUpdate, 3),
        fmt(cpuRatio, 2),
        scenario.maxCpuPerUpdateRatio === undefined
          ? ''
          : `ratio ≤ ${scenario.maxCpuPerUpdateRatio}: ${verdict(targets.cpuPerUpdateAgainstReference?.met)}`,
      ],
      [
        'server RSS under load (MB)',
        fmt(ours.rssLoadedMB, 0),
        fmt(reference.rssLoadedMB, 0),
        fmt(ratio(ours.rssLoadedMB, reference.rssLoadedMB), 2),
        '',
      ],
      [
        'memory per connection (kB)',
        fmt(ours.kBPerConnection),
        fmt(reference.kBPerConnection),
        fmt(ratio(ours.kBPerConnection, reference.kBPerConnection), 2),
        scenario.maxKBPerConnection === undefined
          ? ''
          : `≤ ${scenario.maxKBPerConnection} kB: ${verdict(targets.kBPerConnection?.met)}`,
      ],
      ['saved (ack) p99 (ms)', fmt(ours.ackP99Ms), '—', '', ''],
    ],
  );
  console.log(
    `The p99 ratio is the median of each trial's Journeyboard / reference p99: ${pairedP99Ratios.join(', ')}\n`,
  );

  writeResults(scenario.name, {
    scenario,
    machineBefore,
    machineAfter: machineNow(),
    trials,
    medians: { journeyboard: ours, reference },
    pairedP99Ratios,
    targets,
  });
}
