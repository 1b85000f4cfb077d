/**
 * Starting the servers a benchmark measures, each as a child process on loopback: Journeyboard's
 * own `server/src/main.ts` over a fresh data folder, and the reference Yjs WebSocket server.
 *
 * `startServerUnderTest` is the one place a benchmark gets "the server": a list of instances that
 * clients spread over, and whose CPU and memory are summed. Today that is one process; with
 * REDIS_URL set it can be several Journeyboard processes relaying through Redis.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  freePort,
  journeyboardListening,
  type LogLine,
  SERVER_MAIN as CHECKOUT_SERVER_MAIN,
  SERVER_NODE_OPTIONS,
  spawnServer,
} from '@journeyboard/testing';
import { CPU_PROFILE_DIR } from './options.ts';
import { referenceServerScript } from './reference-install.ts';

/** BENCH_SERVER_MAIN runs another copy of the server (an experiment, another branch's checkout). */
const SERVER_MAIN = process.env.BENCH_SERVER_MAIN || CHECKOUT_SERVER_MAIN;
/** BENCH_SERVER_NODE_OPTIONS runs it with other options for `node` (space-separated; '' for none). */
const NODE_OPTIONS =
  process.env.BENCH_SERVER_NODE_OPTIONS === undefined
    ? SERVER_NODE_OPTIONS
    : process.env.BENCH_SERVER_NODE_OPTIONS.split(' ').filter((option) => option !== '');
const STARTUP_TIMEOUT_MS = 30_000;
const SHUTDOWN_TIMEOUT_MS = 15_000;

export type ServerKind = 'journeyboard' | 'reference';

/** One running server process. */
export interface ServerProcess {
  pid: number;
  /** `http://127.0.0.1:PORT` */
  url: string;
  /** Where sync clients connect: `ws://…/sync` for Journeyboard, `ws://…` (+ `/<doc>`) for the reference. */
  syncUrl: string;
  port: number;
  /** From spawn() to the process saying it listens, in milliseconds. */
  listeningAfterMs: number;
  /** performance.now() at spawn, to time later milestones (first document served) from it. */
  spawnedAt: number;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Sends `signal`; with SIGTERM, waits for a clean exit and kills it if it hangs. */
  stop(signal?: NodeJS.Signals): Promise<void>;
  /** The last lines of its standard error, for error messages. */
  stderrTail(): string;
  /** Every line of its standard output so far, parsed (its JSON log). */
  logs: LogLine[];
  /** Where its V8 inspector listens on 127.0.0.1, when started with `inspect` (see inspector.ts). */
  inspectorPort: number | null;
}

export { freePort };

/**
 * Spawns `node args` and resolves once a stdout line satisfies `isListening`. A SIGTERM that does
 * not end the process in SHUTDOWN_TIMEOUT_MS becomes a SIGKILL, so a hung server cannot hang a run.
 */
async function spawnUntilListening(
  nodeArgs: string[],
  main: string,
  env: NodeJS.ProcessEnv,
  isListening: (line: LogLine) => string | null,
  what: string,
): Promise<ServerProcess> {
  const server = await spawnServer({
    nodeArgs,
    main,
    env,
    isListening,
    startupTimeoutMs: STARTUP_TIMEOUT_MS,
    what,
  });
  return {
    pid: server.pid,
    port: server.port,
    url: server.url,
    syncUrl: '',
    listeningAfterMs: server.listeningAfterMs,
    spawnedAt: server.spawnedAt,
    exited: server.exited,
    stop: async (signal = 'SIGTERM') => {
      await server.stop(signal, SHUTDOWN_TIMEOUT_MS);
    },
    stderrTail: server.stderrTail,
    logs: server.logs,
    inspectorPort: null,
  };
}

export interface JourneyboardOptions {
  dataDir: string;
  /** 0 for any free port. */
  port?: number;
  /** Run under `node --cpu-prof`, writing the profile into this folder on exit. */
  cpuProfileDir?: string | null;
  /** Extra environment (REDIS_URL, DATABASE_URL…). */
  env?: NodeJS.ProcessEnv;
  /** `info` unless told: `debug` adds a line per document loaded, with how long storage took. */
  logLevel?: 'info' | 'debug';
  /**
   * Run under `node --inspect=127.0.0.1:<free port>`, so that a benchmark can force a garbage
   * collection and read the heap (lib/inspector.ts). Loopback only: the inspector runs any code.
   */
  inspect?: boolean;
}

/** Starts Journeyboard's server (`node server/src/main.ts`, with npm start's options) on loopback. */
export async function spawnJourneyboard(options: JourneyboardOptions): Promise<ServerProcess> {
  const profile = options.cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${options.cpuProfileDir}`] : [];
  const inspectorPort = options.inspect ? await freePort() : null;
  const inspect = inspectorPort === null ? [] : [`--inspect=127.0.0.1:${inspectorPort}`];
  const server = await spawnUntilListening(
    [...NODE_OPTIONS, ...profile, ...inspect],
    SERVER_MAIN,
    {
      ...process.env,
      ...options.env,
      PORT: String(options.port ?? 0),
      HOST: '127.0.0.1',
      DATA_DIR: options.dataDir,
      LOG_LEVEL: options.logLevel ?? 'info',
      // The benchmark's people all come from 127.0.0.1; they tell the server which address each
      // stands for, as a reverse proxy would (journeyboard-api.ts), so that the per-address limit
      // on joining by link sees a crowd, not one address.
      TRUST_PROXY: '1',
    },
    journeyboardListening,
    "Journeyboard's server",
  );
  return { ...server, syncUrl: `ws://127.0.0.1:${server.port}/sync`, inspectorPort };
}

/** Starts the reference `@y/websocket-server` (in memory, no auth) on loopback. */
export async function spawnReference(): Promise<ServerProcess> {
  const port = await freePort();
  // Profiled, reference-profiled.ts is the script node runs, and it runs the reference's.
  const profile = CPU_PROFILE_DIR
    ? [
        '--cpu-prof',
        `--cpu-prof-dir=${CPU_PROFILE_DIR}/reference`,
        new URL('./reference-profiled.ts', import.meta.url).pathname,
      ]
    : [];
  const server = await spawnUntilListening(
    profile,
    referenceServerScript(),
    { ...process.env, HOST: '127.0.0.1', PORT: String(port) },
    (line) => (String(line.msg).startsWith('running at') ? `http://127.0.0.1:${port}` : null),
    'the reference server',
  );
  return { ...server, syncUrl: `ws://127.0.0.1:${port}` };
}

/** "The server" a benchmark drives: one or more processes, stopped together. */
export interface ServerUnderTest {
  kind: ServerKind;
  instances: ServerProcess[];
  pids: number[];
  stop(): Promise<void>;
}

/**
 * Starts the server of `kind` with `instances` processes. Several Journeyboard instances relay
 * through Redis and share one PostgreSQL store, so they need REDIS_URL and DATABASE_URL (passed
 * on from this process's environment); the fan-out benchmarks then spread a board's people over
 * the instances, so that every update crosses Redis to reach some of them.
 */
export async function startServerUnderTest(
  kind: ServerKind,
  instances = 1,
  options: Pick<JourneyboardOptions, 'inspect'> = {},
): Promise<ServerUnderTest> {
  if (kind === 'reference') {
    if (instances !== 1) throw new Error('the reference server keeps documents in memory: one instance only');
    const server = await spawnReference();
    return { kind, instances: [server], pids: [server.pid], stop: () => server.stop() };
  }
  if (instances > 1 && !(process.env.REDIS_URL && process.env.DATABASE_URL)) {
    throw new Error(
      'several Journeyboard instances relay through Redis and share PostgreSQL: set REDIS_URL and DATABASE_URL',
    );
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'journeyboard-bench-'));
  const started: ServerProcess[] = [];
  try {
    for (let i = 0; i < instances; i++) {
      started.push(
        await spawnJourneyboard({ dataDir, cpuProfileDir: CPU_PROFILE_DIR, inspect: options.inspect }),
      );
    }
  } catch (error) {
    await Promise.all(started.map((server) => server.stop('SIGKILL')));
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  return {
    kind,
    instances: started,
    pids: started.map((server) => server.pid),
    async stop() {
      await Promise.all(started.map((server) => server.stop()));
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
