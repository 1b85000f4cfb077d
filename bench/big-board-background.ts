// Other boards busy beside the big board: the relay benchmark's load (lib/fanout-benchmark.ts) on
// boards of their own in the same server, its people in worker processes of their own so that
// their CPU is not the server's. The big board's cold loads are timed while it runs, and its own
// fan-out latency over that time says what the loads cost everyone else.
import { pause } from './lib/concurrency.ts';
import {
  FanoutClients,
  type FanoutFigures,
  type FanoutPeople,
  prepareJourneyboard,
} from './lib/fanout-benchmark.ts';
import type { LoadResult } from './lib/fanout-worker.ts';
import { round } from './lib/latency-summary.ts';
import { CpuMeter, MachineMeter } from './lib/process-stats.ts';
import type { BenchServer } from './big-board-server.ts';

export interface BackgroundSettings extends FanoutPeople {
  /** Each editor sends one update every this many ms. */
  intervalMs: number;
  /** Client worker processes. */
  workers: number;
}

/** The background load's figures over the time it ran. */
export interface BackgroundFigures extends FanoutFigures {
  settings: BackgroundSettings;
  connections: number;
  setupMs: number;
  connectMs: number;
  /** From the first update sent to the last. */
  loadMs: number;
  /** The server's CPU over the load (1.0 = one core busy): the big board's loads included. */
  serverCpuCores: number;
  clientCpuCores: number;
  /** Every other process on the machine (the coordinator's big-board client among them). */
  othersCpuCores: number;
}

/** Time after everyone connected for the initial sync and presence traffic to die down. */
const SETTLE_MS = 2_000;
/** The longest a background load may run; `stop` normally ends it long before. */
const MAX_LOAD_MS = 30 * 60_000;

export class BackgroundLoad {
  private readonly server: BenchServer;
  private readonly settings: BackgroundSettings;
  private readonly clients: FanoutClients;
  private readonly setupMs: number;
  private readonly connections: number;
  private connectMs = 0;
  private running: {
    loads: Promise<LoadResult[]>;
    startAt: number;
    serverCpu: CpuMeter;
    clientCpu: CpuMeter;
    machine: MachineMeter;
  } | null = null;

  private constructor(
    server: BenchServer,
    settings: BackgroundSettings,
    clients: FanoutClients,
    setupMs: number,
    connections: number,
  ) {
    this.server = server;
    this.settings = settings;
    this.clients = clients;
    this.setupMs = setupMs;
    this.connections = connections;
  }

  /**
   * Creates the boards, links and people's sessions through the API, as the relay benchmark does,
   * and connects everyone (each on one socket, the structure document and every lane).
   */
  static async connect(server: BenchServer, settings: BackgroundSettings): Promise<BackgroundLoad> {
    const setupStarted = performance.now();
    const specs = await prepareJourneyboard([{ url: server.url, syncUrl: server.syncUrl }], settings);
    const setupMs = performance.now() - setupStarted;
    const clients = new FanoutClients(specs, settings.workers);
    const load = new BackgroundLoad(server, settings, clients, setupMs, specs.length);
    try {
      load.connectMs = await clients.connect();
    } catch (error) {
      await clients.stop();
      throw error;
    }
    await pause(SETTLE_MS);
    return load;
  }

  /** Starts the editing; resolves once every editor has sent its first update. */
  async start(): Promise<void> {
    const startAt = Date.now() + 1_000;
    const loads = this.clients.load(startAt, MAX_LOAD_MS, this.settings.intervalMs);
    await pause(startAt - Date.now());
    this.running = {
      loads,
      startAt,
      serverCpu: new CpuMeter([this.server.pid]),
      clientCpu: new CpuMeter(this.clients.pids),
      machine: new MachineMeter(),
    };
    // Editors start within one interval of the start (each at a random phase).
    await pause(this.settings.intervalMs);
  }

  /** Ends the editing, waits for the last deliveries and returns what the people measured. */
  async stop(): Promise<BackgroundFigures> {
    const running = this.running;
    if (!running) throw new Error('the background load was not started');
    this.running = null;
    await this.clients.end();
    const loads = await running.loads;
    const loadMs = Date.now() - running.startAt;
    const server = running.serverCpu.read().cores;
    const clients = running.clientCpu.read().cores;
    const machine = running.machine.read().cpuCores;
    const figures = await this.clients.collect(loads);
    return {
      settings: this.settings,
      connections: this.connections,
      setupMs: Math.round(this.setupMs),
      connectMs: Math.round(this.connectMs),
      loadMs,
      ...figures,
      serverCpuCores: round(server, 3),
      clientCpuCores: round(clients, 3),
      othersCpuCores: round(Math.max(0, machine - server - clients), 2),
    };
  }

  /** Ends the worker processes, and with them every background client. */
  async dispose(): Promise<void> {
    await this.clients.stop();
  }
}
